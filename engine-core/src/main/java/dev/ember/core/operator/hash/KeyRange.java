package dev.ember.core.operator.hash;

import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;

/** The lowest and highest non-null integer key among some rows: what decides a direct or packed table's layout. */
record KeyRange(long lowest, long highest) {

  /**
   * The range of the non-null keys of {@code keys} at {@code rows[0..count)}, or null when there is
   * none or the column is not an integer one (INT, DATE, LONG, TIMESTAMP).
   */
  static KeyRange of(ColumnVector keys, int[] rows, int count) {
    boolean[] nulls = keys.nulls;
    long low = Long.MAX_VALUE;
    long high = Long.MIN_VALUE;
    switch (keys) {
      case IntVector vector -> {
        int[] values = vector.values;
        for (int i = 0; i < count; i++) {
          int row = rows[i];
          if (nulls == null || !nulls[row]) {
            low = Math.min(low, values[row]);
            high = Math.max(high, values[row]);
          }
        }
      }
      case LongVector vector -> {
        long[] values = vector.values;
        for (int i = 0; i < count; i++) {
          int row = rows[i];
          if (nulls == null || !nulls[row]) {
            low = Math.min(low, values[row]);
            high = Math.max(high, values[row]);
          }
        }
      }
      case BooleanVector vector -> {
        return null;
      }
      case DoubleVector vector -> {
        return null;
      }
      case StringVector vector -> {
        return null;
      }
      case DecimalVector vector -> {
        return null;
      }
    }
    return low > high ? null : new KeyRange(low, high);
  }

  /** highest - lowest; negative when the keys lie so far apart that the difference overflows a long. */
  long span() {
    return highest - lowest;
  }
}
