package dev.ember.core.io.csv;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.types.Schema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;

/**
 * The record reader with {@code multiLine} against {@link ReferenceCsvParser} on random text:
 * well-formed CSV and chaos made of the dialect's special characters, with buffers and chunks small
 * enough to cut records at every position. (Records as lines, the default, are checked by
 * {@link CsvLineRecordsDifferentialTest}.)
 */
@ExtendWith(EngineHygiene.class)
class CsvRecordReaderDifferentialTest {
  private static final CsvOptions MULTI_LINE = CsvOptions.defaults().withMultiLine(true);

  private static final String CHAOS_ALPHABET = "ab,,\"\"\\\n\r é日;\t";

  @TempDir Path directory;

  @Test
  void chaoticTextIsCutLikeTheReference() throws Exception {
    Random random = new Random(42);
    CsvOptions[] dialects = {
      MULTI_LINE,
      dialect(';', '"', '\\'),
      dialect(',', '"', '"'),
      dialect('\t', '\'', '\\'),
    };
    for (int iteration = 0; iteration < 1500; iteration++) {
      CsvOptions options = dialects[iteration % dialects.length];
      String text = randomText(random, CHAOS_ALPHABET, random.nextInt(iteration % 3 == 0 ? 120 : 12));
      checkAgainstReference(text, options, iteration, random);
    }
  }

  @Test
  void wellFormedRecordsAreCutLikeTheReference() throws Exception {
    Random random = new Random(7);
    for (int iteration = 0; iteration < 200; iteration++) {
      CsvOptions options = iteration % 2 == 0 ? MULTI_LINE : dialect('|', '"', '"');
      StringBuilder text = new StringBuilder();
      int records = random.nextInt(30);
      for (int r = 0; r < records; r++) {
        int fields = 1 + random.nextInt(5);
        for (int f = 0; f < fields; f++) {
          if (f > 0) {
            text.append(options.delimiter());
          }
          String value = randomText(random, "xyz 12.,|\"\\\né", random.nextInt(8));
          text.append(RandomCsvText.encode(value, options));
        }
        text.append(random.nextInt(4) == 0 ? "\r\n" : "\n");
      }
      if (random.nextBoolean() && text.length() > 0) {
        text.setLength(text.length() - 1);
      }
      checkAgainstReference(text.toString(), options, iteration, random);
    }
  }

  @Test
  void handPickedEdgeCasesAreCutLikeTheReference() throws Exception {
    String[] texts = {
      "", "\n", ",", ",\n,", "a", "a\r", "a\r\n", "\r\n\r\n", "\"", "\"\"", "\"\"\"", "\"\"\"\"",
      "\"a\\\"", "\"a\\\"\n", "\"a\\\\\"", "\"a\\\\\",b", "\"a\"\"", "\"a\"b,c", "\"a\"\r", "\"a\"\r\n",
      "\"a\"\rx\n", "a,\"b\nc\",d\ne", "\"\\", "\"\\x\"", "x\"y,\"z", "  \"a\"  ,b", "\"a\r\nb\"\r\n",
      "a,b,\n,\n", "\"\",\"\"\n", "\uFEFF\"h\"\n1",
    };
    for (CsvOptions options : new CsvOptions[] {MULTI_LINE, dialect(',', '"', '"')}) {
      for (int i = 0; i < texts.length; i++) {
        checkAgainstReference(texts[i], options, i, new Random(i));
      }
    }
    assertThat(readAll("\"a\\\"", MULTI_LINE, false, 16, 2)).containsExactly(List.of("a\""));
    assertThat(readAll("\"a\\\\\",b", MULTI_LINE, false, 16, 2)).containsExactly(List.of("a\\", "b"));
    assertThat(readAll("\"a\"\"b\",\"\"\n", MULTI_LINE, false, 16, 2)).containsExactly(Arrays.asList("a\"b", null));
  }

  @Test
  void byteOrderMarkAndBlankLinesAreSkipped() throws Exception {
    String text = "\uFEFFa,b\n\n   \n\t\r\nc,d\r\n \n";
    checkAgainstReference(text, MULTI_LINE, 0, new Random(1));
    assertThat(readAll(text, MULTI_LINE, false, 1 << 10, 10)).containsExactly(List.of("a", "b"), List.of("c", "d"));
  }

  @Test
  void aRecordLongerThanTheBufferGrowsIt() throws Exception {
    String longValue = "x".repeat(10_000);
    String text = "1,\"" + longValue + "\"\n2," + longValue + "\n";
    assertThat(readAll(text, MULTI_LINE, false, 16, 4))
        .containsExactly(List.of("1", longValue), List.of("2", longValue));
  }

  private void checkAgainstReference(String text, CsvOptions options, int iteration, Random random) throws Exception {
    boolean header = random.nextInt(3) == 0;
    List<List<String>> expected = new ReferenceCsvParser(options).parse(text, header);
    Path file = directory.resolve("data.csv");
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    int[] bufferSizes = {16, 17 + random.nextInt(40), 1 << 12};
    for (int bufferBytes : bufferSizes) {
      int maxRows = 1 + random.nextInt(5);
      List<List<String>> actual = readFile(file, options, header, bufferBytes, maxRows);
      assertThat(actual)
          .as("iteration %d, buffer %d, rows per chunk %d, header %s, text [%s]", iteration, bufferBytes, maxRows, header,
              text.replace("\r", "\\r").replace("\n", "\\n"))
          .isEqualTo(expected);
    }
  }

  private List<List<String>> readAll(String text, CsvOptions options, boolean header, int bufferBytes, int maxRows)
      throws Exception {
    Path file = directory.resolve("data.csv");
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    return readFile(file, options, header, bufferBytes, maxRows);
  }

  private static List<List<String>> readFile(Path file, CsvOptions options, boolean header, int bufferBytes, int maxRows)
      throws Exception {
    long length = Files.size(file);
    int width = 130;
    List<List<String>> records = new ArrayList<>();
    try (CsvRecordReader reader = new CsvRecordReader(
        new FileSplit(file.toString(), 0, length, length), options, width, maxRows, header, bufferBytes)) {
      int rows;
      while ((rows = reader.readChunk()) > 0) {
        for (int row = 0; row < rows; row++) {
          List<String> fields = new ArrayList<>();
          assertThat(reader.fieldCounts[row]).isLessThanOrEqualTo(width);
          for (int field = 0; field < reader.fieldCounts[row]; field++) {
            int start = reader.fieldStarts[row * width + field];
            int end = reader.fieldEnds[row * width + field];
            fields.add(start == end ? null : new String(reader.buffer, start, end - start, StandardCharsets.UTF_8));
          }
          records.add(fields);
        }
      }
    }
    return records;
  }

  /** The scan operator pads and cuts records to the schema; compared here on the same chaos. */
  @Test
  void scanOperatorPadsAndCutsRecordsToTheSchema() {
    Random random = new Random(99);
    for (int iteration = 0; iteration < 100; iteration++) {
      String text = randomText(random, CHAOS_ALPHABET, random.nextInt(200));
      Path file = CsvFiles.write(directory, "scan.csv", text);
      int width = 1 + random.nextInt(4);
      Schema schema = CsvFiles.strings(width);
      List<List<Object>> actual = CsvFiles.read(schema, file, MULTI_LINE);
      List<List<Object>> expected = new ArrayList<>();
      for (List<String> record : new ReferenceCsvParser(MULTI_LINE).parse(text, false)) {
        Object[] row = new Object[width];
        for (int i = 0; i < Math.min(width, record.size()); i++) {
          row[i] = record.get(i);
        }
        expected.add(Arrays.asList(row));
      }
      assertThat(actual).as("text [%s]", text).isEqualTo(expected);
    }
  }

  static CsvOptions dialect(char delimiter, char quote, char escape) {
    CsvOptions d = CsvOptions.defaults();
    return new CsvOptions(false, delimiter, quote, escape, d.nullValue(), d.dateFormat(), d.timestampFormat(), d.mode())
        .withMultiLine(true);
  }

  static String randomText(Random random, String alphabet, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
