package dev.ember.core.io.csv;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.io.MalformedRecordException;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;
import dev.ember.core.source.ParseMode;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's case: a 10,000-row file whose line 6 is {@code "unterminated}. Spark (records are
 * lines by default) reads 10,000 rows in PERMISSIVE mode, 9,999 in DROPMALFORMED, and FAILFAST
 * names line 6; only {@code multiLine} lets the quote run on, as it does there.
 */
@ExtendWith(EngineHygiene.class)
class CsvStrayQuoteTest {
  private static final Schema SCHEMA = Schema.of(
      Field.of("id", ColumnType.INT), Field.of("name", ColumnType.STRING), Field.of("price", ColumnType.DOUBLE));
  private static final int ROWS = 10_000;

  @TempDir Path directory;

  private Path strayQuoteFile() {
    StringBuilder text = new StringBuilder();
    for (int line = 1; line <= ROWS; line++) {
      text.append(line == 6 ? "\"unterminated" : line + ",name" + line + "," + line + ".5").append('\n');
    }
    return CsvFiles.write(directory, "stray.csv", text.toString());
  }

  private static List<FileSplit> splits(Path file, long maxSplitBytes) {
    return CsvSource.planSplits(List.of(file.toString()), maxSplitBytes);
  }

  @Test
  void permissiveKeepsEveryLineAndOnlyTheBadOneLosesItsValues() throws Exception {
    Path file = strayQuoteFile();
    for (long splitBytes : new long[] {Long.MAX_VALUE, Files.size(file) / 7}) {
      List<List<Object>> rows = CsvFiles.read(SCHEMA, splits(file, splitBytes), CsvOptions.defaults(), 1 << 12);
      assertThat(rows).hasSize(ROWS);
      assertThat(rows.get(4)).isEqualTo(List.of(5, "name5", 5.5));
      assertThat(rows.get(5)).isEqualTo(Arrays.asList(null, null, null));
      assertThat(rows.get(6)).isEqualTo(List.of(7, "name7", 7.5));
      assertThat(rows.get(ROWS - 1)).isEqualTo(List.of(ROWS, "name" + ROWS, ROWS + 0.5));
    }
  }

  @Test
  void dropMalformedDropsOnlyTheBadLine() throws Exception {
    Path file = strayQuoteFile();
    for (long splitBytes : new long[] {Long.MAX_VALUE, Files.size(file) / 7}) {
      List<List<Object>> rows = CsvFiles.read(
          SCHEMA, splits(file, splitBytes), CsvOptions.defaults().withMode(ParseMode.DROPMALFORMED), 1 << 12);
      assertThat(rows).hasSize(ROWS - 1);
      assertThat(rows.get(5)).isEqualTo(List.of(7, "name7", 7.5));
    }
  }

  @Test
  void failFastNamesTheFileAndLine() {
    Path file = strayQuoteFile();
    assertThatThrownBy(() -> CsvFiles.read(SCHEMA, file, CsvOptions.defaults().withMode(ParseMode.FAILFAST)))
        .isInstanceOfSatisfying(MalformedRecordException.class, e -> {
          assertThat(e.path()).isEqualTo(file.toAbsolutePath().toString());
          assertThat(e.lineNumber()).isEqualTo(6);
        })
        .hasMessageContaining("line 6")
        .hasMessageContaining("set multiLine to true");
  }

  @Test
  void multiLineLetsTheQuoteTakeTheRestOfTheFile() {
    Path file = strayQuoteFile();
    List<List<Object>> rows = CsvFiles.read(SCHEMA, file, CsvOptions.defaults().withMultiLine(true));
    assertThat(rows).hasSize(6);
    assertThat(rows.get(5)).isEqualTo(Arrays.asList(null, null, null));
  }

  @Test
  void multiLineFilesAreOneSplitEach() throws Exception {
    Path file = strayQuoteFile();
    assertThat(CsvSource.planSplits(List.of(file.toString()), 1024, CsvOptions.defaults().withMultiLine(true)))
        .containsExactly(new FileSplit(file.toAbsolutePath().toString(), 0, Files.size(file), Files.size(file)));
    assertThat(CsvSource.planSplits(List.of(file.toString()), 1024, CsvOptions.defaults())).hasSizeGreaterThan(100);
  }
}
