package dev.ember.core.io.csv;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.io.MalformedRecordException;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.ParseMode;

/**
 * Typed reads of random records holding good and bad values, in all three modes, against the
 * reference parser plus the JDK's parsers and a plain statement of each mode.
 */
@ExtendWith(EngineHygiene.class)
class CsvParseModeDifferentialTest {
  private static final Schema SCHEMA = Schema.of(
      Field.of("i", ColumnType.INT), Field.of("d", ColumnType.DOUBLE), Field.of("b", ColumnType.BOOLEAN),
      Field.of("s", ColumnType.STRING));
  private static final String[] TOKENS = {
    "", "0", "-12", "2147483648", "7", "1.5", "-0.25", "1e3", "NaN", "Inf", "-Inf", "Infinity", "true", "FALSE",
    "abc", "\"x,y\"", "\"\"", "\" 3\"", "日本", "+4", "1.2.3", "tru"
  };

  private static final String[][] GOOD_TOKENS = {
    {"", "0", "-12", "7", "+4", "2147483647"},
    {"", "1.5", "-0.25", "1e3", "NaN", "Inf", "-Inf", "7"},
    {"", "true", "FALSE", "False"},
    {"", "abc", "\"x,y\"", "日本", "\"a\"\"b\""},
  };

  @TempDir Path directory;

  @Test
  void everyModeMatchesItsPlainStatement() {
    Random random = new Random(31);
    for (int iteration = 0; iteration < 100; iteration++) {
      StringBuilder text = new StringBuilder();
      int recordCount = random.nextInt(40);
      for (int r = 0; r < recordCount; r++) {
        int fields = random.nextInt(10) == 0 ? 3 + random.nextInt(3) : 4;
        for (int f = 0; f < fields; f++) {
          String[] pool = f < 4 && random.nextInt(8) != 0 ? GOOD_TOKENS[f] : TOKENS;
          text.append(f == 0 ? "" : ",").append(pool[random.nextInt(pool.length)]);
        }
        text.append(random.nextBoolean() ? "\n" : "\r\n");
      }
      Path file = CsvFiles.write(directory, "modes.csv", text.toString());
      List<List<String>> records = new ReferenceCsvParser(CsvOptions.defaults()).parse(text.toString(), false);

      List<List<Object>> permissive = new ArrayList<>();
      List<List<Object>> dropMalformed = new ArrayList<>();
      int firstBadRecord = -1;
      for (int r = 0; r < records.size(); r++) {
        List<String> record = records.get(r);
        Object[] row = new Object[4];
        boolean bad = record.size() != 4;
        for (int column = 0; column < Math.min(4, record.size()); column++) {
          String value = record.get(column);
          if (value == null) {
            continue;
          }
          row[column] = parse(column, value);
          bad |= row[column] == null;
        }
        permissive.add(Arrays.asList(row));
        if (!bad) {
          dropMalformed.add(Arrays.asList(row));
        } else if (firstBadRecord < 0) {
          firstBadRecord = r;
        }
      }
      assertThat(CsvFiles.read(SCHEMA, file, CsvOptions.defaults())).as("text [%s]", text).isEqualTo(permissive);
      assertThat(CsvFiles.read(SCHEMA, file, CsvFiles.withMode(CsvOptions.defaults(), ParseMode.DROPMALFORMED)))
          .isEqualTo(dropMalformed);
      CsvOptions failFast = CsvFiles.withMode(CsvOptions.defaults(), ParseMode.FAILFAST);
      if (firstBadRecord < 0) {
        assertThat(CsvFiles.read(SCHEMA, file, failFast)).isEqualTo(permissive);
      } else {
        long line = firstBadRecord + 1; // one record per line here
        assertThatThrownBy(() -> CsvFiles.read(SCHEMA, file, failFast))
            .isInstanceOfSatisfying(MalformedRecordException.class, e -> assertThat(e.lineNumber()).isEqualTo(line));
      }
    }
  }

  /** The JDK's reading of a value, or null when it does not parse. */
  private static Object parse(int column, String value) {
    try {
      return switch (column) {
        case 0 -> value.chars().allMatch(c -> c < 0x80) ? Integer.parseInt(value) : null;
        case 1 -> value.equals("Inf") ? Double.POSITIVE_INFINITY
            : value.equals("-Inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(value);
        case 2 -> value.equalsIgnoreCase("true") ? Boolean.TRUE : value.equalsIgnoreCase("false") ? Boolean.FALSE : null;
        default -> value;
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
