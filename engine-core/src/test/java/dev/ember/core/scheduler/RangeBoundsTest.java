package dev.ember.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.scheduler.RangeBounds.PartitionSample;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeBoundsTest {
  private static final Schema KEYS = Schema.of(Field.of("k", ColumnType.LONG), Field.of("s", ColumnType.STRING));

  @Test
  void boundsAreStrictlyAscendingEvenlySpacedAndAtMostPartitionsMinusOne() {
    Random random = new Random(3);
    for (boolean ascending : new boolean[] {true, false}) {
      for (boolean nullsFirst : new boolean[] {true, false}) {
        List<SortOrder> orders = List.of(
            new SortOrder(new BoundReference(0, ColumnType.LONG, true), ascending, nullsFirst),
            new SortOrder(new BoundReference(1, ColumnType.STRING, true), true, true));
        List<PartitionSample> samples = new ArrayList<>();
        for (int partition = 0; partition < 5; partition++) {
          List<List<Object>> rows = new ArrayList<>();
          for (int i = 0; i < 200; i++) {
            rows.add(Arrays.asList(random.nextInt(8) == 0 ? null : (long) random.nextInt(1000), "s" + random.nextInt(3)));
          }
          samples.add(new PartitionSample(Batch.fromRows(KEYS, rows), 1000));
        }
        Batch bounds = RangeBounds.compute(samples, orders, KEYS, 8);
        assertThat(bounds.rowCount()).isEqualTo(7);
        Comparator<List<Object>> comparator = comparator(ascending, nullsFirst);
        for (int i = 1; i < bounds.rowCount(); i++) {
          assertThat(comparator.compare(bounds.row(i - 1), bounds.row(i))).isNegative();
        }
        // About 1/8 of all sampled rows fall at or below the first bound.
        List<List<Object>> all = new ArrayList<>();
        samples.forEach(sample -> all.addAll(sample.keys().rows()));
        long below = all.stream().filter(row -> comparator.compare(row, bounds.row(0)) <= 0).count();
        assertThat(below).isBetween(all.size() / 8L - 20, all.size() / 8L + 40);
      }
    }
  }

  private static Comparator<List<Object>> comparator(boolean ascending, boolean nullsFirst) {
    Comparator<Long> values = ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
    Comparator<Long> withNulls = nullsFirst ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
    Comparator<List<Object>> first = Comparator.comparing(row -> (Long) row.get(0), withNulls);
    return first.thenComparing(row -> (String) row.get(1));
  }

  @Test
  void fewDistinctKeysGiveFewerBoundsAndNoSamplesGiveNone() {
    List<SortOrder> orders = List.of(SortOrder.ascending(new BoundReference(0, ColumnType.LONG, true)),
        SortOrder.ascending(new BoundReference(1, ColumnType.STRING, true)));
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      rows.add(Arrays.asList((long) (i % 2), "x"));
    }
    Batch bounds = RangeBounds.compute(List.of(new PartitionSample(Batch.fromRows(KEYS, rows), 100)), orders, KEYS, 10);
    assertThat(bounds.rows()).containsExactly(Arrays.asList(0L, "x"), Arrays.asList(1L, "x"));
    assertThat(RangeBounds.compute(List.of(new PartitionSample(Batch.empty(KEYS), 0)), orders, KEYS, 4).rowCount()).isZero();
    assertThat(RangeBounds.compute(List.of(new PartitionSample(Batch.fromRows(KEYS, rows), 100)), orders, KEYS, 1)
        .rowCount()).isZero();
  }

  @Test
  void largerPartitionsWeighMore() {
    List<SortOrder> orders = List.of(SortOrder.ascending(new BoundReference(0, ColumnType.LONG, true)));
    Schema keys = KEYS.select(0);
    List<List<Object>> low = new ArrayList<>();
    List<List<Object>> high = new ArrayList<>();
    for (long i = 0; i < 10; i++) {
      low.add(List.of(i));
      high.add(List.of(100 + i));
    }
    // The low keys stand for 9000 rows, the high ones for 1000: the median bound is among the low keys.
    Batch bounds = RangeBounds.compute(List.of(new PartitionSample(Batch.fromRows(keys, low), 9000),
        new PartitionSample(Batch.fromRows(keys, high), 1000)), orders, keys, 2);
    assertThat((Long) bounds.row(0).get(0)).isLessThan(10L);
  }

  @Test
  void indexSortIsAStableSort() {
    Random random = new Random(5);
    int[] keys = new int[1000];
    int[] order = new int[1000];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = random.nextInt(50);
      order[i] = i;
    }
    RangeBounds.IndexSort.sort(order, (left, right) -> Integer.compare(keys[left], keys[right]));
    for (int i = 1; i < order.length; i++) {
      assertThat(keys[order[i - 1]] < keys[order[i]] || (keys[order[i - 1]] == keys[order[i]] && order[i - 1] < order[i]))
          .isTrue();
    }
  }
}
