package dev.ember.core.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.result.PartitionResult;
import dev.ember.core.result.ResultAction;
import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;
import dev.ember.core.source.ParseMode;

/** Random batches written by CsvPartitionWriter and read back by CsvScanOperator are unchanged. */
@ExtendWith(EngineHygiene.class)
class CsvRoundTripTest {
  private static final Schema ALL_TYPES = Schema.of(
      Field.of("id", ColumnType.LONG),
      Field.of("name", ColumnType.STRING),
      Field.of("count", ColumnType.INT),
      Field.of("score", ColumnType.DOUBLE),
      Field.of("flag", ColumnType.BOOLEAN),
      Field.of("day", ColumnType.DATE),
      Field.of("at", ColumnType.TIMESTAMP),
      Field.of("note", ColumnType.STRING));
  private static final String NASTY = "ab ,;|\"\\\n\r\té日😀'x";

  @TempDir Path directory;

  @Test
  void randomBatchesSurviveAWriteAndARead() {
    Random random = new Random(21);
    CsvOptions[] dialects = {
      CsvOptions.defaults(),
      CsvFiles.options(true),
      new CsvOptions(true, ';', '"', '"', "", "yyyy-MM-dd", CsvOptions.defaults().timestampFormat(), ParseMode.FAILFAST),
      new CsvOptions(false, '|', '\'', '\\', "NULL", "dd.MM.yyyy", "yyyy-MM-dd HH:mm:ss.SSSSSS", ParseMode.FAILFAST),
      new CsvOptions(true, '\t', '"', '\\', "", "yyyy/MM/dd", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX", ParseMode.FAILFAST),
    };
    for (int iteration = 0; iteration < 30; iteration++) {
      CsvOptions options = dialects[iteration % dialects.length];
      int batchCount = random.nextInt(4);
      List<Batch> batches = new ArrayList<>();
      List<List<Object>> expected = new ArrayList<>();
      for (int b = 0; b < batchCount; b++) {
        List<List<Object>> rows = randomRows(random, iteration == 7 ? 5000 : random.nextInt(60), options);
        batches.add(Batch.fromRows(ALL_TYPES, rows));
        expected.addAll(emptyStringsAsNull(rows));
      }
      Path staging = directory.resolve("staging-" + iteration);
      PartitionResult.WrittenFiles written = CsvPartitionWriter.write(
          new BatchesOperator(batches), ALL_TYPES, new ResultAction.WriteCsv(staging.toString(), options), iteration, 1000L + iteration);
      assertThat(written.rows()).isEqualTo(expected.size());
      assertThat(written.paths()).containsExactly(staging.resolve(String.format("part-%05d-%d.csv", iteration, 1000L + iteration)).toString());
      Path file = Path.of(written.paths().get(0));
      List<List<Object>> actual = CsvFiles.read(ALL_TYPES, file, options);
      assertThat(actual).as("iteration %d", iteration).isEqualTo(expected);
      // Small buffers cut the file's records at arbitrary bytes.
      assertThat(CsvFiles.read(ALL_TYPES, CsvSource.planSplits(List.of(file.toString()), Long.MAX_VALUE), options, 64))
          .isEqualTo(expected);
    }
  }

  @Test
  void withoutQuotedNewlinesTheWrittenFileCanBeSplitAnywhere() throws Exception {
    Random random = new Random(22);
    CsvOptions options = CsvFiles.withMode(CsvFiles.options(true), ParseMode.FAILFAST);
    List<List<Object>> rows = randomRows(random, 40, options);
    for (List<Object> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        if (row.get(i) instanceof String text) {
          row.set(i, text.replace('\n', ' ').replace('\r', ' '));
        }
      }
    }
    Path staging = directory.resolve("split");
    PartitionResult.WrittenFiles written = CsvPartitionWriter.write(
        new BatchesOperator(List.of(Batch.fromRows(ALL_TYPES, rows))), ALL_TYPES, new ResultAction.WriteCsv(staging.toString(), options), 0, 1);
    long length = Files.size(Path.of(written.paths().get(0)));
    for (long size : new long[] {5, 64, 333, length / 3, length}) {
      List<FileSplit> splits = CsvSource.planSplits(written.paths(), size);
      assertThat(CsvFiles.read(ALL_TYPES, splits, options, 128)).as("split size %d", size).isEqualTo(emptyStringsAsNull(rows));
    }
  }

  @Test
  void writerFormatsValuesAsSparkDoes() throws Exception {
    Schema schema = Schema.of(Field.of("s", ColumnType.STRING), Field.of("d", ColumnType.DOUBLE),
        Field.of("day", ColumnType.DATE), Field.of("at", ColumnType.TIMESTAMP), Field.of("b", ColumnType.BOOLEAN),
        Field.of("i", ColumnType.INT), Field.of("l", ColumnType.LONG));
    List<List<Object>> rows = List.of(
        Arrays.asList("plain", 1.5, (int) LocalDate.of(2024, 1, 31).toEpochDay(), 1_706_704_496_123_456L, true, -7, Long.MIN_VALUE),
        Arrays.asList("", 1e20, 0, 0L, false, Integer.MIN_VALUE, 42L),
        Arrays.asList(null, null, null, null, null, null, null),
        Arrays.asList("a,b", Double.NaN, -1, -1L, true, 0, 0L),
        Arrays.asList("say \"hi\"", Double.NEGATIVE_INFINITY, 1, 1L, false, 1, 1L),
        Arrays.asList("back\\slash", -0.0, 2, 2L, true, 2, 2L),
        Arrays.asList(" padded ", 0.1, 3, 3L, true, 3, 3L),
        Arrays.asList("line\nbreak", 100.0, 4, 4L, true, 4, 4L));
    Path staging = directory.resolve("format");
    PartitionResult.WrittenFiles written = CsvPartitionWriter.write(
        new BatchesOperator(List.of(Batch.fromRows(schema, rows))), schema,
        new ResultAction.WriteCsv(staging.toString(), CsvFiles.options(true)), 3, 9);
    assertThat(Files.readString(Path.of(written.paths().get(0)))).isEqualTo(String.join("\n",
        "s,d,day,at,b,i,l",
        "plain,1.5,2024-01-31,2024-01-31T12:34:56.123456Z,true,-7,-9223372036854775808",
        "\"\",1.0E20,1970-01-01,1970-01-01T00:00:00.000000Z,false,-2147483648,42",
        ",,,,,,",
        "\"a,b\",NaN,1969-12-31,1969-12-31T23:59:59.999999Z,true,0,0",
        "\"say \\\"hi\\\"\",-Infinity,1970-01-02,1970-01-01T00:00:00.000001Z,false,1,1",
        "\"back\\\\slash\",-0.0,1970-01-03,1970-01-01T00:00:00.000002Z,true,2,2",
        "\" padded \",0.1,1970-01-04,1970-01-01T00:00:00.000003Z,true,3,3",
        "\"line\nbreak\",100.0,1970-01-05,1970-01-01T00:00:00.000004Z,true,4,4",
        ""));
  }

  @Test
  void fastDateAndTimestampFormattingMatchesTheFormatter() throws Exception {
    Random random = new Random(23);
    Schema schema = Schema.of(Field.of("day", ColumnType.DATE), Field.of("at", ColumnType.TIMESTAMP));
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      rows.add(Arrays.asList(randomDay(random), randomMicros(random)));
    }
    Path staging = directory.resolve("dates");
    PartitionResult.WrittenFiles written = CsvPartitionWriter.write(
        new BatchesOperator(List.of(Batch.fromRows(schema, rows))), schema,
        new ResultAction.WriteCsv(staging.toString(), CsvOptions.defaults()), 0, 0);
    List<String> lines = Files.readAllLines(Path.of(written.paths().get(0)));
    DateTimeFormatter timestampFormatter = DateTimePatterns.formatter(CsvOptions.defaults().timestampFormat(), "t")
        .withZone(java.time.ZoneOffset.UTC);
    for (int i = 0; i < rows.size(); i++) {
      int day = (Integer) rows.get(i).get(0);
      long micros = (Long) rows.get(i).get(1);
      Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
      assertThat(lines.get(i)).isEqualTo(LocalDate.ofEpochDay(day) + "," + timestampFormatter.format(instant));
    }
  }

  @Test
  void aFailingInputLeavesNoPartialFile() throws Exception {
    Path staging = directory.resolve("failing");
    List<Batch> batches = List.of(Batch.fromRows(CsvFiles.strings(1), List.of(List.of("a"))));
    IllegalStateException failure = new IllegalStateException("upstream failed");
    BatchesOperator input = new BatchesOperator(batches, failure);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CsvPartitionWriter.write(
            input, CsvFiles.strings(1), new ResultAction.WriteCsv(staging.toString(), CsvOptions.defaults()), 0, 5))
        .isSameAs(failure);
    try (var files = Files.list(staging)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void anEmptyPartitionWritesAHeaderOnlyFileThatReadsAsNoRows() throws Exception {
    Path staging = directory.resolve("empty");
    PartitionResult.WrittenFiles written = CsvPartitionWriter.write(
        new BatchesOperator(List.of()), ALL_TYPES, new ResultAction.WriteCsv(staging.toString(), CsvFiles.options(true)), 0, 0);
    assertThat(written.rows()).isZero();
    assertThat(Files.readString(Path.of(written.paths().get(0)))).isEqualTo("id,name,count,score,flag,day,at,note\n");
    assertThat(CsvFiles.read(ALL_TYPES, Path.of(written.paths().get(0)), CsvFiles.options(true))).isEmpty();
  }

  /** The writer writes an empty string as {@code ""}, which the reader reads as null (Spark's defaults). */
  private static List<List<Object>> emptyStringsAsNull(List<List<Object>> rows) {
    List<List<Object>> converted = new ArrayList<>();
    for (List<Object> row : rows) {
      List<Object> copy = new ArrayList<>(row);
      copy.replaceAll(value -> "".equals(value) ? null : value);
      converted.add(copy);
    }
    return converted;
  }

  private static List<List<Object>> randomRows(Random random, int count, CsvOptions options) {
    List<List<Object>> rows = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      List<Object> row = new ArrayList<>();
      row.add(maybeNull(random, random.nextLong() >> random.nextInt(64)));
      row.add(maybeNull(random, randomString(random, options)));
      row.add(maybeNull(random, random.nextInt() >> random.nextInt(32)));
      row.add(maybeNull(random, randomDouble(random)));
      row.add(maybeNull(random, random.nextBoolean()));
      row.add(maybeNull(random, randomDay(random)));
      row.add(maybeNull(random, randomMicros(random)));
      row.add(maybeNull(random, randomString(random, options)));
      rows.add(row);
    }
    return rows;
  }

  private static Object maybeNull(Random random, Object value) {
    return random.nextInt(6) == 0 ? null : value;
  }

  private static String randomString(Random random, CsvOptions options) {
    String text = switch (random.nextInt(4)) {
      case 0 -> "";
      case 1 -> CsvRecordReaderDifferentialTest.randomText(random, "abcdefgh", random.nextInt(10));
      default -> {
        StringBuilder builder = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
          builder.appendCodePoint(NASTY.codePoints().toArray()[random.nextInt((int) NASTY.codePoints().count())]);
        }
        yield builder.toString();
      }
    };
    // A string equal to nullValue reads back as null, as in Spark: keep those out.
    return text.equals(options.nullValue()) && !text.isEmpty() ? text + "x" : text;
  }

  private static double randomDouble(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> Double.longBitsToDouble(random.nextLong());
      case 1 -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
          Double.MIN_VALUE, Double.MAX_VALUE}[random.nextInt(7)];
      case 2 -> random.nextInt(1000) / 100.0;
      default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(30) - 10);
    };
  }

  private static int randomDay(Random random) {
    // Years 0001 to 9999.
    return (int) (LocalDate.of(1, 1, 1).toEpochDay() + random.nextInt(3_652_059));
  }

  private static long randomMicros(Random random) {
    return (randomDay(random) * 86_400L + random.nextInt(86_400)) * 1_000_000L + random.nextInt(1_000_000);
  }
}
