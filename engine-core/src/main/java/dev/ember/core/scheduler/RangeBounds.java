package dev.ember.core.scheduler;

import dev.ember.core.expression.SortOrder;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.ValueComparison;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the bounds of a range exchange from the key samples of its map partitions, as Spark's
 * {@code RangePartitioner.determineBounds}: each sampled row weighs (rows of its partition / rows
 * sampled there); the weighted rows are sorted by the sort orders and a bound is taken every
 * (total weight / partitions), skipping keys equal to the previous bound. With few distinct keys
 * there are fewer bounds (and empty partitions), never wrong ones.
 */
public final class RangeBounds {
  private RangeBounds() {}

  /** One map partition's sample: key rows (one column per sort order) and the partition's row count. */
  public record PartitionSample(Batch keys, long rowCount) {}

  /** At most {@code partitionCount - 1} key rows, strictly ascending in the sort order. */
  public static Batch compute(List<PartitionSample> samples, List<SortOrder> orders, Schema keySchema, int partitionCount) {
    List<Batch> batches = new ArrayList<>();
    int total = 0;
    for (PartitionSample sample : samples) {
      batches.add(sample.keys());
      total += sample.keys().rowCount();
    }
    Batch all = Batch.concat(keySchema, batches);
    if (partitionCount <= 1 || total == 0) {
      return all.gather(new int[0], 0);
    }
    double[] weights = new double[total];
    int offset = 0;
    for (PartitionSample sample : samples) {
      int rows = sample.keys().rowCount();
      double weight = rows == 0 ? 0 : (double) sample.rowCount() / rows;
      for (int i = 0; i < rows; i++) {
        weights[offset + i] = weight;
      }
      offset += rows;
    }
    RowComparator comparator = new RowComparator(all, orders);
    int[] order = new int[total];
    for (int i = 0; i < total; i++) {
      order[i] = i;
    }
    IndexSort.sort(order, comparator::compare);
    double sum = 0;
    for (double weight : weights) {
      sum += weight;
    }
    double step = sum / partitionCount;
    double cumulative = 0;
    double target = step;
    int[] bounds = new int[partitionCount - 1];
    int boundCount = 0;
    for (int i = 0; i < total && boundCount < partitionCount - 1; i++) {
      int row = order[i];
      cumulative += weights[row];
      if (cumulative >= target) {
        if (boundCount == 0 || comparator.compare(row, bounds[boundCount - 1]) > 0) {
          bounds[boundCount++] = row;
          target += step;
        }
      }
    }
    return all.gather(bounds, boundCount);
  }

  /** Compares rows of one batch by sort orders, column i under order i. */
  static final class RowComparator {
    private final ColumnVector[] columns;
    private final boolean[] ascending;
    private final boolean[] nullsFirst;

    RowComparator(Batch keys, List<SortOrder> orders) {
      columns = new ColumnVector[orders.size()];
      ascending = new boolean[orders.size()];
      nullsFirst = new boolean[orders.size()];
      for (int i = 0; i < columns.length; i++) {
        columns[i] = keys.column(i);
        ascending[i] = orders.get(i).ascending();
        nullsFirst[i] = orders.get(i).nullsFirst();
      }
    }

    int compare(int left, int right) {
      for (int i = 0; i < columns.length; i++) {
        int order = ValueComparison.compareForSort(columns[i], left, columns[i], right, ascending[i], nullsFirst[i]);
        if (order != 0) {
          return order;
        }
      }
      return 0;
    }
  }

  /** A stable merge sort of int indexes with a primitive comparator (no boxing). */
  static final class IndexSort {
    interface IntComparator {
      int compare(int left, int right);
    }

    static void sort(int[] values, IntComparator comparator) {
      int[] buffer = new int[values.length];
      sort(values, buffer, 0, values.length, comparator);
    }

    private static void sort(int[] values, int[] buffer, int from, int to, IntComparator comparator) {
      if (to - from < 2) {
        return;
      }
      int middle = (from + to) >>> 1;
      sort(values, buffer, from, middle, comparator);
      sort(values, buffer, middle, to, comparator);
      if (comparator.compare(values[middle - 1], values[middle]) <= 0) {
        return;
      }
      System.arraycopy(values, from, buffer, from, to - from);
      int left = from;
      int right = middle;
      for (int i = from; i < to; i++) {
        if (right >= to || (left < middle && comparator.compare(buffer[left], buffer[right]) <= 0)) {
          values[i] = buffer[left++];
        } else {
          values[i] = buffer[right++];
        }
      }
    }
  }
}
