package dev.ember.core.io.csv;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.io.MalformedRecordException;
import dev.ember.core.plan.CsvScanExec;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;
import dev.ember.core.source.ParseMode;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records as lines (Spark's default, {@code multiLine=false}) against an independent reference
 * reader written here: random files with quotes, stray quotes, escapes, {@code \n}, {@code \r\n}
 * and {@code \r} line ends, blank lines, empty fields and headers, cut into two splits at every
 * byte offset, read in all three modes. The reference splits the text into lines first and parses
 * each line on its own, so a quote can never carry a record past its line.
 */
@ExtendWith(EngineHygiene.class)
class CsvLineRecordsDifferentialTest {
  private static final int WIDTH = 3;
  private static final String[] TOKENS = {
    "", "a", "bc", "x y", "é日", "\"q,1\"", "\"\"", "\"a\"\"b\"", "\"e\\\"s\"", "\"e\\\\\"", "\"unterminated", "mid\"quote",
    "\"closed\"tail", " pad ", "\\", "\"", "#c", "tab\tbed", "\u000bvt"
  };
  private static final String[] LINE_ENDS = {"\n", "\r\n", "\r"};

  @TempDir Path directory;

  /** The dialects checked: defaults, a header, a one-byte lineSep, comments, white-space trims, quote == escape. */
  private static final CsvOptions[] DIALECTS = {
    CsvOptions.defaults(),
    CsvOptions.defaults().withHeader(true),
    CsvOptions.defaults().withLines("UTF-8", "|", CsvOptions.NO_COMMENT),
    CsvOptions.defaults().withLines("UTF-8", null, '#'),
    CsvOptions.defaults().withValues(true, true, null),
    new CsvOptions(false, ';', '"', '"', "", "yyyy-MM-dd", CsvOptions.defaults().timestampFormat(), ParseMode.PERMISSIVE),
  };

  @Test
  void everySplitOffsetInEveryModeMatchesTheLineReference() throws Exception {
    long seed = Long.getLong("ember.test.seed", 20261206L);
    Random random = new Random(seed);
    int recordCount = 0;
    int unclosedCount = 0;
    int carriageReturnFiles = 0;
    for (int iteration = 0; iteration < 60; iteration++) {
      CsvOptions dialect = DIALECTS[iteration % DIALECTS.length];
      String text = randomText(random, dialect);
      Path file = CsvFiles.write(directory, "lines" + iteration + ".csv", text);
      List<Record> records = new LineReference(dialect).parse(text);
      recordCount += records.size();
      unclosedCount += (int) records.stream().filter(Record::unclosed).count();
      carriageReturnFiles += text.matches("(?s).*\\r[^\\n].*") ? 1 : 0;
      long length = Files.size(file);
      for (long cut = 0; cut <= length; cut++) {
        List<FileSplit> splits = cut == 0 || cut == length
            ? List.of(new FileSplit(file.toString(), 0, length, length))
            : List.of(new FileSplit(file.toString(), 0, cut, length), new FileSplit(file.toString(), cut, length - cut, length));
        int bufferBytes = 16 + random.nextInt(64);
        String context = "iteration " + iteration + ", cut " + cut + ", buffer " + bufferBytes + ", dialect " + dialect
            + ", text [" + text + "]";
        checkModes(records, splits, dialect, bufferBytes, "seed " + seed + ", " + context);
      }
    }
    // The random files must hold what the test is about.
    assertThat(recordCount).isGreaterThan(150);
    assertThat(unclosedCount).isGreaterThan(10);
    assertThat(carriageReturnFiles).isGreaterThan(5);
  }

  private static void checkModes(List<Record> records, List<FileSplit> splits, CsvOptions dialect, int bufferBytes, String context) {
    Schema schema = CsvFiles.strings(WIDTH);
    List<List<Object>> permissive = new ArrayList<>();
    List<List<Object>> dropMalformed = new ArrayList<>();
    Record firstBad = null;
    for (Record record : records) {
      Object[] row = new Object[WIDTH];
      for (int i = 0; i < Math.min(WIDTH, record.fields.size()); i++) {
        row[i] = record.fields.get(i);
      }
      permissive.add(Arrays.asList(row));
      boolean bad = record.unclosed || record.fields.size() != WIDTH;
      if (!bad) {
        dropMalformed.add(Arrays.asList(row));
      } else if (firstBad == null) {
        firstBad = record;
      }
    }
    assertThat(CsvFiles.read(schema, splits, dialect.withMode(ParseMode.PERMISSIVE), bufferBytes)).as(context).isEqualTo(permissive);
    assertThat(CsvFiles.read(schema, splits, dialect.withMode(ParseMode.DROPMALFORMED), bufferBytes)).as(context).isEqualTo(dropMalformed);
    // A scan of the first column only skips each record's tail with the quote-aware fast scan.
    List<List<Object>> firstColumn = new ArrayList<>();
    for (List<Object> row : permissive) {
      firstColumn.add(Arrays.asList(row.get(0)));
    }
    assertThat(readFirstColumn(schema, splits, dialect.withMode(ParseMode.PERMISSIVE), bufferBytes)).as(context)
        .isEqualTo(firstColumn);
    CsvOptions failFast = dialect.withMode(ParseMode.FAILFAST);
    if (firstBad == null) {
      assertThat(CsvFiles.read(schema, splits, failFast, bufferBytes)).as(context).isEqualTo(permissive);
    } else {
      long line = firstBad.line;
      assertThatThrownBy(() -> CsvFiles.read(schema, splits, failFast, bufferBytes))
          .as(context)
          .isInstanceOfSatisfying(MalformedRecordException.class, e -> assertThat(e.lineNumber()).as(context).isEqualTo(line));
    }
  }

  private static List<List<Object>> readFirstColumn(Schema schema, List<FileSplit> splits, CsvOptions options, int bufferBytes) {
    CsvScanExec scan = new CsvScanExec(schema, splits, options, List.of(0), null);
    List<List<Object>> rows = new ArrayList<>();
    for (int partition = 0; partition < splits.size(); partition++) {
      try (CsvScanOperator operator = new CsvScanOperator(scan, partition, new FakeTaskContext(partition), bufferBytes)) {
        Batch batch;
        while ((batch = operator.next()) != null) {
          rows.addAll(batch.rows());
        }
      }
    }
    return rows;
  }

  private static String randomText(Random random, CsvOptions dialect) {
    StringBuilder text = new StringBuilder();
    int lines = random.nextInt(9);
    for (int line = 0; line < lines; line++) {
      int kind = random.nextInt(12);
      if (kind == 0) {
        text.append(random.nextBoolean() ? "" : " \t ");
      } else {
        int fields = kind == 1 ? 1 + random.nextInt(5) : WIDTH;
        for (int field = 0; field < fields; field++) {
          if (field > 0) {
            text.append(dialect.delimiter());
          }
          text.append(TOKENS[random.nextInt(TOKENS.length)]);
        }
      }
      String lineEnd = dialect.lineSeparator() != null && random.nextInt(4) != 0
          ? dialect.lineSeparator()
          : LINE_ENDS[random.nextInt(LINE_ENDS.length)];
      if (line < lines - 1 || random.nextBoolean()) {
        text.append(lineEnd);
      }
    }
    return text.toString();
  }

  /** One record of the reference: its fields (empty: null), whether a quote is left open, its 1-based line. */
  record Record(List<String> fields, boolean unclosed, long line) {}

  /** Splits text into lines, then each line into fields: written from the rules, sharing no code with the reader. */
  static final class LineReference {
    private final CsvOptions options;

    LineReference(CsvOptions options) {
      this.options = options;
    }

    List<Record> parse(String text) {
      List<String> lines = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (options.lineSeparator() != null) {
          if (c == options.lineSeparator().charAt(0)) {
            lines.add(text.substring(start, i));
            start = i + 1;
          }
        } else if (c == '\n' || c == '\r') {
          lines.add(text.substring(start, i));
          if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            i++;
          }
          start = i + 1;
        }
      }
      if (start < text.length()) {
        lines.add(text.substring(start));
      }
      List<Record> records = new ArrayList<>();
      boolean headerPending = options.header();
      for (int number = 0; number < lines.size(); number++) {
        String line = lines.get(number);
        if (line.trim().isEmpty()
            || (options.comment() != CsvOptions.NO_COMMENT && line.charAt(0) == options.comment())) {
          continue;
        }
        Record record = parseLine(line, number + 1);
        if (headerPending) {
          headerPending = false;
        } else {
          records.add(record);
        }
      }
      return records;
    }

    private boolean trimmable(char c) {
      return c <= ' ' && c != options.delimiter();
    }

    private Record parseLine(String line, long number) {
      char delimiter = options.delimiter();
      char quote = options.quote();
      char escape = options.escape();
      List<String> fields = new ArrayList<>();
      boolean unclosed = false;
      int i = 0;
      while (true) {
        if (options.ignoreLeadingWhiteSpace()) {
          while (i < line.length() && trimmable(line.charAt(i))) {
            i++;
          }
        }
        StringBuilder value = new StringBuilder();
        boolean quoted = i < line.length() && line.charAt(i) == quote;
        if (quoted) {
          i++;
          boolean closed = false;
          while (i < line.length()) {
            char c = line.charAt(i);
            if (c == quote && i + 1 < line.length() && line.charAt(i + 1) == quote) {
              value.append(quote);
              i += 2;
            } else if (c == quote) {
              i++;
              closed = true;
              break;
            } else if (c == escape && escape != quote && i + 1 < line.length()
                && (line.charAt(i + 1) == quote || line.charAt(i + 1) == escape)) {
              value.append(line.charAt(i + 1));
              i += 2;
            } else {
              value.append(c);
              i++;
            }
          }
          unclosed |= !closed;
        }
        int restStart = i;
        while (i < line.length() && line.charAt(i) != delimiter) {
          i++;
        }
        String rest = line.substring(restStart, i);
        if (options.ignoreTrailingWhiteSpace()) {
          int end = rest.length();
          while (end > 0 && trimmable(rest.charAt(end - 1))) {
            end--;
          }
          rest = rest.substring(0, end);
        }
        value.append(rest);
        fields.add(value.isEmpty() ? null : value.toString());
        if (i >= line.length()) {
          break;
        }
        i++; // the delimiter
      }
      return new Record(fields, unclosed, number);
    }
  }
}
