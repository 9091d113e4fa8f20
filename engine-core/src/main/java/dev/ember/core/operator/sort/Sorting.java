package dev.ember.core.operator.sort;

import dev.ember.core.vector.ColumnVector;

/** The in-memory sort for other operator packages: the stable sorted order of rows by key columns. */
public final class Sorting {
  private Sorting() {}

  /** Row indexes {@code 0..rows-1} in the stable order of {@code keys}, each with its direction and null placement. */
  public static int[] sortedOrder(ColumnVector[] keys, boolean[] ascending, boolean[] nullsFirst, int rows) {
    return SortedOrder.compute(keys, ascending, nullsFirst, rows);
  }
}
