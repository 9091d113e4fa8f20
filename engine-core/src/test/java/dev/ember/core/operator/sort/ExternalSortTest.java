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
import dev.ember.core.expression.SortOrder;
import dev.ember.core.memory.MemoryConsumer;
import dev.ember.core.operator.BatchSource;
import dev.ember.core.operator.MemoryFixture;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The spilling sort against List.sort (stable) under budgets that force one, several and many runs. */
@ExtendWith(EngineHygiene.class)
class ExternalSortTest {
  private static final Schema INPUT = schema(
      ColumnType.INT, ColumnType.LONG, ColumnType.DOUBLE, ColumnType.STRING, ColumnType.BOOLEAN, ColumnType.DATE,
      ColumnType.INT);

  @TempDir
  Path directory;

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    long seed = 7000;
    long[] budgets = {1, 200_000, 600_000};
    for (int column = 0; column < 6; column++) {
      for (int direction = 0; direction < 4; direction++) {
        cases.add(Arguments.of(seed++, List.of(new int[] {column, direction & 1, direction >> 1}), 1500, 5, 200,
            budgets[(column + direction) % budgets.length]));
      }
    }
    Random random = new Random(43);
    for (int i = 0; i < 12; i++) {
      int keys = 2 + random.nextInt(3);
      List<int[]> orders = new ArrayList<>();
      for (int k = 0; k < keys; k++) {
        orders.add(new int[] {random.nextInt(6), random.nextInt(2), random.nextInt(2)});
      }
      int rows = i % 4 == 0 ? 20_000 : random.nextInt(3000);
      cases.add(Arguments.of(seed++, orders, rows, 4 + random.nextInt(50), 1 + random.nextInt(900), budgets[i % 3]));
    }
    // More runs than one merge takes at once: an intermediate merge pass.
    cases.add(Arguments.of(seed++, List.of(new int[] {1, 1, 1}, new int[] {3, 0, 0}), 9000, 100, 60, 1L));
    cases.add(Arguments.of(seed++, List.of(new int[] {0, 1, 1}), 0, 4, 10, 1L));
    return cases.stream();
  }

  @ParameterizedTest(name = "seed {0}, {2} rows, budget {5}")
  @MethodSource("cases")
  void sortsStablyLikeListSortWhileSpilling(long seed, List<int[]> orders, int rowCount, int domain, int maxBatch,
      long budget) {
    Random random = new Random(TestSeeds.seed(seed));
    List<List<Object>> input = new ArrayList<>();
    for (int i = 0; i < rowCount; i++) {
      List<Object> row = new ArrayList<>();
      for (int column = 0; column < 6; column++) {
        row.add(randomValue(INPUT.type(column), random, domain, 0.15));
      }
      row.add(i);
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
    MemoryFixture fixture = new MemoryFixture(directory, budget);

    List<Batch> output = drain(new SortOperator(
        new BatchSource(toBatches(INPUT, input, random, maxBatch)), INPUT, sortOrders, fixture.context));

    assertThat(rows(output)).isEqualTo(expected);
    // A lower bound of what the buffered input takes: fixed-width values plus the sort's own per-row
    // arrays (strings count 0). Input beyond the budget cannot have been sorted without a spill.
    long inputBytesAtLeast = (long) rowCount * (4 + 8 + 8 + 1 + 4 + 4 + SortOperator.SORT_BYTES_PER_ROW);
    if (inputBytesAtLeast > budget) {
      assertThat(fixture.metrics.spillCount())
          .as("%d rows take at least %d bytes, more than the budget of %d: a spill", rowCount, inputBytesAtLeast, budget)
          .isPositive();
    }
    if (rowCount > 0 && budget == 1) {
      assertThat(fixture.metrics.spillCount()).as("runs written").isPositive();
      assertThat(fixture.metrics.spillBytes()).isPositive();
    }
    if (rowCount == 9000) {
      assertThat(fixture.metrics.spillCount()).as("runs plus intermediate merges").isGreaterThan(SortedRunMerger.MAX_FAN_IN);
    }
    fixture.assertClean();
  }

  static int compareForSort(Object a, Object b, boolean ascending, boolean nullsFirst) {
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

  private static List<List<Object>> longRows(int count, Random random) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(List.of((long) random.nextInt(1000), (long) i));
    }
    return rows;
  }

  @Test
  void aSortEmittingFromMemorySpillsItsUnreadRowsWhenAnotherConsumerNeedsRoom() {
    Schema schema = schema(ColumnType.LONG, ColumnType.LONG);
    Random random = new Random(3);
    List<List<Object>> input = longRows(20_000, random);
    MemoryFixture fixture = new MemoryFixture(directory, 4_000_000);
    SortOperator sort = new SortOperator(new BatchSource(toBatches(schema, input, random, 3000)), schema,
        List.of(SortOrder.ascending(new BoundReference(0, ColumnType.LONG, false))), fixture.context);
    List<List<Object>> output = new ArrayList<>(sort.next().rows());
    assertThat(fixture.metrics.spillCount()).as("fits in memory").isZero();
    assertThat(fixture.memory.usedBy(sort)).isPositive();
    MemoryConsumer other = new MemoryConsumer() {
      @Override
      public String name() {
        return "other";
      }

      @Override
      public long spill(long bytes) {
        return 0;
      }
    };

    long granted = fixture.memory.reserve(4_000_000, other);

    assertThat(granted).isEqualTo(4_000_000);
    assertThat(fixture.memory.usedBy(sort)).isZero();
    assertThat(fixture.metrics.spillCount()).isEqualTo(1);
    output.addAll(rows(drain(sort)));
    List<List<Object>> expected = new ArrayList<>(input);
    expected.sort(Comparator.comparing(row -> (Long) row.get(0)));
    assertThat(output).isEqualTo(expected);
    fixture.memory.release(granted, other);
    fixture.assertClean();
  }

  @Test
  void whatTheSortHoldsInMemoryIsReserved() {
    Schema schema = schema(ColumnType.LONG, ColumnType.LONG);
    Random random = new Random(5);
    int rowCount = 20_000;
    MemoryFixture fixture = new MemoryFixture(directory, 64L << 20);
    SortOperator sort = new SortOperator(new BatchSource(toBatches(schema, longRows(rowCount, random), random, 1000)),
        schema, List.of(SortOrder.ascending(new BoundReference(0, ColumnType.LONG, false))), fixture.context);

    assertThat(sort.next()).isNotNull();

    assertThat(fixture.metrics.spillCount()).as("fits in memory").isZero();
    // Two long arrays of rowCount values and the sort's per-row arrays are held: at least that is reserved.
    long heldAtLeast = (long) rowCount * (8 + 8 + SortOperator.SORT_BYTES_PER_ROW);
    assertThat(fixture.memory.usedBy(sort)).as("reserved for %d buffered rows", rowCount).isGreaterThanOrEqualTo(heldAtLeast);
    assertThat(sort.retainedBytes()).isEqualTo(fixture.memory.usedBy(sort));
    sort.close();
    fixture.assertClean();
  }

  @Test
  void closingBeforeTheEndDeletesTheRunsAndReleasesTheMemory() {
    Schema schema = schema(ColumnType.LONG, ColumnType.LONG);
    Random random = new Random(4);
    MemoryFixture fixture = new MemoryFixture(directory, 1);
    BatchSource source = new BatchSource(toBatches(schema, longRows(5000, random), random, 500));
    SortOperator sort = new SortOperator(source, schema,
        List.of(SortOrder.descending(new BoundReference(0, ColumnType.LONG, false))), fixture.context);

    assertThat(sort.next()).isNotNull();
    assertThat(fixture.spillFiles()).isPositive();
    sort.close();

    assertThat(source.closeCount()).isEqualTo(1);
    fixture.assertClean();
  }
}
