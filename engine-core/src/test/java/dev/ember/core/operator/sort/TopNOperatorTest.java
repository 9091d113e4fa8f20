package dev.ember.core.operator.sort;

import static dev.ember.core.operator.OperatorTesting.drain;
import static dev.ember.core.operator.OperatorTesting.randomValue;
import static dev.ember.core.operator.OperatorTesting.rows;
import static dev.ember.core.operator.OperatorTesting.schema;
import static dev.ember.core.operator.OperatorTesting.toBatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.memory.MemoryConsumer;
import dev.ember.core.memory.MemoryContext;
import dev.ember.core.memory.TaskMemory;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.operator.BatchSource;
import dev.ember.core.operator.basic.LimitOperator;
import dev.ember.core.testing.EngineHygiene;
import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.StringLayouts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The top-N against two independent computations: the list sorted stably by a Java comparator and
 * cut, and the spilling sort followed by a limit it replaces. Ties are frequent (small domains) and
 * the input position is a column, so the order among equal keys is checked too.
 */
@ExtendWith(EngineHygiene.class)
class TopNOperatorTest {
  private static final Schema INPUT = schema(
      ColumnType.INT, ColumnType.LONG, ColumnType.DOUBLE, ColumnType.STRING, ColumnType.BOOLEAN, ColumnType.DATE,
      ColumnType.INT);

  @ParameterizedTest(name = "seed offset {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6})
  void equalsAStableSortCutToTheLimit(int seedOffset) {
    long seed = TestSeeds.seed(7300 + seedOffset);
    Random random = new Random(seed);
    for (int round = 0; round < 40; round++) {
      int rowCount = switch (random.nextInt(5)) {
        case 0 -> random.nextInt(3);
        case 1 -> 9_000 + random.nextInt(3_000);
        default -> random.nextInt(2_000);
      };
      int domain = 2 + random.nextInt(random.nextBoolean() ? 5 : 500);
      List<List<Object>> input = new ArrayList<>();
      for (int i = 0; i < rowCount; i++) {
        List<Object> row = new ArrayList<>();
        for (int column = 0; column < 6; column++) {
          row.add(randomValue(INPUT.type(column), random, domain, random.nextInt(4) == 0 ? 0.3 : 0.05));
        }
        row.add(i); // the input position, to see that ties keep input order
        input.add(row);
      }
      int keys = 1 + random.nextInt(3);
      List<SortOrder> orders = new ArrayList<>();
      Comparator<List<Object>> model = (a, b) -> 0;
      for (int k = 0; k < keys; k++) {
        int column = random.nextInt(6);
        boolean ascending = random.nextBoolean();
        boolean nullsFirst = random.nextBoolean();
        orders.add(new SortOrder(new BoundReference(column, INPUT.type(column), true), ascending, nullsFirst));
        model = model.thenComparing((a, b) -> compareForSort(a.get(column), b.get(column), ascending, nullsFirst));
      }
      int limit = Math.min(TopNOperator.MAXIMUM_LIMIT, switch (random.nextInt(6)) {
        case 0 -> 0;
        case 1 -> 1;
        case 2 -> rowCount;
        case 3 -> rowCount + 1 + random.nextInt(10);
        case 4 -> 2_000 + random.nextInt(4_000);
        default -> 1 + random.nextInt(100);
      });
      List<List<Object>> expected = new ArrayList<>(input);
      expected.sort(model);
      expected = expected.subList(0, Math.min(limit, expected.size()));

      List<Batch> batches = mixedLayouts(toBatches(INPUT, input, random, 1 + random.nextInt(5_000)), random);
      String description = TestSeeds.describe(seed) + ", round " + round + ": " + rowCount + " rows, limit " + limit
          + ", domain " + domain;
      List<List<Object>> topN = rows(drain(
          new TopNOperator(new BatchSource(batches), INPUT, orders, limit, MemoryContext.unlimited())));
      assertThat(topN).as(description).isEqualTo(expected);
      List<List<Object>> sortThenLimit = rows(drain(
          new LimitOperator(new SortOperator(new BatchSource(batches), INPUT, orders), limit)));
      assertThat(topN).as(description).isEqualTo(sortThenLimit);
    }
  }

  /** Some string columns as dictionaries, some batches under a selection, as operators hand them on. */
  private static List<Batch> mixedLayouts(List<Batch> batches, Random random) {
    List<Batch> mixed = new ArrayList<>();
    for (Batch batch : batches) {
      Batch laidOut = random.nextBoolean() ? StringLayouts.withDictionaryStrings(batch) : batch;
      if (random.nextInt(3) == 0 && laidOut.rowCount() > 0) {
        // The same rows under a selection over a larger physical batch with a junk row after each.
        List<Batch> parts = new ArrayList<>();
        int[] selection = new int[laidOut.rowCount()];
        for (int row = 0; row < laidOut.rowCount(); row++) {
          parts.add(laidOut.slice(row, row + 1));
          parts.add(laidOut.slice(0, 1));
          selection[row] = 2 * row;
        }
        Batch physical = Batch.concat(INPUT, parts);
        laidOut = physical.select(selection, selection.length);
      }
      mixed.add(laidOut);
    }
    return mixed;
  }

  private static int compareForSort(Object a, Object b, boolean ascending, boolean nullsFirst) {
    if (a == null || b == null) {
      return a == b ? 0 : (a == null) == nullsFirst ? -1 : 1;
    }
    int order;
    if (a instanceof Double x && b instanceof Double y) {
      order = x.doubleValue() == y.doubleValue() ? 0 : Double.compare(x, y);
    } else if (a instanceof String x && b instanceof String y) {
      order = StringLayouts.compareCodePoints(x, y);
    } else {
      @SuppressWarnings("unchecked")
      Comparable<Object> comparable = (Comparable<Object>) a;
      order = comparable.compareTo(b);
    }
    return ascending ? order : -order;
  }

  @Test
  void decimalsDescendingAsTpchRevenue() {
    Schema schema = schema(ColumnType.decimal(38, 4), ColumnType.INT);
    long seed = TestSeeds.seed(7310);
    Random random = new Random(seed);
    List<List<Object>> input = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      BigDecimal revenue = random.nextInt(50) == 0 ? null : BigDecimal.valueOf(random.nextLong(-1_000_000, 5_000_000), 4);
      input.add(Arrays.asList(revenue, i));
    }
    List<List<Object>> expected = new ArrayList<>(input);
    expected.sort((a, b) -> compareForSort(a.get(0), b.get(0), false, false));
    List<Batch> batches = toBatches(schema, input, random, Batch.DEFAULT_ROWS);

    List<List<Object>> topN = rows(drain(new TopNOperator(new BatchSource(batches), schema,
        List.of(new SortOrder(new BoundReference(0, schema.type(0), true), false, false)), 20, MemoryContext.unlimited())));

    assertThat(topN).as(TestSeeds.describe(seed)).isEqualTo(expected.subList(0, 20));
  }

  /**
   * A small limit over one large batch in random order: the first rows set a threshold and the
   * rest are compared with it, so the candidates never hold more than a few hundred rows (before,
   * the whole batch was taken in and sorted to find the first threshold).
   */
  @Test
  void aSmallLimitHoldsAFewHundredCandidatesNotTheWholeBatch() {
    Schema schema = schema(ColumnType.LONG, ColumnType.INT);
    long seed = TestSeeds.seed(7311);
    Random random = new Random(seed);
    List<List<Object>> input = new ArrayList<>();
    for (int i = 0; i < 4 * Batch.DEFAULT_ROWS; i++) {
      input.add(Arrays.asList(random.nextLong(), i));
    }
    List<List<Object>> expected = new ArrayList<>(input);
    expected.sort((a, b) -> Long.compare((Long) b.get(0), (Long) a.get(0)));
    PeakMemory memory = new PeakMemory();
    long oneRow = 8 + 4;

    List<List<Object>> topN = rows(drain(new TopNOperator(
        new BatchSource(toBatches(schema, input, random, 2 * Batch.DEFAULT_ROWS)), schema,
        List.of(SortOrder.descending(new BoundReference(0, ColumnType.LONG, true))), 10,
        new MemoryContext(memory, new TaskMetrics()))));

    assertThat(topN).as(TestSeeds.describe(seed)).isEqualTo(expected.subList(0, 10));
    assertThat(memory.peak).as("peak bytes held").isPositive().isLessThan(4 * TopNOperator.MINIMUM_CAPACITY * oneRow);
    assertThat(memory.held).isZero();
  }

  /** Grants every reservation and remembers the most held at once. */
  private static final class PeakMemory implements TaskMemory {
    long held;
    long peak;

    @Override
    public long reserve(long bytes, MemoryConsumer consumer) {
      held += bytes;
      peak = Math.max(peak, held);
      return bytes;
    }

    @Override
    public void release(long bytes, MemoryConsumer consumer) {
      held -= bytes;
    }

    @Override
    public long used() {
      return held;
    }
  }

  @Test
  void aComputedKeyIsEvaluatedAndNotEmitted() {
    Schema schema = schema(ColumnType.INT);
    Batch input = Batch.fromRows(schema, List.of(List.of(3), List.of(1), List.of(2), List.of(5)));

    // A literal key ties every row: the order comes from the second key; only the input column is emitted.
    List<List<Object>> output = rows(drain(new TopNOperator(new BatchSource(List.of(input, input)), schema,
        List.of(SortOrder.ascending(Literal.of(1L)), SortOrder.descending(new BoundReference(0, ColumnType.INT, true))),
        3, MemoryContext.unlimited())));

    assertThat(output).containsExactly(List.of(5), List.of(5), List.of(3));
  }

  @Test
  void limitZeroReadsNothingAndCloseClosesTheChildOnce() {
    BatchSource source = new BatchSource(List.of(Batch.fromRows(INPUT, List.of(Arrays.asList(1, 1L, 1.0, "a", true, 1, 0)))));
    TopNOperator topN = new TopNOperator(source, INPUT,
        List.of(SortOrder.ascending(new BoundReference(0, ColumnType.INT, true))), 0, MemoryContext.unlimited());

    assertThat(topN.next()).isNull();
    assertThat(source.exhausted()).isFalse();
    topN.close();
    topN.close();
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void aLimitAboveTheMaximumIsRefused() {
    assertThatThrownBy(() -> new TopNOperator(new BatchSource(List.of()), INPUT, List.of(), TopNOperator.MAXIMUM_LIMIT + 1,
        MemoryContext.unlimited()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("top-N limit");
  }
}
