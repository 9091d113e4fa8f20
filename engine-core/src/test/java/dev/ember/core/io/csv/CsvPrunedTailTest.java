package dev.ember.core.io.csv;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.plan.CsvScanExec;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;

/**
 * A PERMISSIVE scan that needs only leading columns skips the rest of each record without cutting
 * it into fields; it must give the rows of reading every column and projecting. The skipped tails
 * hold quoted fields with delimiters, newlines, doubled and escaped quotes, text after a closing
 * quote and stray quotes; records have fewer or more fields than the schema, {@code \n} or
 * {@code \r\n} endings, blank lines and sometimes an unclosed quote at the end; the file is cut
 * into two splits at every offset and read with tiny buffers.
 */
@ExtendWith(EngineHygiene.class)
class CsvPrunedTailTest {
  private static final Schema SCHEMA = Schema.of(
      Field.of("a", ColumnType.STRING), Field.of("n", ColumnType.INT), Field.of("c", ColumnType.STRING),
      Field.of("d", ColumnType.DOUBLE), Field.of("e", ColumnType.STRING));
  private static final String[] TOKENS = {
    "", "1", "-7", "2.5", "x", "abc", "\"\"", "\"q,w\"", "\"line\nbreak\"", "\"cr\r\nlf\"", "\"say \"\"hi\"\"\"",
    "\"esc \\\" q\"", "\"back\\\\slash\"", "\"closed\"tail", "mid\"quote", "\"a\",", "\"12\"", " 3 ", "\",\"\",\"",
  };
  private static final List<List<Integer>> REQUIRED = List.of(
      List.of(), List.of(0), List.of(1), List.of(0, 1), List.of(1, 3), List.of(2), List.of(0, 2, 3));

  @TempDir Path directory;

  @Test
  void prunedPermissiveScanMatchesReadingAllColumnsAndProjectingAtEveryCut() throws Exception {
    Random random = new Random(11);
    CsvOptions options = CsvOptions.defaults();
    for (int iteration = 0; iteration < 12; iteration++) {
      String newline = iteration % 2 == 0 ? "\n" : "\r\n";
      String text = randomFile(random, 6 + random.nextInt(10), newline, iteration % 3 == 2);
      Path file = CsvFiles.write(directory, "tail.csv", text);
      long length = Files.size(file);
      List<List<FileSplit>> splitChoices = new ArrayList<>();
      splitChoices.add(List.of(new FileSplit(file.toString(), 0, length, length)));
      for (long cut = 1; cut < length; cut++) {
        splitChoices.add(List.of(
            new FileSplit(file.toString(), 0, cut, length),
            new FileSplit(file.toString(), cut, length - cut, length)));
      }
      for (List<FileSplit> splits : splitChoices) {
        int bufferBytes = 16 + random.nextInt(48);
        List<List<Object>> all = read(new CsvScanExec(SCHEMA, splits, options), bufferBytes);
        List<Integer> required = REQUIRED.get(random.nextInt(REQUIRED.size()));
        List<List<Object>> projected = new ArrayList<>();
        for (List<Object> row : all) {
          List<Object> narrowed = new ArrayList<>();
          for (int column : required) {
            narrowed.add(row.get(column));
          }
          projected.add(narrowed);
        }
        List<List<Object>> pruned = read(new CsvScanExec(SCHEMA, splits, options, required, null), 16 + random.nextInt(48));
        assertThat(pruned)
            .as("file %s, splits %s, required %s", text, splits, required)
            .isEqualTo(projected);
      }
    }
  }

  @Test
  void aSkippedTailKeepsQuotedNewlinesInsideTheRecord() {
    String text = "1,2,\"x\ny\",z\r\n3,4,\"p,\"\"q\"\"\nr\",s\n5\n6,7,\"open";
    Path file = CsvFiles.write(directory, "hand.csv", text);
    long length = text.length();
    List<FileSplit> splits = List.of(new FileSplit(file.toString(), 0, length, length));
    Schema schema = Schema.of(
        Field.of("a", ColumnType.INT), Field.of("b", ColumnType.INT),
        Field.of("c", ColumnType.STRING), Field.of("d", ColumnType.STRING));
    List<List<Object>> rows = read(new CsvScanExec(schema, splits, CsvOptions.defaults().withMultiLine(true), List.of(1), null), 16);
    List<List<Object>> expected = new ArrayList<>();
    expected.add(List.of(2));
    expected.add(List.of(4));
    List<Object> missing = new ArrayList<>();
    missing.add(null);
    expected.add(missing);
    expected.add(List.of(7));
    assertThat(rows).isEqualTo(expected);
  }

  @Test
  void withoutMultiLineASkippedTailEndsAtItsLineEvenInsideAQuote() {
    String text = "1,2,\"x\ny\",z\r\n3,4,\"open\n5,6,c,d\r7,8";
    Path file = CsvFiles.write(directory, "lines.csv", text);
    long length = text.length();
    List<FileSplit> splits = List.of(new FileSplit(file.toString(), 0, length, length));
    Schema schema = Schema.of(
        Field.of("a", ColumnType.INT), Field.of("b", ColumnType.INT),
        Field.of("c", ColumnType.STRING), Field.of("d", ColumnType.STRING));
    List<List<Object>> rows = read(new CsvScanExec(schema, splits, CsvOptions.defaults(), List.of(1), null), 16);
    List<Object> missing = new ArrayList<>();
    missing.add(null);
    // Lines: 1,2,"x | y",z | 3,4,"open | 5,6,c,d | 7,8 -- the quotes never join two lines.
    assertThat(rows).isEqualTo(List.of(List.of(2), missing, List.of(4), List.of(6), List.of(8)));
  }

  private static List<List<Object>> read(CsvScanExec scan, int bufferBytes) {
    List<List<Object>> rows = new ArrayList<>();
    for (int partition = 0; partition < scan.splits().size(); partition++) {
      try (CsvScanOperator operator = new CsvScanOperator(scan, partition, new FakeTaskContext(partition), bufferBytes)) {
        Batch batch;
        while ((batch = operator.next()) != null) {
          rows.addAll(batch.rows());
        }
      }
    }
    return rows;
  }

  private static String randomFile(Random random, int records, String newline, boolean unclosedAtEnd) {
    StringBuilder text = new StringBuilder();
    for (int r = 0; r < records; r++) {
      if (random.nextInt(8) == 0) {
        text.append(random.nextBoolean() ? "" : "  ").append(newline);
      }
      int fields = 1 + random.nextInt(7);
      for (int f = 0; f < fields; f++) {
        if (f > 0) {
          text.append(',');
        }
        text.append(TOKENS[random.nextInt(TOKENS.length)]);
      }
      text.append(newline);
    }
    if (unclosedAtEnd) {
      text.append("9,8,\"never closed, ").append(newline).append("x,y");
    } else if (random.nextBoolean()) {
      text.setLength(text.length() - newline.length());
    }
    return text.toString();
  }
}
