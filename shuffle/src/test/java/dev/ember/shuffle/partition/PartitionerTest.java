package dev.ember.shuffle.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.scheduler.RangeBounds;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.VectorHashing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartitionerTest {
  private static final Schema SCHEMA = Schema.of(
      Field.of("i", ColumnType.INT), Field.of("s", ColumnType.STRING), Field.of("d", ColumnType.DOUBLE));
  private static final BoundReference I = new BoundReference(0, ColumnType.INT, true);
  private static final BoundReference S = new BoundReference(1, ColumnType.STRING, true);
  private static final BoundReference D = new BoundReference(2, ColumnType.DOUBLE, true);

  private static Batch randomBatch(Random random, int rows, int distinct) {
    List<List<Object>> data = new ArrayList<>();
    for (int row = 0; row < rows; row++) {
      // Skewed: half the rows share key 0.
      int key = random.nextBoolean() ? 0 : random.nextInt(distinct);
      data.add(Arrays.asList(random.nextInt(10) == 0 ? null : key, random.nextInt(10) == 0 ? null : "s" + (key % 7),
          random.nextInt(10) == 0 ? null : (random.nextInt(20) == 0 ? -0.0 : random.nextInt(5) * 1.5)));
    }
    return Batch.fromRows(SCHEMA, data);
  }

  private static int[] assign(Partitioner partitioner, Batch batch) {
    int[] partitions = new int[batch.rowCount()];
    partitioner.assign(batch, partitions);
    return partitions;
  }

  /** Spark's row hash in plain Java: murmur3 over each non-null key value in order, seed 42. */
  private static int expectedPartition(List<Object> row, int[] keyColumns, int partitions) {
    int hash = VectorHashing.SEED;
    for (int column : keyColumns) {
      Object value = row.get(column);
      if (value instanceof Integer number) {
        hash = VectorHashing.hashInt(number, hash);
      } else if (value instanceof String text) {
        hash = VectorHashing.hashString(text, hash);
      } else if (value instanceof Double number) {
        hash = VectorHashing.hashLong(number == 0.0 ? 0L : Double.doubleToLongBits(number), hash);
      }
    }
    return Math.floorMod(hash, partitions);
  }

  @Test
  void hashPartitioningMatchesPlainJavaAndKeepsEqualKeysTogether() {
    Random random = new Random(11);
    for (int partitions : new int[] {1, 2, 7, 16}) {
      HashPartitioner partitioner = new HashPartitioner(List.<Expression>of(I, S, D), partitions);
      Map<List<Object>, Integer> partitionOfKey = new HashMap<>();
      int[] counts = new int[partitions];
      for (int batchIndex = 0; batchIndex < 3; batchIndex++) {
        Batch batch = randomBatch(random, 2000, 500);
        int[] assigned = assign(partitioner, batch);
        for (int row = 0; row < batch.rowCount(); row++) {
          List<Object> values = batch.row(row);
          assertThat(assigned[row]).isEqualTo(expectedPartition(values, new int[] {0, 1, 2}, partitions));
          List<Object> key = Arrays.asList(values.get(0), values.get(1),
              values.get(2) == null ? null : ((Double) values.get(2)) + 0.0);
          Integer previous = partitionOfKey.putIfAbsent(key, assigned[row]);
          assertThat(previous == null || previous == assigned[row]).as("key " + key).isTrue();
          counts[assigned[row]]++;
        }
      }
      assertThat(Arrays.stream(counts).min().getAsInt()).as("every partition gets rows").isPositive();
    }
    assertThat(assign(new HashPartitioner(List.of(I), 3), Batch.empty(SCHEMA))).isEmpty();
    assertThatThrownBy(() -> new HashPartitioner(List.of(), 3)).hasMessageContaining("at least one key");
  }

  @Test
  void rangePartitioningOrdersPartitionsUnderEverySortOrder() {
    Random random = new Random(12);
    for (boolean ascending : new boolean[] {true, false}) {
      for (boolean nullsFirst : new boolean[] {true, false}) {
        List<SortOrder> orders = List.of(new SortOrder(I, ascending, nullsFirst), new SortOrder(S, true, false));
        Schema keySchema = SCHEMA.select(0, 1);
        Batch data = randomBatch(random, 5000, 300);
        Batch sample = data.selectColumns(0, 1).slice(0, 400);
        int partitions = 6;
        Batch bounds = RangeBounds.compute(
            List.of(new RangeBounds.PartitionSample(sample, 5000)), orders, keySchema, partitions);
        RangePartitioner partitioner = new RangePartitioner(orders, bounds, partitions);
        int[] assigned = assign(partitioner, data);
        Comparator<List<Object>> comparator = comparator(ascending, nullsFirst);
        List<List<List<Object>>> byPartition = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
          byPartition.add(new ArrayList<>());
        }
        for (int row = 0; row < data.rowCount(); row++) {
          byPartition.get(assigned[row]).add(data.row(row));
        }
        // Every row of an earlier partition sorts at or before every row of a later one.
        List<Object> highestSoFar = null;
        for (List<List<Object>> rows : byPartition) {
          if (rows.isEmpty()) {
            continue;
          }
          List<Object> lowest = rows.stream().min(comparator).orElseThrow();
          if (highestSoFar != null) {
            assertThat(comparator.compare(highestSoFar, lowest)).as(highestSoFar + " vs " + lowest).isLessThanOrEqualTo(0);
          }
          highestSoFar = rows.stream().max(comparator).orElseThrow();
        }
        assertThat(byPartition.stream().filter(rows -> !rows.isEmpty()).count()).isGreaterThan(3);
      }
    }
  }

  private static Comparator<List<Object>> comparator(boolean ascending, boolean nullsFirst) {
    Comparator<Integer> values = ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
    Comparator<Integer> first = nullsFirst ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
    return Comparator.<List<Object>, Integer>comparing(row -> (Integer) row.get(0), first)
        .thenComparing(row -> (String) row.get(1), Comparator.nullsLast(Comparator.<String>naturalOrder()));
  }

  @Test
  void rangePartitioningWithoutBoundsSendsEverythingToTheFirstPartitionAndChecksItsBounds() {
    List<SortOrder> orders = List.of(SortOrder.ascending(I));
    Batch data = randomBatch(new Random(1), 100, 10);
    assertThat(assign(new RangePartitioner(orders, Batch.empty(SCHEMA.select(0)), 4), data)).containsOnly(0);
    assertThatThrownBy(() -> new RangePartitioner(orders, Batch.empty(SCHEMA.select(1)), 4))
        .hasMessageContaining("sort key 0 is int but its bounds are string");
    assertThatThrownBy(() -> new RangePartitioner(orders, data.selectColumns(0).slice(0, 5), 4))
        .hasMessageContaining("5 range bounds for 4 partitions");
  }

  @Test
  void roundRobinDealsEvenlyFromAStartDerivedFromTheMapId() {
    Batch batch = randomBatch(new Random(2), 1001, 10);
    for (int mapId = 0; mapId < 5; mapId++) {
      RoundRobinPartitioner partitioner = new RoundRobinPartitioner(4, mapId);
      int[] first = assign(partitioner, batch.slice(0, 500));
      int[] second = assign(partitioner, batch.slice(500, 1001));
      int[] counts = new int[4];
      int expected = first[0];
      for (int[] part : List.of(first, second)) {
        for (int partition : part) {
          assertThat(partition).isEqualTo(expected);
          expected = (expected + 1) % 4;
          counts[partition]++;
        }
      }
      assertThat(Arrays.stream(counts).max().getAsInt() - Arrays.stream(counts).min().getAsInt()).isLessThanOrEqualTo(1);
      // Recomputing the map deals the same way.
      assertThat(assign(new RoundRobinPartitioner(4, mapId), batch.slice(0, 500))).isEqualTo(first);
    }
    long starts = java.util.stream.IntStream.range(0, 20)
        .map(mapId -> assign(new RoundRobinPartitioner(8, mapId), batch.slice(0, 1))[0]).distinct().count();
    assertThat(starts).isGreaterThan(1);
    assertThat(assign(new SinglePartitioner(), batch)).containsOnly(0);
  }

  @Test
  void theSplitterKeepsRowOrderWithinEachPartitionAndLosesNothing() {
    Random random = new Random(3);
    Batch batch = randomBatch(random, 3000, 50);
    HashPartitioner partitioner = new HashPartitioner(List.of(I), 5);
    Batch[] pieces = new BatchSplitter(partitioner).split(batch);
    int[] assigned = assign(new HashPartitioner(List.of(I), 5), batch);
    for (int p = 0; p < 5; p++) {
      List<List<Object>> expected = new ArrayList<>();
      for (int row = 0; row < batch.rowCount(); row++) {
        if (assigned[row] == p) {
          expected.add(batch.row(row));
        }
      }
      assertThat(pieces[p] == null ? List.of() : pieces[p].rows()).isEqualTo(expected);
    }
    Batch[] single = new BatchSplitter(new SinglePartitioner()).split(batch);
    assertThat(single[0]).isSameAs(batch);
    assertThat(new BatchSplitter(partitioner).split(Batch.empty(SCHEMA))).containsOnlyNulls();
  }

  /**
   * A batch with a selection (a filter's output) is split by its selected rows only: garbage rows
   * planted between them, with keys no selected row has, must land in no piece, and no piece keeps
   * the unselected rows (the exchange holds pieces).
   */
  @Test
  void theSplitterSplitsOnlyTheSelectedRowsOfAFilteredBatch() {
    Random random = new Random(5);
    Batch real = randomBatch(random, 2000, 40);
    List<List<Object>> physicalRows = new ArrayList<>();
    int[] selection = new int[real.rowCount()];
    for (int row = 0; row < real.rowCount(); row++) {
      while (random.nextInt(3) == 0) {
        physicalRows.add(Arrays.asList(random.nextBoolean() ? null : 1_000_000 + row, "GARBAGE", 9e9));
      }
      selection[row] = physicalRows.size();
      physicalRows.add(real.row(row));
    }
    Batch physical = Batch.fromRows(SCHEMA, physicalRows);
    Batch selected = physical.select(selection, selection.length);
    assertThat(selected.hasSelection()).isTrue();
    HashPartitioner partitioner = new HashPartitioner(List.of(I, S), 7);

    Batch[] pieces = new BatchSplitter(partitioner).split(selected);

    int[] assigned = assign(new HashPartitioner(List.of(I, S), 7), real);
    for (int p = 0; p < 7; p++) {
      List<List<Object>> expected = new ArrayList<>();
      for (int row = 0; row < real.rowCount(); row++) {
        if (assigned[row] == p) {
          expected.add(real.row(row));
        }
      }
      assertThat(pieces[p] == null ? List.of() : pieces[p].rows()).as("partition " + p).isEqualTo(expected);
      assertThat(pieces[p] == null || !pieces[p].hasSelection()).isTrue();
    }
    Batch[] single = new BatchSplitter(new SinglePartitioner()).split(selected);
    assertThat(single[0].hasSelection()).as("one piece is gathered too").isFalse();
    assertThat(single[0].rows()).isEqualTo(real.rows());
  }
}
