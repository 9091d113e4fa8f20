package dev.ember.core.operator.sort;

import static dev.ember.core.operator.OperatorTesting.drain;
import static dev.ember.core.operator.OperatorTesting.randomValue;
import static dev.ember.core.operator.OperatorTesting.rows;
import static dev.ember.core.operator.OperatorTesting.schema;
import static dev.ember.core.operator.OperatorTesting.toBatches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.TestSeeds;
import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.operator.BatchSource;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(EngineHygiene.class)
class SortOperatorTest {
  private static final Schema INPUT = schema(
      ColumnType.INT, ColumnType.LONG, ColumnType.DOUBLE, ColumnType.STRING, ColumnType.BOOLEAN, ColumnType.DATE,
      ColumnType.INT);

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    long seed = 900;
    // Every column alone, in all four direction/null combinations.
    for (int column = 0; column < 6; column++) {
      for (boolean ascending : new boolean[] {true, false}) {
        for (boolean nullsFirst : new boolean[] {true, false}) {
          cases.add(Arguments.of(seed++, List.of(new int[] {column, ascending ? 1 : 0, nullsFirst ? 1 : 0}), 500, 5, 60));
        }
      }
    }
    // Several keys with mixed orders; small domains so ties reach the later keys and stability shows.
    Random random = new Random(42);
    for (int i = 0; i < 24; i++) {
      int keys = 2 + random.nextInt(3);
      List<int[]> orders = new ArrayList<>();
      for (int k = 0; k < keys; k++) {
        orders.add(new int[] {random.nextInt(6), random.nextInt(2), random.nextInt(2)});
      }
      int rows = i % 6 == 0 ? 9000 : random.nextInt(400);
      cases.add(Arguments.of(seed++, orders, rows, 4, 1 + random.nextInt(700)));
    }
    cases.add(Arguments.of(seed++, List.of(new int[] {0, 1, 1}), 0, 4, 10));
    cases.add(Arguments.of(seed++, List.of(new int[] {2, 0, 0}), 1, 4, 10));
    return cases.stream();
  }

  @ParameterizedTest(name = "seed {0}, {2} rows")
  @MethodSource("cases")
  void sortsStablyLikeListSort(long seed, List<int[]> orders, int rowCount, int domain, int maxBatch) {
    Random random = new Random(TestSeeds.seed(seed));
    List<List<Object>> input = new ArrayList<>();
    for (int i = 0; i < rowCount; i++) {
      List<Object> row = new ArrayList<>();
      for (int column = 0; column < 6; column++) {
        row.add(randomValue(INPUT.type(column), random, domain, 0.15));
      }
      row.add(i); // the input position, to see stability
      input.add(row);
    }
    List<SortOrder> sortOrders = new ArrayList<>();
    Comparator<List<Object>> model = (a, b) -> 0;
    for (int[] order : orders) {
      int column = order[0];
      boolean ascending = order[1] == 1;
      boolean nullsFirst = order[2] == 1;
      sortOrders.add(new SortOrder(new BoundReference(column, INPUT.type(column), true), ascending, nullsFirst));
      model = model.thenComparing((a, b) -> compareForSort(a.get(column), b.get(column), ascending, nullsFirst));
    }
    List<List<Object>> expected = new ArrayList<>(input);
    expected.sort(model);

    List<Batch> output = drain(new SortOperator(new BatchSource(toBatches(INPUT, input, random, maxBatch)), INPUT, sortOrders));

    assertThat(rows(output)).isEqualTo(expected);
  }

  private static int compareForSort(Object a, Object b, boolean ascending, boolean nullsFirst) {
    if (a == null || b == null) {
      return a == b ? 0 : (a == null) == nullsFirst ? -1 : 1;
    }
    int order = compareValues(a, b);
    return ascending ? order : -order;
  }

  @SuppressWarnings("unchecked")
  private static int compareValues(Object a, Object b) {
    if (a instanceof Double x && b instanceof Double y) {
      return x.doubleValue() == y.doubleValue() ? 0 : Double.compare(x, y);
    }
    return ((Comparable<Object>) a).compareTo(b);
  }

  @Test
  void stringsSortInSparksUtf8ByteOrderFromPlainAndDictionaryBatches() {
    // UTF-16 order (String.compareTo) puts U+E000 and U+FF21 after an emoji (0xD83D...), Spark's byte order before.
    String[] pool = {"", "a", "ab", "b", "é", "\uE000", "\uFF21", "\uD83D\uDE00", "\uD83D\uDE00a", "日本", "Z", null};
    long seed = TestSeeds.seed(77);
    Random random = new Random(seed);
    Schema schema = schema(ColumnType.STRING, ColumnType.INT);
    List<Batch> batches = new ArrayList<>();
    List<List<Object>> input = new ArrayList<>();
    for (int b = 0; b < 6; b++) {
      List<List<Object>> rows = new ArrayList<>();
      for (int i = 0; i < 1 + random.nextInt(300); i++) {
        List<Object> row = Arrays.asList(pool[random.nextInt(pool.length)], input.size() + rows.size());
        rows.add(row);
      }
      input.addAll(rows);
      Batch batch = Batch.fromRows(schema, rows);
      batches.add(b % 2 == 0 ? dev.ember.core.vector.StringLayouts.withDictionaryStrings(batch) : batch);
    }
    for (boolean ascending : new boolean[] {true, false}) {
      List<List<Object>> expected = new ArrayList<>(input);
      expected.sort((a, b) -> {
        if (a.get(0) == null || b.get(0) == null) {
          return a.get(0) == b.get(0) ? 0 : a.get(0) == null ? -1 : 1;
        }
        int order = dev.ember.core.vector.StringLayouts.compareCodePoints((String) a.get(0), (String) b.get(0));
        return ascending ? order : -order;
      });
      List<Batch> output = drain(new SortOperator(new BatchSource(batches), schema,
          List.of(new SortOrder(new BoundReference(0, ColumnType.STRING, true), ascending, true))));
      assertThat(rows(output)).as("ascending %s, %s", ascending, TestSeeds.describe(seed)).isEqualTo(expected);
    }
    // The dictionary path of the sort itself (ranks of entries), on one dictionary key column.
    Batch all = dev.ember.core.vector.StringLayouts.withDictionaryStrings(Batch.fromRows(schema, input));
    for (boolean ascending : new boolean[] {true, false}) {
      int[] order = SortedOrder.compute(new dev.ember.core.vector.ColumnVector[] {all.column(0)},
          new boolean[] {ascending}, new boolean[] {false}, all.rowCount());
      List<Object> sorted = new ArrayList<>();
      for (int row : order) {
        sorted.add(input.get(row).get(0));
      }
      List<Object> expected = new ArrayList<>(input.stream().map(row -> row.get(0)).toList());
      expected.sort((a, b) -> a == null || b == null ? (a == b ? 0 : a == null ? 1 : -1)
          : (ascending ? 1 : -1) * dev.ember.core.vector.StringLayouts.compareCodePoints((String) a, (String) b));
      assertThat(sorted).as("dictionary ranks, ascending %s", ascending).isEqualTo(expected);
    }
  }

  @Test
  void doublesSortInSparkOrderWithNegativeZeroTiedToZero() {
    Schema schema = schema(ColumnType.DOUBLE, ColumnType.INT);
    Batch input = Batch.fromRows(schema, List.of(
        Arrays.asList(Double.NaN, 0), Arrays.asList(0.0, 1), Arrays.asList(null, 2), Arrays.asList(-0.0, 3),
        Arrays.asList(Double.POSITIVE_INFINITY, 4), Arrays.asList(-1.5, 5), Arrays.asList(Double.NEGATIVE_INFINITY, 6)));

    List<List<Object>> ascending = rows(drain(new SortOperator(new BatchSource(List.of(input)), schema,
        List.of(SortOrder.ascending(new BoundReference(0, ColumnType.DOUBLE, true))))));
    List<List<Object>> descending = rows(drain(new SortOperator(new BatchSource(List.of(input)), schema,
        List.of(SortOrder.descending(new BoundReference(0, ColumnType.DOUBLE, true))))));

    assertThat(ascending.stream().map(row -> row.get(1)).toList()).containsExactly(2, 6, 5, 1, 3, 4, 0);
    assertThat(descending.stream().map(row -> row.get(1)).toList()).containsExactly(0, 4, 1, 3, 5, 6, 2);
  }

  @Test
  void extremeIntsAndBooleansSortInBothDirections() {
    Schema schema = schema(ColumnType.INT, ColumnType.BOOLEAN, ColumnType.INT);
    Batch input = Batch.fromRows(schema, List.of(
        Arrays.asList(Integer.MAX_VALUE, true, 0), Arrays.asList(0, null, 1), Arrays.asList(Integer.MIN_VALUE, false, 2),
        Arrays.asList(null, true, 3), Arrays.asList(-1, false, 4), Arrays.asList(Integer.MIN_VALUE, true, 5),
        Arrays.asList(1, null, 6)));

    assertThat(positions(input, schema, new SortOrder(new BoundReference(0, ColumnType.INT, true), true, false)))
        .containsExactly(2, 5, 4, 1, 6, 0, 3);
    assertThat(positions(input, schema, new SortOrder(new BoundReference(0, ColumnType.INT, true), false, true)))
        .containsExactly(3, 0, 6, 1, 4, 2, 5);
    assertThat(positions(input, schema, new SortOrder(new BoundReference(1, ColumnType.BOOLEAN, true), true, true)))
        .containsExactly(1, 6, 2, 4, 0, 3, 5);
    assertThat(positions(input, schema, new SortOrder(new BoundReference(1, ColumnType.BOOLEAN, true), false, false)))
        .containsExactly(0, 3, 5, 2, 4, 1, 6);
  }

  @Test
  void extremeLongsSortStablyInBothDirections() {
    Schema schema = schema(ColumnType.LONG, ColumnType.BOOLEAN, ColumnType.INT);
    Batch input = Batch.fromRows(schema, List.of(
        Arrays.asList(Long.MAX_VALUE, true, 0), Arrays.asList(0L, null, 1), Arrays.asList(Long.MIN_VALUE, false, 2),
        Arrays.asList(null, true, 3), Arrays.asList(-1L, false, 4), Arrays.asList(Long.MIN_VALUE, true, 5),
        Arrays.asList(1L << 40, null, 6), Arrays.asList(-(1L << 40), null, 7), Arrays.asList(0L, null, 8)));

    assertThat(positions(input, schema, new SortOrder(new BoundReference(0, ColumnType.LONG, true), true, false)))
        .containsExactly(2, 5, 7, 4, 1, 8, 6, 0, 3);
    assertThat(positions(input, schema, new SortOrder(new BoundReference(0, ColumnType.LONG, true), false, true)))
        .containsExactly(3, 0, 6, 1, 8, 4, 7, 2, 5);
  }

  private static List<Object> positions(Batch input, Schema schema, SortOrder order) {
    return rows(drain(new SortOperator(new BatchSource(List.of(input)), schema, List.of(order)))).stream()
        .map(row -> row.get(2)).toList();
  }

  @Test
  void aComputedKeyIsEvaluatedAndNotEmitted() {
    Schema schema = schema(ColumnType.INT);
    Batch input = Batch.fromRows(schema, List.of(List.of(3), List.of(1), List.of(2)));

    // A literal key ties every row: the sort must keep input order and emit only the input columns.
    List<List<Object>> output = rows(drain(new SortOperator(new BatchSource(List.of(input)), schema,
        List.of(SortOrder.ascending(Literal.of(1L)), SortOrder.descending(new BoundReference(0, ColumnType.INT, true))))));

    assertThat(output).containsExactly(List.of(3), List.of(2), List.of(1));
  }

  @Test
  void largeInputIsEmittedInBoundedBatches() {
    Schema schema = schema(ColumnType.LONG);
    List<List<Object>> input = new ArrayList<>();
    for (long i = 10_000; i > 0; i--) {
      input.add(List.of(i));
    }
    List<Batch> output = drain(new SortOperator(new BatchSource(List.of(Batch.fromRows(schema, input))), schema,
        List.of(SortOrder.ascending(new BoundReference(0, ColumnType.LONG, false)))));

    assertThat(output).hasSize(3);
    assertThat(output.get(0).row(0)).containsExactly(1L);
    assertThat(output.get(2).row(output.get(2).rowCount() - 1)).containsExactly(10_000L);
  }

  @Test
  void closeIsIdempotentAndClosesTheChild() {
    BatchSource source = new BatchSource(List.of());
    SortOperator sort = new SortOperator(source, INPUT, List.of());

    sort.close();
    sort.close();

    assertThat(source.closeCount()).isEqualTo(1);
    assertThat(sort.next()).isNull();
  }
}
