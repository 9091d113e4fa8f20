package dev.ember.core.operator.sort;

import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.util.Arrays;

/**
 * Computes the stable sorted order of row indexes for a list of key columns.
 *
 * <p>Several keys: a merge sort with a chain of type-specialized comparators. One key (the common
 * case): nulls are split off first (stably, to the front or back), then the non-null rows are
 * sorted without null checks; an INT, DATE or BOOLEAN key is packed with its row index into one
 * long ({@code key << 32 | index}), so a primitive {@link Arrays#sort(long[])} gives the stable
 * order with no comparator calls at all; a LONG or TIMESTAMP key is radix-sorted with its row
 * indexes (stable, no comparator calls either).
 */
final class SortedOrder {
  private SortedOrder() {}

  static int[] compute(ColumnVector[] keys, boolean[] ascending, boolean[] nullsFirst, int rows) {
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    if (keys.length == 0 || rows < 2) {
      return order;
    }
    if (keys.length > 1) {
      RowComparator[] comparators = new RowComparator[keys.length];
      for (int i = 0; i < keys.length; i++) {
        comparators[i] = RowComparator.forKey(keys[i], ascending[i], nullsFirst[i]);
      }
      StableIndexSort.sort(order, rows, RowComparator.chain(comparators));
      return order;
    }
    ColumnVector key = keys[0];
    // Split off the null rows, keeping input order on both sides.
    int nonNullStart = 0;
    int nonNullCount = rows;
    if (key.nulls != null) {
      boolean[] nulls = key.nulls;
      int nullCount = 0;
      for (int row = 0; row < rows; row++) {
        nullCount += nulls[row] ? 1 : 0;
      }
      nonNullCount = rows - nullCount;
      nonNullStart = nullsFirst[0] ? nullCount : 0;
      int nullPosition = nullsFirst[0] ? 0 : nonNullCount;
      int valuePosition = nonNullStart;
      for (int row = 0; row < rows; row++) {
        if (nulls[row]) {
          order[nullPosition++] = row;
        } else {
          order[valuePosition++] = row;
        }
      }
    }
    sortNonNull(key, ascending[0], order, nonNullStart, nonNullCount);
    return order;
  }

  private static void sortNonNull(ColumnVector key, boolean ascending, int[] order, int from, int count) {
    if (count < 2) {
      return;
    }
    switch (key) {
      case IntVector vector -> sortPacked(vector.values, null, ascending, order, from, count);
      case BooleanVector vector -> sortPacked(null, vector.values, ascending, order, from, count);
      case LongVector vector -> radixSortLongs(vector.values, ascending, order, from, count);
      case DoubleVector vector -> sortWithComparator(
          new DoubleVector(vector.type(), vector.values, null, vector.size()), ascending, order, from, count);
      case StringVector vector -> {
        if (vector.isDictionary()) {
          sortPacked(vector.rowRanks(), null, ascending, order, from, count);
        } else {
          sortWithComparator(vector, ascending, order, from, count);
        }
      }
      case DecimalVector vector -> sortWithComparator(
          new DecimalVector(vector.type(), vector.high, vector.low, null, vector.size()), ascending, order, from, count);
    }
  }

  /** Sorts (32-bit key, row) packed into longs: equal keys fall back on the row, which keeps the sort stable. */
  private static void sortPacked(int[] ints, boolean[] booleans, boolean ascending, int[] order, int from, int count) {
    long[] packed = new long[count];
    for (int i = 0; i < count; i++) {
      int row = order[from + i];
      int value = ints != null ? ints[row] : (booleans[row] ? 1 : 0);
      // The key in the high half keeps its signed order; ~value reverses it for descending order.
      long sortable = ascending ? value : ~value;
      packed[i] = sortable << 32 | row;
    }
    Arrays.sort(packed);
    for (int i = 0; i < count; i++) {
      order[from + i] = (int) packed[i];
    }
  }

  /**
   * A stable least-significant-digit radix sort of (64-bit key, row) pairs, one byte per pass;
   * a pass where every key has the same byte is skipped (narrow key ranges cost few passes).
   * Flipping the sign bit makes unsigned byte order the signed order; inverting every bit reverses it.
   */
  private static void radixSortLongs(long[] values, boolean ascending, int[] order, int from, int count) {
    long[] keys = new long[count];
    int[] rows = new int[count];
    for (int i = 0; i < count; i++) {
      int row = order[from + i];
      long key = values[row] ^ Long.MIN_VALUE;
      keys[i] = ascending ? key : ~key;
      rows[i] = row;
    }
    long[] keyScratch = new long[count];
    int[] rowScratch = new int[count];
    int[] buckets = new int[256];
    for (int shift = 0; shift < 64; shift += 8) {
      Arrays.fill(buckets, 0);
      for (int i = 0; i < count; i++) {
        buckets[(int) (keys[i] >>> shift) & 0xFF]++;
      }
      if (buckets[(int) (keys[0] >>> shift) & 0xFF] == count) {
        continue;
      }
      int start = 0;
      for (int bucket = 0; bucket < 256; bucket++) {
        int size = buckets[bucket];
        buckets[bucket] = start;
        start += size;
      }
      for (int i = 0; i < count; i++) {
        int position = buckets[(int) (keys[i] >>> shift) & 0xFF]++;
        keyScratch[position] = keys[i];
        rowScratch[position] = rows[i];
      }
      long[] swapKeys = keys;
      keys = keyScratch;
      keyScratch = swapKeys;
      int[] swapRows = rows;
      rows = rowScratch;
      rowScratch = swapRows;
    }
    System.arraycopy(rows, 0, order, from, count);
  }

  /** The key passed here has no null mask: only non-null rows are compared. */
  private static void sortWithComparator(ColumnVector key, boolean ascending, int[] order, int from, int count) {
    int[] part = Arrays.copyOfRange(order, from, from + count);
    StableIndexSort.sort(part, count, RowComparator.forKey(key, ascending, true));
    System.arraycopy(part, 0, order, from, count);
  }
}
