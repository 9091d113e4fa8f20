package dev.ember.core.io.csv;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.IsNotNull;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.Or;
import dev.ember.core.io.MalformedRecordException;
import dev.ember.core.plan.CsvScanExec;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;
import dev.ember.core.source.ParseMode;

/**
 * A scan that parses only some columns and filters inside, against a plain-Java reading of the same
 * records (reference tokenizer, JDK number parsing, the mode stated for the required columns, then
 * the filter), and in PERMISSIVE mode also against reading every column and filtering afterwards.
 * Random files with nulls, bad values and wrong field counts; several splits and tiny buffers.
 */
@ExtendWith(EngineHygiene.class)
class CsvScanPushdownDifferentialTest {
  private static final Schema SCHEMA = Schema.of(
      Field.of("i", ColumnType.INT), Field.of("s", ColumnType.STRING), Field.of("d", ColumnType.DOUBLE),
      Field.of("j", ColumnType.INT), Field.of("b", ColumnType.BOOLEAN));
  private static final String[][] GOOD = {
    {"", "0", "-12", "7", "3", "100"},
    {"", "abc", "\"x,y\"", "zz", "m"},
    {"", "1.5", "-0.25", "7", "NaN"},
    {"", "1", "2", "-5", "40"},
    {"", "true", "false"},
  };
  private static final String[] BAD = {"x1", "1.2.3", "tru", "2147483648"};

  @TempDir Path directory;

  @Test
  void requiredColumnsAndPushedFiltersMatchThePlainReadingInEveryMode() {
    Random random = new Random(7);
    for (int iteration = 0; iteration < 150; iteration++) {
      StringBuilder text = new StringBuilder();
      int recordCount = random.nextInt(60);
      for (int r = 0; r < recordCount; r++) {
        int fields = random.nextInt(12) == 0 ? 4 + 2 * random.nextInt(2) : 5;
        for (int f = 0; f < fields; f++) {
          String[] pool = GOOD[f % 5];
          String token = random.nextInt(15) == 0 && f % 5 != 1 ? BAD[random.nextInt(BAD.length)]
              : pool[random.nextInt(pool.length)];
          text.append(f == 0 ? "" : ",").append(token);
        }
        text.append('\n');
      }
      Path file = CsvFiles.write(directory, "pushdown.csv", text.toString());
      List<List<String>> records = new ReferenceCsvParser(CsvOptions.defaults()).parse(text.toString(), false);
      List<Integer> required = new ArrayList<>();
      for (int column = 0; column < 5; column++) {
        if (random.nextBoolean()) {
          required.add(column);
        }
      }
      Filter filter = randomFilter(random, required);
      for (ParseMode mode : ParseMode.values()) {
        CsvOptions options = CsvFiles.withMode(CsvOptions.defaults(), mode);
        List<List<Object>> expected = new ArrayList<>();
        int firstBad = -1;
        for (int r = 0; r < records.size(); r++) {
          List<String> record = records.get(r);
          boolean bad = record.size() != 5;
          Object[] row = new Object[required.size()];
          for (int k = 0; k < required.size(); k++) {
            int column = required.get(k);
            String value = column < record.size() ? record.get(column) : null;
            if (value != null) {
              row[k] = parse(column, value);
              bad |= row[k] == null;
            }
          }
          if (bad && firstBad < 0) {
            firstBad = r;
          }
          if ((mode != ParseMode.DROPMALFORMED || !bad) && filter.keeps.test(Arrays.asList(row))) {
            expected.add(Arrays.asList(row));
          }
        }
        String context = "mode " + mode + ", columns " + required + ", filter " + filter.expression + ", text [" + text + "]";
        long splitBytes = 1 + random.nextInt(Math.max(1, text.length()));
        int bufferBytes = 16 + random.nextInt(64);
        if (mode == ParseMode.FAILFAST && firstBad >= 0) {
          long line = firstBad + 1;
          assertThatThrownBy(() -> read(file, options, required, filter.expression, splitBytes, bufferBytes)).as(context)
              .isInstanceOfSatisfying(MalformedRecordException.class, e -> assertThat(e.lineNumber()).isEqualTo(line));
          continue;
        }
        assertThat(read(file, options, required, filter.expression, splitBytes, bufferBytes)).as(context).isEqualTo(expected);
        if (mode == ParseMode.PERMISSIVE) {
          // Reading everything and filtering afterwards gives the same rows.
          List<List<Object>> all = read(file, options, CsvScanExec.allColumns(5), null, splitBytes, bufferBytes);
          List<List<Object>> filteredAfterwards = new ArrayList<>();
          for (List<Object> full : all) {
            List<Object> row = new ArrayList<>();
            required.forEach(column -> row.add(full.get(column)));
            if (filter.keeps.test(row)) {
              filteredAfterwards.add(row);
            }
          }
          assertThat(filteredAfterwards).as(context).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void aBadValueInAColumnTheScanDoesNotReadIsIgnoredButAWrongFieldCountIsNot() {
    Path file = CsvFiles.write(directory, "bad.csv", "1,a,x,2,true\n3,b,1.5,4\n5,c,2.5,6,false\n");
    CsvOptions drop = CsvFiles.withMode(CsvOptions.defaults(), ParseMode.DROPMALFORMED);
    assertThat(read(file, drop, List.of(0, 3), null, Long.MAX_VALUE, 1 << 16))
        .isEqualTo(List.of(List.of(1, 2), List.of(5, 6)));
    assertThat(read(file, drop, List.of(2), null, Long.MAX_VALUE, 1 << 16)).isEqualTo(List.of(List.of(2.5)));
    CsvOptions failFast = CsvFiles.withMode(CsvOptions.defaults(), ParseMode.FAILFAST);
    assertThatThrownBy(() -> read(file, failFast, List.of(0), null, Long.MAX_VALUE, 1 << 16))
        .isInstanceOfSatisfying(MalformedRecordException.class, e -> assertThat(e.lineNumber()).isEqualTo(2));
    // A filter that would drop the malformed record does not hide it from FAILFAST.
    Expression firstIsFive = new Comparison(ComparisonOperator.EQUAL, new BoundReference(0, ColumnType.INT, true), Literal.of(5));
    assertThatThrownBy(() -> read(file, failFast, List.of(0), firstIsFive, Long.MAX_VALUE, 1 << 16))
        .isInstanceOf(MalformedRecordException.class);
    assertThat(read(file, CsvOptions.defaults(), List.of(0), firstIsFive, Long.MAX_VALUE, 1 << 16))
        .isEqualTo(List.of(List.of(5)));
  }

  @Test
  void noRequiredColumnsStillCountsTheRecords() {
    Path file = CsvFiles.write(directory, "count.csv", "1,a,1.0,2,true\n\n3,b,1.5,4,false\n");
    CsvScanExec scan = new CsvScanExec(SCHEMA, CsvSource.planSplits(List.of(file.toString()), Long.MAX_VALUE),
        CsvOptions.defaults(), List.of(), null);
    assertThat(scan.schema().size()).isZero();
    long rows = 0;
    try (CsvScanOperator operator = new CsvScanOperator(scan, 0, new FakeTaskContext(0))) {
      Batch batch;
      while ((batch = operator.next()) != null) {
        rows += batch.rowCount();
      }
    }
    assertThat(rows).isEqualTo(2);
  }

  @Test
  void requiredColumnsMustBeIncreasingIndexesOfTheFile() {
    List<FileSplit> splits = List.of();
    assertThatThrownBy(() -> new CsvScanExec(SCHEMA, splits, CsvOptions.defaults(), List.of(2, 1), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 1]");
    assertThatThrownBy(() -> new CsvScanExec(SCHEMA, splits, CsvOptions.defaults(), List.of(5), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 columns");
    assertThatThrownBy(() -> new CsvScanExec(SCHEMA, splits, CsvOptions.defaults(), List.of(0), Literal.of(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("boolean");
  }

  private record Filter(Expression expression, Predicate<List<Object>> keeps) {}

  /** No filter, or a filter over the required columns, with its plain-Java meaning (true only, never null). */
  private static Filter randomFilter(Random random, List<Integer> required) {
    List<Filter> choices = new ArrayList<>();
    choices.add(new Filter(null, row -> true));
    for (int k = 0; k < required.size(); k++) {
      int position = k;
      switch (required.get(k)) {
        case 0, 3 -> {
          int bound = random.nextInt(10) - 3;
          choices.add(new Filter(new Comparison(ComparisonOperator.GREATER_THAN,
              new BoundReference(position, ColumnType.INT, true), Literal.of(bound)),
              row -> row.get(position) != null && (Integer) row.get(position) > bound));
        }
        case 1 -> choices.add(new Filter(new IsNotNull(new BoundReference(position, ColumnType.STRING, true)),
            row -> row.get(position) != null));
        case 2 -> choices.add(new Filter(new Or(
            new Comparison(ComparisonOperator.LESS_THAN, new BoundReference(position, ColumnType.DOUBLE, true), Literal.of(1.0)),
            new Comparison(ComparisonOperator.EQUAL, new BoundReference(position, ColumnType.DOUBLE, true), Literal.of(7.0))),
            row -> row.get(position) != null && ((Double) row.get(position) < 1.0 || (Double) row.get(position) == 7.0)));
        default -> choices.add(new Filter(new BoundReference(position, ColumnType.BOOLEAN, true),
            row -> Boolean.TRUE.equals(row.get(position))));
      }
    }
    return choices.get(random.nextInt(choices.size()));
  }

  private static Object parse(int column, String value) {
    try {
      return switch (column) {
        case 0, 3 -> value.chars().allMatch(c -> c < 0x80) ? Integer.parseInt(value) : null;
        case 1 -> value;
        case 2 -> Double.parseDouble(value);
        default -> value.equalsIgnoreCase("true") ? Boolean.TRUE : value.equalsIgnoreCase("false") ? Boolean.FALSE : null;
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static List<List<Object>> read(
      Path file, CsvOptions options, List<Integer> required, Expression filter, long splitBytes, int bufferBytes) {
    List<FileSplit> splits = CsvSource.planSplits(List.of(file.toString()), splitBytes);
    CsvScanExec scan = new CsvScanExec(SCHEMA, splits, options, required, filter);
    List<List<Object>> rows = new ArrayList<>();
    for (int partition = 0; partition < Math.max(1, splits.size()); partition++) {
      try (CsvScanOperator operator = new CsvScanOperator(scan, partition, new FakeTaskContext(partition), bufferBytes)) {
        Batch batch;
        while ((batch = operator.next()) != null) {
          assertThat(batch.columnCount()).isEqualTo(required.size());
          rows.addAll(batch.rows());
        }
      }
    }
    return rows;
  }
}
