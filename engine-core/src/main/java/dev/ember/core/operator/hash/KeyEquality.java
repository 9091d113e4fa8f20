package dev.ember.core.operator.hash;

import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;

/**
 * Vectorized equality of key values at pairs of positions in two vectors of the same type, with
 * grouping semantics: null equals null, -0.0 equals 0.0 and NaN equals NaN (Spark normalizes
 * floating-point grouping keys the same way). Joins drop rows with null keys before they compare.
 */
public final class KeyEquality {
  private KeyEquality() {}

  /**
   * Ids compare when both sides share one dictionary; otherwise bytes compare (null rows are empty,
   * the null pass decides them). Rows already unequal are skipped, so a probe compares bytes only
   * for the hash matches of earlier keys.
   */
  private static void stringsAnd(
      StringVector left, int[] leftRows, StringVector right, int[] rightRows, int count, boolean[] equal) {
    if (left.isDictionary() && left.dictionary() == right.dictionary()) {
      int[] a = left.ids();
      int[] b = right.ids();
      for (int i = 0; i < count; i++) {
        equal[i] &= a[leftRows[i]] == b[rightRows[i]];
      }
      return;
    }
    byte[] a = left.data();
    byte[] b = right.data();
    for (int i = 0; i < count; i++) {
      if (equal[i]) {
        int leftRow = leftRows[i];
        int rightRow = rightRows[i];
        equal[i] = java.util.Arrays.equals(
            a, left.start(leftRow), left.end(leftRow), b, right.start(rightRow), right.end(rightRow));
      }
    }
  }

  /**
   * Clears {@code equal[i]} for each {@code i < count} where row {@code leftRows[i]} of {@code left}
   * differs from row {@code rightRows[i]} of {@code right}; entries already false stay false.
   */
  public static void and(
      ColumnVector left, int[] leftRows, ColumnVector right, int[] rightRows, int count, boolean[] equal) {
    if (!left.type().equals(right.type())) {
      throw new IllegalArgumentException("cannot compare keys of types " + left.type() + " and " + right.type());
    }
    boolean[] leftNulls = left.nulls;
    boolean[] rightNulls = right.nulls;
    // Null slots hold arbitrary values: remember the verdict so far to restore it where both are null.
    boolean[] before = leftNulls == null && rightNulls == null ? null : java.util.Arrays.copyOf(equal, count);
    switch (left) {
      case BooleanVector l -> {
        boolean[] a = l.values;
        boolean[] b = ((BooleanVector) right).values;
        for (int i = 0; i < count; i++) {
          equal[i] &= a[leftRows[i]] == b[rightRows[i]];
        }
      }
      case IntVector l -> {
        int[] a = l.values;
        int[] b = ((IntVector) right).values;
        for (int i = 0; i < count; i++) {
          equal[i] &= a[leftRows[i]] == b[rightRows[i]];
        }
      }
      case LongVector l -> {
        long[] a = l.values;
        long[] b = ((LongVector) right).values;
        for (int i = 0; i < count; i++) {
          equal[i] &= a[leftRows[i]] == b[rightRows[i]];
        }
      }
      case DoubleVector l -> {
        double[] a = l.values;
        double[] b = ((DoubleVector) right).values;
        for (int i = 0; i < count; i++) {
          double x = a[leftRows[i]];
          double y = b[rightRows[i]];
          // == covers -0.0 == 0.0; the second test makes NaN equal NaN.
          equal[i] &= x == y || (x != x && y != y);
        }
      }
      case StringVector l -> stringsAnd(l, leftRows, (StringVector) right, rightRows, count, equal);
      case DecimalVector l -> {
        long[] aHigh = l.high;
        long[] aLow = l.low;
        long[] bHigh = ((DecimalVector) right).high;
        long[] bLow = ((DecimalVector) right).low;
        for (int i = 0; i < count; i++) {
          // One type, one scale: equal unscaled values are equal decimals. Null slots are decided below.
          int leftRow = leftRows[i];
          int rightRow = rightRows[i];
          equal[i] &= aHigh[leftRow] == bHigh[rightRow] && aLow[leftRow] == bLow[rightRow];
        }
      }
    }
    if (before == null) {
      return;
    }
    for (int i = 0; i < count; i++) {
      boolean leftNull = leftNulls != null && leftNulls[leftRows[i]];
      boolean rightNull = rightNulls != null && rightNulls[rightRows[i]];
      if (leftNull || rightNull) {
        equal[i] = before[i] && leftNull && rightNull;
      }
    }
  }
}
