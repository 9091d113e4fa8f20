package dev.ember.core.io.csv;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.io.InputPathNotFoundException;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;
import dev.ember.core.source.ParseMode;

@ExtendWith(EngineHygiene.class)
class CsvSourceTest {
  @TempDir Path directory;

  @Test
  void directoriesListTheirVisibleFilesSortedAndNotRecursively() throws Exception {
    Path table = Files.createDirectory(directory.resolve("table"));
    CsvFiles.write(table, "part-2.csv", "b\n");
    CsvFiles.write(table, "part-10.csv", "c\n");
    CsvFiles.write(table, "part-1.csv", "a\n");
    CsvFiles.write(table, "_SUCCESS", "");
    CsvFiles.write(table, ".part-1.csv.crc", "xx");
    CsvFiles.write(table, "empty.csv", "");
    Files.createDirectory(table.resolve("nested"));
    CsvFiles.write(table.resolve("nested"), "deep.csv", "d\n");
    List<FileSplit> splits = CsvSource.planSplits(List.of(table.toString()), 100);
    assertThat(splits).extracting(split -> Path.of(split.path()).getFileName().toString())
        .containsExactly("part-1.csv", "part-10.csv", "part-2.csv");
    assertThat(splits).allMatch(split -> split.start() == 0 && split.length() == 2 && split.fileLength() == 2);
  }

  @Test
  void hiddenFilesNamedExplicitlyAreReadAndFileUrisAccepted() {
    Path hidden = CsvFiles.write(directory, "_hidden.csv", "x\n");
    assertThat(CsvSource.planSplits(List.of(hidden.toString()), 10)).hasSize(1);
    assertThat(CsvSource.planSplits(List.of(hidden.toUri().toString()), 10))
        .containsExactly(new FileSplit(hidden.toAbsolutePath().toString(), 0, 2, 2));
  }

  @Test
  void largeFilesAreCutIntoRanges() {
    Path file = CsvFiles.write(directory, "big.csv", "0123456789".repeat(10) + "x");
    List<FileSplit> splits = CsvSource.planSplits(List.of(file.toString()), 30);
    assertThat(splits).extracting(FileSplit::start).containsExactly(0L, 30L, 60L, 90L);
    assertThat(splits).extracting(FileSplit::length).containsExactly(30L, 30L, 30L, 11L);
    assertThatThrownBy(() -> CsvSource.planSplits(List.of(file.toString()), 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMissingPathIsATypedError() {
    Path missing = directory.resolve("nope").resolve("x.csv");
    assertThatThrownBy(() -> CsvSource.planSplits(List.of(missing.toString()), 10))
        .isInstanceOf(InputPathNotFoundException.class)
        .hasMessage("Path does not exist: file:" + missing.toAbsolutePath());
  }

  @Test
  void inferredTypesPickTheNarrowestThatFitsEveryValue() {
    Path file = CsvFiles.write(directory, "types.csv", String.join("\n",
        "i,l,d,b,day,ts,mixed,s,empty,numbool,datets,bigint,nan",
        "1,1,1,true,2024-01-31,2024-01-31T10:00:00,1,a,,1,2024-01-31,1,NaN",
        ",3000000000,2.5,FALSE,,2024-01-31 10:00:00.123,2024-01-31,b,,true,2024-01-31T10:00:00Z,99999999999999999999,1",
        "-7,,1e10,,2000-02-29,,x,,,,,,Infinity",
        ""));
    Schema schema = CsvSource.inferSchema(CsvSource.planSplits(List.of(file.toString()), 1000), CsvFiles.options(true), true);
    assertThat(schema).isEqualTo(Schema.of(
        Field.of("i", ColumnType.INT), Field.of("l", ColumnType.LONG), Field.of("d", ColumnType.DOUBLE),
        Field.of("b", ColumnType.BOOLEAN), Field.of("day", ColumnType.DATE), Field.of("ts", ColumnType.TIMESTAMP),
        Field.of("mixed", ColumnType.STRING), Field.of("s", ColumnType.STRING), Field.of("empty", ColumnType.STRING),
        Field.of("numbool", ColumnType.STRING), Field.of("datets", ColumnType.TIMESTAMP), Field.of("bigint", ColumnType.DOUBLE),
        Field.of("nan", ColumnType.DOUBLE)));
  }

  @Test
  void inferenceReadsEveryFileAndSplitAndIgnoresNullValue() {
    CsvFiles.write(directory, "a.csv", "n\n1\n2\n");
    CsvFiles.write(directory, "b.csv", "n\nNA\n3.5\n");
    CsvOptions d = CsvOptions.defaults();
    CsvOptions na = new CsvOptions(true, ',', '"', '\\', "NA", d.dateFormat(), d.timestampFormat(), d.mode());
    List<FileSplit> splits = CsvSource.planSplits(List.of(directory.toString()), 3);
    assertThat(CsvSource.inferSchema(splits, na, true)).isEqualTo(Schema.of(Field.of("n", ColumnType.DOUBLE)));
    assertThat(CsvSource.inferSchema(splits, na, false)).isEqualTo(Schema.of(Field.of("n", ColumnType.STRING)));
  }

  @Test
  void customDateFormatIsInferredAsDate() {
    Path file = CsvFiles.write(directory, "d.csv", "31/01/2024\n29/02/2024\n");
    CsvOptions d = CsvOptions.defaults();
    CsvOptions options = new CsvOptions(false, ',', '"', '\\', "", "dd/MM/yyyy", d.timestampFormat(), d.mode());
    assertThat(CsvSource.inferSchema(CsvSource.planSplits(List.of(file.toString()), 100), options, true))
        .isEqualTo(Schema.of(Field.of("_c0", ColumnType.DATE)));
  }

  @Test
  void headerNamesAreMadeUniqueLikeSpark() {
    Path file = CsvFiles.write(directory, "names.csv", "a,,A,b,NA,a,\"\"\n1,2,3,4,5,6,7\n");
    CsvOptions d = CsvOptions.defaults();
    CsvOptions options = new CsvOptions(true, ',', '"', '\\', "NA", d.dateFormat(), d.timestampFormat(), d.mode());
    assertThat(CsvSource.inferSchema(CsvSource.planSplits(List.of(file.toString()), 100), options, false).names())
        .containsExactly("a0", "_c1", "A2", "b", "_c4", "a5", "_c6");
  }

  @Test
  void withoutHeaderColumnsAreNumberedFromTheFirstNonBlankRecord() {
    CsvFiles.write(directory, "0-empty.csv", "");
    CsvFiles.write(directory, "1-blank.csv", "\n  \n");
    CsvFiles.write(directory, "2-data.csv", "\n1,x,2024-01-01\n2,y\n");
    Schema schema = CsvSource.inferSchema(CsvSource.planSplits(List.of(directory.toString()), 100), CsvOptions.defaults(), true);
    assertThat(schema).isEqualTo(Schema.of(
        Field.of("_c0", ColumnType.INT), Field.of("_c1", ColumnType.STRING), Field.of("_c2", ColumnType.DATE)));
  }

  @Test
  void noRecordsGiveAnEmptySchema() {
    CsvFiles.write(directory, "empty.csv", "");
    assertThat(CsvSource.inferSchema(CsvSource.planSplits(List.of(directory.toString()), 100), CsvFiles.options(true), true).size())
        .isZero();
    Path headerOnly = CsvFiles.write(directory, "h.csv", "x,y\n");
    assertThat(CsvSource.inferSchema(CsvSource.planSplits(List.of(headerOnly.toString()), 100), CsvFiles.options(true), true))
        .isEqualTo(Schema.of(Field.of("x", ColumnType.STRING), Field.of("y", ColumnType.STRING)));
  }

  @Test
  void inferredSchemaReadsTheFileWithoutLoss() {
    Path file = CsvFiles.write(directory, "r.csv", "id,price,when\n1,2.5,2024-01-01T00:00:00Z\n2,,2024-01-02 12:00:00\n");
    CsvOptions options = CsvFiles.withMode(CsvFiles.options(true), ParseMode.FAILFAST);
    Schema schema = CsvSource.inferSchema(CsvSource.planSplits(List.of(file.toString()), 100), options, true);
    assertThat(schema.types()).containsExactly(ColumnType.INT, ColumnType.DOUBLE, ColumnType.TIMESTAMP);
    assertThat(CsvFiles.read(schema, file, options)).hasSize(2);
  }
}
