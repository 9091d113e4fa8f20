package dev.ember.core.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.io.InputPathNotFoundException;
import dev.ember.core.io.MalformedRecordException;
import dev.ember.core.plan.CsvScanExec;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;
import dev.ember.core.source.ParseMode;

/** Hand-written cases of the CSV scan: header, nulls, types, formats, the three modes, resources. */
@ExtendWith(EngineHygiene.class)
class CsvScanOperatorTest {
  private static final Schema PRICES = Schema.of(
      Field.of("item", ColumnType.STRING), Field.of("price", ColumnType.DOUBLE), Field.of("qty", ColumnType.INT));

  @TempDir Path directory;

  @Test
  void headerIsSkippedOnlyWhenAskedFor() {
    Path file = CsvFiles.write(directory, "h.csv", "item,price,qty\napple,1.5,3\n");
    assertThat(CsvFiles.read(PRICES, file, CsvFiles.options(true))).containsExactly(List.of("apple", 1.5, 3));
    assertThat(CsvFiles.read(CsvFiles.strings(3), file, CsvFiles.options(false)))
        .containsExactly(List.of("item", "price", "qty"), List.of("apple", "1.5", "3"));
  }

  @Test
  void headerOfEverySplitStartingAtZeroOnlyAndCrLfAndNoFinalNewline() {
    Path first = CsvFiles.write(directory, "a.csv", "item,price,qty\r\napple,1.5,3\r\npear,2,4");
    Path second = CsvFiles.write(directory, "b.csv", "item,price,qty\r\nplum,0.5,1\r\n");
    List<FileSplit> splits = CsvSource.planSplits(List.of(first.toString(), second.toString()), 10);
    assertThat(CsvFiles.read(PRICES, splits, CsvFiles.options(true), 64))
        .containsExactly(List.of("apple", 1.5, 3), List.of("pear", 2.0, 4), List.of("plum", 0.5, 1));
  }

  @Test
  void emptyFieldsQuotedOrNotAndNullValueAreNull() {
    Path file = CsvFiles.write(directory, "n.csv", "\"\",,\nNA,NA,NA\n\"NA\",1,2\nx,\"\",\"7\"\n");
    CsvOptions d = CsvOptions.defaults();
    CsvOptions na = new CsvOptions(false, ',', '"', '\\', "NA", d.dateFormat(), d.timestampFormat(), ParseMode.FAILFAST);
    assertThat(CsvFiles.read(PRICES, file, na)).containsExactly(
        Arrays.asList(null, null, null), Arrays.asList(null, null, null), Arrays.asList(null, 1.0, 2), Arrays.asList("x", null, 7));
  }

  @Test
  void missingFieldsArePaddedAndExtraFieldsDroppedInPermissiveMode() {
    Path file = CsvFiles.write(directory, "p.csv", "apple\npear,2,3,extra,more\n");
    assertThat(CsvFiles.read(PRICES, file, CsvOptions.defaults()))
        .containsExactly(Arrays.asList("apple", null, null), List.of("pear", 2.0, 3));
  }

  @Test
  void allTypesParse() {
    Schema schema = Schema.of(Field.of("b", ColumnType.BOOLEAN), Field.of("i", ColumnType.INT), Field.of("l", ColumnType.LONG),
        Field.of("d", ColumnType.DOUBLE), Field.of("day", ColumnType.DATE), Field.of("at", ColumnType.TIMESTAMP),
        Field.of("s", ColumnType.STRING));
    Path file = CsvFiles.write(directory, "t.csv", String.join("\n",
        "TRUE,-12,9223372036854775807,NaN,2024-02-29,2024-02-29T10:00:00Z,日本",
        "false,+7,-1,-Infinity,1970-01-01,1970-01-01 00:00:01.5,\"a\"\"b\"",
        "False,0,0,1e-3,0001-01-01,2024-02-29T12:00:00+02:00,\"x\\\"y\""));
    assertThat(CsvFiles.read(schema, file, CsvFiles.withMode(CsvOptions.defaults(), ParseMode.FAILFAST))).containsExactly(
        List.of(true, -12, Long.MAX_VALUE, Double.NaN, (int) LocalDate.of(2024, 2, 29).toEpochDay(), 1_709_200_800_000_000L, "日本"),
        List.of(false, 7, -1L, Double.NEGATIVE_INFINITY, 0, 1_500_000L, "a\"b"),
        List.of(false, 0, 0L, 0.001, (int) LocalDate.of(1, 1, 1).toEpochDay(), 1_709_200_800_000_000L, "x\"y"));
  }

  @Test
  void dateFormatOptionIsUsed() {
    CsvOptions d = CsvOptions.defaults();
    CsvOptions options = new CsvOptions(false, ',', '"', '\\', "", "MM/dd/yyyy", d.timestampFormat(), ParseMode.PERMISSIVE);
    Path file = CsvFiles.write(directory, "d.csv", "02/29/2024\n2024-02-29\n13/01/2024\n");
    assertThat(CsvFiles.read(Schema.of(Field.of("day", ColumnType.DATE)), file, options))
        .containsExactly(List.of((int) LocalDate.of(2024, 2, 29).toEpochDay()), Arrays.asList((Object) null), Arrays.asList((Object) null));
  }

  @Test
  void permissiveModeTurnsBadValuesIntoNulls() {
    Path file = CsvFiles.write(directory, "bad.csv", "apple,abc,3\npear,2,x\nplum,1e400x,99999999999\n");
    assertThat(CsvFiles.read(PRICES, file, CsvOptions.defaults())).containsExactly(
        Arrays.asList("apple", null, 3), Arrays.asList("pear", 2.0, null), Arrays.asList("plum", null, null));
  }

  @Test
  void dropMalformedDropsRecordsWithBadValuesOrWrongFieldCounts() {
    Path file = CsvFiles.write(directory, "drop.csv",
        "apple,abc,3\npear,2,4\nshort,1\nlong,1,2,3\nplum,3,5\n\"open,1,2\n");
    assertThat(CsvFiles.read(PRICES, file, CsvFiles.withMode(CsvOptions.defaults(), ParseMode.DROPMALFORMED)))
        .containsExactly(List.of("pear", 2.0, 4), List.of("plum", 3.0, 5));
  }

  @Test
  void dropMalformedAcrossManyBatches() {
    StringBuilder text = new StringBuilder();
    List<List<Object>> expected = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      if (i % 7 == 3) {
        text.append("bad").append(i).append(",x,1\n");
      } else {
        text.append("ok").append(i).append(',').append(i).append(".5,").append(i).append('\n');
        expected.add(List.of("ok" + i, i + 0.5, i));
      }
    }
    Path file = CsvFiles.write(directory, "many.csv", text.toString());
    assertThat(CsvFiles.read(PRICES, file, CsvFiles.withMode(CsvOptions.defaults(), ParseMode.DROPMALFORMED)))
        .isEqualTo(expected);
  }

  @Test
  void failFastNamesFileLineColumnAndValue() {
    Path file = CsvFiles.write(directory, "x.csv", "item,price,qty\napple,1.5,3\n\"multi\nline\",2,3\npear,abc,4\n");
    CsvOptions options = CsvFiles.withMode(CsvFiles.options(true), ParseMode.FAILFAST).withMultiLine(true);
    assertThatThrownBy(() -> CsvFiles.read(PRICES, file, options))
        .isInstanceOfSatisfying(MalformedRecordException.class, e -> {
          assertThat(e.path()).isEqualTo(file.toAbsolutePath().toString());
          assertThat(e.lineNumber()).isEqualTo(5);
          assertThat(e.column()).isEqualTo("price");
        })
        .hasMessage("Malformed CSV record in file:" + file.toAbsolutePath() + " line 5, column \"price\": cannot parse 'abc' as double");
  }

  @Test
  void failFastReportsTheFirstBadRecordEvenWhenALaterColumnFailsEarlier() {
    Path file = CsvFiles.write(directory, "order.csv", "a,1,x\nb,zz,2\n");
    assertThatThrownBy(() -> CsvFiles.read(PRICES, file, CsvFiles.withMode(CsvOptions.defaults(), ParseMode.FAILFAST)))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageEndingWith("line 1, column \"qty\": cannot parse 'x' as int");
  }

  @Test
  void failFastOnFieldCountAndUnclosedQuote() {
    Path shortRecord = CsvFiles.write(directory, "short.csv", "a,1,2\nb,1\n");
    assertThatThrownBy(() -> CsvFiles.read(PRICES, shortRecord, CsvFiles.withMode(CsvOptions.defaults(), ParseMode.FAILFAST)))
        .isInstanceOfSatisfying(MalformedRecordException.class, e -> assertThat(e.column()).isNull())
        .hasMessage("Malformed CSV record in file:" + shortRecord.toAbsolutePath() + " line 2: expected 3 fields but found 2");
    Path open = CsvFiles.write(directory, "open.csv", "a,1,2\n\n\"b,1,2\nc,3,4\n");
    assertThatThrownBy(() -> CsvFiles.read(PRICES, open, CsvFiles.withMode(CsvOptions.defaults(), ParseMode.FAILFAST).withMultiLine(true)))
        .hasMessageEndingWith("line 3: a quoted field is not closed before the end of the file");
  }

  @Test
  void failFastInASplitStartingMidFileCountsLinesFromTheFileStart() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 200; i++) {
      text.append(i == 150 ? "bad,1.0,oops" : "row" + i + ",1.0," + i).append('\n');
    }
    Path file = CsvFiles.write(directory, "mid.csv", text.toString());
    long length = Files.size(file);
    List<FileSplit> splits = CsvSource.planSplits(List.of(file.toString()), length / 3);
    long badOffset = text.indexOf("bad,");
    int partition = 0;
    while (splits.get(partition).start() + splits.get(partition).length() <= badOffset) {
      partition++;
    }
    assertThat(splits.get(partition).start()).isGreaterThan(0);
    CsvScanExec scan = new CsvScanExec(PRICES, splits, CsvFiles.withMode(CsvOptions.defaults(), ParseMode.FAILFAST));
    try (CsvScanOperator operator = new CsvScanOperator(scan, partition, new FakeTaskContext(0))) {
      assertThatThrownBy(() -> {
        while (operator.next() != null) {
          // drain
        }
      }).isInstanceOfSatisfying(MalformedRecordException.class, e -> assertThat(e.lineNumber()).isEqualTo(150))
          .hasMessageContaining("line 150, column \"qty\": cannot parse 'oops' as int");
    }
  }

  @Test
  void fewDistinctStringsBecomeDictionariesAndManyStayPlainUtf8() {
    String[] modes = {"AIR", "MAIL", "TRUCK", "é-ship", "日本", "😀 rail", ""};
    long seed = dev.ember.core.testing.TestSeeds.seed(61);
    java.util.Random random = new java.util.Random(seed);
    StringBuilder text = new StringBuilder();
    List<List<Object>> expected = new ArrayList<>();
    int rows = 2 * Batch.DEFAULT_ROWS + 77;
    for (int i = 0; i < rows; i++) {
      String mode = modes[random.nextInt(modes.length)];
      String comment = "c" + i + (i % 3 == 0 ? "ü😀" : "");
      // An empty mode field reads as null; quoted fields carry the delimiter.
      text.append(mode.isEmpty() ? "" : "\"" + mode + ",x\"").append(',').append(comment).append('\n');
      expected.add(Arrays.asList(mode.isEmpty() ? null : mode + ",x", comment));
    }
    Path file = CsvFiles.write(directory, "modes.csv", text.toString());
    Schema schema = Schema.of(Field.of("mode", ColumnType.STRING), Field.of("comment", ColumnType.STRING));
    CsvScanExec scan = new CsvScanExec(schema, CsvSource.planSplits(List.of(file.toString()), Long.MAX_VALUE), CsvOptions.defaults());
    List<List<Object>> actual = new ArrayList<>();
    try (CsvScanOperator operator = new CsvScanOperator(scan, 0, new FakeTaskContext(0))) {
      Batch batch;
      while ((batch = operator.next()) != null) {
        actual.addAll(batch.rows());
        dev.ember.core.vector.StringVector mode = (dev.ember.core.vector.StringVector) batch.column(0);
        dev.ember.core.vector.StringVector comment = (dev.ember.core.vector.StringVector) batch.column(1);
        if (batch.rowCount() >= 100) {
          assertThat(mode.isDictionary()).as("few distinct values").isTrue();
          assertThat(mode.dictionary().size()).isLessThanOrEqualTo(modes.length - 1);
        }
        assertThat(comment.isDictionary()).as("every value distinct").isFalse();
      }
    }
    assertThat(actual).as(dev.ember.core.testing.TestSeeds.describe(seed)).isEqualTo(expected);
  }

  @Test
  void aShortBatchWithAThirdOfItsRowsDistinctIsStillADictionary() {
    // TPC-H's p_type: 150 values; a read buffer's last batch may hold only ~500 rows of them.
    StringBuilder text = new StringBuilder();
    List<List<Object>> expected = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String type = "TYPE " + (i * 7 % 150);
      text.append(type).append(',').append(i).append('\n');
      expected.add(Arrays.asList(type, "" + i));
    }
    Path file = CsvFiles.write(directory, "types.csv", text.toString());
    Schema schema = Schema.of(Field.of("type", ColumnType.STRING), Field.of("id", ColumnType.STRING));
    CsvScanExec scan = new CsvScanExec(schema, CsvSource.planSplits(List.of(file.toString()), Long.MAX_VALUE), CsvOptions.defaults());
    List<List<Object>> actual = new ArrayList<>();
    try (CsvScanOperator operator = new CsvScanOperator(scan, 0, new FakeTaskContext(0))) {
      Batch batch;
      while ((batch = operator.next()) != null) {
        actual.addAll(batch.rows());
        assertThat(((dev.ember.core.vector.StringVector) batch.column(0)).isDictionary()).isTrue();
        assertThat(((dev.ember.core.vector.StringVector) batch.column(1)).isDictionary()).isFalse();
      }
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void batchesHoldAtMostDefaultRowsAndCoverAllRecords() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3 * Batch.DEFAULT_ROWS + 5; i++) {
      text.append("r").append(i).append(",").append(i).append(",").append(i).append('\n');
    }
    Path file = CsvFiles.write(directory, "big.csv", text.toString());
    CsvScanExec scan = new CsvScanExec(PRICES, CsvSource.planSplits(List.of(file.toString()), Long.MAX_VALUE), CsvOptions.defaults());
    List<Integer> sizes = new ArrayList<>();
    long total = 0;
    try (CsvScanOperator operator = new CsvScanOperator(scan, 0, new FakeTaskContext(0))) {
      Batch batch;
      while ((batch = operator.next()) != null) {
        sizes.add(batch.rowCount());
        total += batch.rowCount();
        assertThat(batch.column(2).getObject(batch.rowCount() - 1)).isEqualTo((int) total - 1);
      }
      assertThat(operator.next()).isNull();
    }
    assertThat(total).isEqualTo(3L * Batch.DEFAULT_ROWS + 5);
    assertThat(sizes).allMatch(size -> size <= Batch.DEFAULT_ROWS).contains(Batch.DEFAULT_ROWS);
  }

  @Test
  void closeIsIdempotentAndWorksAfterAFailure() {
    Path file = CsvFiles.write(directory, "c.csv", "a,x,1\n");
    CsvScanExec scan = new CsvScanExec(PRICES, CsvSource.planSplits(List.of(file.toString()), Long.MAX_VALUE),
        CsvFiles.withMode(CsvOptions.defaults(), ParseMode.FAILFAST));
    CsvScanOperator operator = new CsvScanOperator(scan, 0, new FakeTaskContext(0));
    assertThatThrownBy(operator::next).isInstanceOf(MalformedRecordException.class);
    operator.close();
    operator.close();
    assertThat(operator.next()).isNull();
  }

  @Test
  void aFileThatVanishedAndBadOptionsAreTypedErrors() throws Exception {
    Path file = CsvFiles.write(directory, "gone.csv", "a\n");
    List<FileSplit> splits = CsvSource.planSplits(List.of(file.toString()), Long.MAX_VALUE);
    Files.delete(file);
    assertThatThrownBy(() -> new CsvScanOperator(new CsvScanExec(CsvFiles.strings(1), splits, CsvOptions.defaults()), 0, new FakeTaskContext(0)))
        .isInstanceOf(InputPathNotFoundException.class)
        .hasMessage("Path does not exist: file:" + file.toAbsolutePath());
    CsvOptions d = CsvOptions.defaults();
    CsvOptions euro = new CsvOptions(false, '€', '"', '\\', "", d.dateFormat(), d.timestampFormat(), d.mode());
    Path other = CsvFiles.write(directory, "other.csv", "a\n");
    List<FileSplit> otherSplits = CsvSource.planSplits(List.of(other.toString()), Long.MAX_VALUE);
    assertThatThrownBy(() -> new CsvScanOperator(new CsvScanExec(CsvFiles.strings(1), otherSplits, euro), 0, new FakeTaskContext(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delimiter must be a single ASCII character");
    CsvOptions badPattern = new CsvOptions(false, ',', '"', '\\', "", "yyyy-MM-dd-{", d.timestampFormat(), d.mode());
    assertThatThrownBy(() -> new CsvScanOperator(new CsvScanExec(CsvFiles.strings(1), otherSplits, badPattern), 0, new FakeTaskContext(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dateFormat 'yyyy-MM-dd-{'");
  }

  @Test
  void aSchemaWithoutColumnsCountsRowsInEveryMode() {
    Path file = CsvFiles.write(directory, "count.csv", "a,b\n\nc,d\n");
    for (ParseMode mode : ParseMode.values()) {
      assertThat(CsvFiles.read(new Schema(List.of()), file, CsvFiles.withMode(CsvOptions.defaults(), mode)))
          .containsExactly(List.of(), List.of());
    }
  }

  @Test
  void dialectsTheByteReaderCannotHandleAreRejected() {
    Path file = CsvFiles.write(directory, "dialect.csv", "a\n");
    List<FileSplit> splits = CsvSource.planSplits(List.of(file.toString()), Long.MAX_VALUE);
    CsvOptions d = CsvOptions.defaults();
    CsvOptions sameAsQuote = new CsvOptions(false, '"', '"', '\\', "", d.dateFormat(), d.timestampFormat(), d.mode());
    assertThatThrownBy(() -> new CsvScanOperator(new CsvScanExec(CsvFiles.strings(1), splits, sameAsQuote), 0, new FakeTaskContext(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delimiter and quote must differ");
    CsvOptions lineBreak = new CsvOptions(false, '\n', '"', '\\', "", d.dateFormat(), d.timestampFormat(), d.mode());
    assertThatThrownBy(() -> new CsvScanOperator(new CsvScanExec(CsvFiles.strings(1), splits, lineBreak), 0, new FakeTaskContext(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line break");
  }

  @Test
  void veryWideRecordsComeInSmallerBatches() {
    int width = 5000;
    StringBuilder text = new StringBuilder();
    for (int row = 0; row < 300; row++) {
      for (int column = 0; column < width; column++) {
        text.append(column == 0 ? "" : ",").append(row % 10);
      }
      text.append('\n');
    }
    Path file = CsvFiles.write(directory, "wide.csv", text.toString());
    CsvScanExec scan = new CsvScanExec(CsvFiles.strings(width), CsvSource.planSplits(List.of(file.toString()), Long.MAX_VALUE),
        CsvOptions.defaults());
    int rows = 0;
    try (CsvScanOperator operator = new CsvScanOperator(scan, 0, new FakeTaskContext(0))) {
      Batch batch;
      while ((batch = operator.next()) != null) {
        assertThat(batch.rowCount()).isLessThanOrEqualTo(CsvRecordReader.rowsPerChunk(width));
        assertThat(batch.column(width - 1).getObject(0)).isEqualTo(String.valueOf(rows % 10));
        rows += batch.rowCount();
      }
    }
    assertThat(rows).isEqualTo(300);
    assertThat(CsvRecordReader.rowsPerChunk(width)).isLessThan(Batch.DEFAULT_ROWS);
  }
}
