package dev.ember.core.operator.hash;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import dev.ember.core.vector.VectorLayout;
import java.util.Arrays;

/**
 * Vectorized equality of key values at pairs of positions in two vectors of the same type, with
 * grouping semantics: null equals null, -0.0 equals 0.0 and NaN equals NaN (Spark normalizes
 * floating-point grouping keys the same way). Joins drop rows with null keys before they compare.
 *
 * <p>One stateless kernel per {@link VectorLayout}, holding only its own loop; a table picks its key
 * columns' kernels once ({@link #forType}) and calls {@link #andEqual} once per batch and column.
 * Why kernels and not a switch over the vector classes: a probe loop inlined that switch with a loop
 * per class, and each query with a key type the probe had not met deoptimized it and made the JIT
 * compile the whole probe again. {@link #andEqual} is the one call site of every kernel's loop, so
 * the JIT sees all kernel classes there and calls each one's own compiled loop.
 */
public abstract sealed class KeyEquality
    permits KeyEquality.Booleans, KeyEquality.Ints, KeyEquality.Longs, KeyEquality.Doubles, KeyEquality.Strings,
        KeyEquality.WideDecimals {
  private static final KeyEquality[] BY_LAYOUT = {
    new Booleans(), new Ints(), new Longs(), new Doubles(), new Strings(), new WideDecimals(),
  };

  static {
    // The array is indexed by layout ordinal: keep the two lists in one order.
    for (VectorLayout layout : VectorLayout.values()) {
      if (BY_LAYOUT[layout.ordinal()].layout != layout) {
        throw new AssertionError("key equality of " + layout + " out of place");
      }
    }
  }

  private final VectorLayout layout;

  private KeyEquality(VectorLayout layout) {
    this.layout = layout;
  }

  /** The kernel for keys of {@code type}. */
  public static KeyEquality forType(ColumnType type) {
    return BY_LAYOUT[VectorLayout.of(type).ordinal()];
  }

  /** The layout this kernel compares. */
  public final VectorLayout layout() {
    return layout;
  }

  /**
   * Clears {@code equal[i]} for each {@code i < count} where row {@code leftRows[i]} of {@code left}
   * differs from row {@code rightRows[i]} of {@code right}; entries already false stay false. For
   * callers that compare a pair of vectors once; a table keeps its kernels ({@link #forType}).
   */
  public static void and(
      ColumnVector left, int[] leftRows, ColumnVector right, int[] rightRows, int count, boolean[] equal) {
    forType(left.type()).andEqual(left, leftRows, right, rightRows, count, equal);
  }

  /**
   * As {@link #and}, for two vectors of this kernel's layout and one type: the one call site of the
   * kernels' loops (see the class comment).
   */
  public final void andEqual(
      ColumnVector left, int[] leftRows, ColumnVector right, int[] rightRows, int count, boolean[] equal) {
    if (!left.type().equals(right.type())) {
      throw new IllegalArgumentException("cannot compare keys of types " + left.type() + " and " + right.type());
    }
    if (VectorLayout.of(left.type()) != layout) {
      throw new IllegalArgumentException("the " + layout + " key equality cannot compare keys of type " + left.type());
    }
    boolean[] leftNulls = left.nulls;
    boolean[] rightNulls = right.nulls;
    // Null slots hold arbitrary values: remember the verdict so far to restore it where both are null.
    boolean[] before = leftNulls == null && rightNulls == null ? null : Arrays.copyOf(equal, count);
    valuesAnd(left, leftRows, right, rightRows, count, equal);
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

  /** Clears {@code equal[i]} where the values differ; null rows are decided by the caller. */
  abstract void valuesAnd(ColumnVector left, int[] leftRows, ColumnVector right, int[] rightRows, int count, boolean[] equal);

  static final class Booleans extends KeyEquality {
    Booleans() {
      super(VectorLayout.BOOLEAN);
    }

    @Override
    void valuesAnd(ColumnVector left, int[] leftRows, ColumnVector right, int[] rightRows, int count, boolean[] equal) {
      boolean[] a = ((BooleanVector) left).values;
      boolean[] b = ((BooleanVector) right).values;
      for (int i = 0; i < count; i++) {
        equal[i] &= a[leftRows[i]] == b[rightRows[i]];
      }
    }
  }

  /** INT and DATE. */
  static final class Ints extends KeyEquality {
    Ints() {
      super(VectorLayout.INT);
    }

    @Override
    void valuesAnd(ColumnVector left, int[] leftRows, ColumnVector right, int[] rightRows, int count, boolean[] equal) {
      int[] a = ((IntVector) left).values;
      int[] b = ((IntVector) right).values;
      for (int i = 0; i < count; i++) {
        equal[i] &= a[leftRows[i]] == b[rightRows[i]];
      }
    }
  }

  /** LONG, TIMESTAMP and compact DECIMAL (one type, one scale: equal unscaled values are equal decimals). */
  static final class Longs extends KeyEquality {
    Longs() {
      super(VectorLayout.LONG);
    }

    @Override
    void valuesAnd(ColumnVector left, int[] leftRows, ColumnVector right, int[] rightRows, int count, boolean[] equal) {
      long[] a = ((LongVector) left).values;
      long[] b = ((LongVector) right).values;
      for (int i = 0; i < count; i++) {
        equal[i] &= a[leftRows[i]] == b[rightRows[i]];
      }
    }
  }

  static final class Doubles extends KeyEquality {
    Doubles() {
      super(VectorLayout.DOUBLE);
    }

    @Override
    void valuesAnd(ColumnVector left, int[] leftRows, ColumnVector right, int[] rightRows, int count, boolean[] equal) {
      double[] a = ((DoubleVector) left).values;
      double[] b = ((DoubleVector) right).values;
      for (int i = 0; i < count; i++) {
        double x = a[leftRows[i]];
        double y = b[rightRows[i]];
        // == covers -0.0 == 0.0; the second test makes NaN equal NaN.
        equal[i] &= x == y || (x != x && y != y);
      }
    }
  }

  /**
   * Ids compare when both sides share one dictionary; otherwise bytes compare (null rows are empty,
   * the null pass decides them). Rows already unequal are skipped, so a probe compares bytes only
   * for the hash matches of earlier keys.
   */
  static final class Strings extends KeyEquality {
    Strings() {
      super(VectorLayout.STRING);
    }

    @Override
    void valuesAnd(ColumnVector left, int[] leftRows, ColumnVector right, int[] rightRows, int count, boolean[] equal) {
      StringVector leftStrings = (StringVector) left;
      StringVector rightStrings = (StringVector) right;
      if (leftStrings.isDictionary() && leftStrings.dictionary() == rightStrings.dictionary()) {
        int[] a = leftStrings.ids();
        int[] b = rightStrings.ids();
        for (int i = 0; i < count; i++) {
          equal[i] &= a[leftRows[i]] == b[rightRows[i]];
        }
        return;
      }
      byte[] a = leftStrings.data();
      byte[] b = rightStrings.data();
      for (int i = 0; i < count; i++) {
        if (equal[i]) {
          int leftRow = leftRows[i];
          int rightRow = rightRows[i];
          equal[i] = Arrays.equals(a, leftStrings.start(leftRow), leftStrings.end(leftRow),
              b, rightStrings.start(rightRow), rightStrings.end(rightRow));
        }
      }
    }
  }

  /** DECIMAL wider than 18 digits: one type, one scale, so equal 128-bit unscaled values are equal decimals. */
  static final class WideDecimals extends KeyEquality {
    WideDecimals() {
      super(VectorLayout.WIDE_DECIMAL);
    }

    @Override
    void valuesAnd(ColumnVector left, int[] leftRows, ColumnVector right, int[] rightRows, int count, boolean[] equal) {
      DecimalVector leftDecimals = (DecimalVector) left;
      DecimalVector rightDecimals = (DecimalVector) right;
      long[] aHigh = leftDecimals.high;
      long[] aLow = leftDecimals.low;
      long[] bHigh = rightDecimals.high;
      long[] bLow = rightDecimals.low;
      for (int i = 0; i < count; i++) {
        int leftRow = leftRows[i];
        int rightRow = rightRows[i];
        equal[i] &= aHigh[leftRow] == bHigh[rightRow] && aLow[leftRow] == bLow[rightRow];
      }
    }
  }
}
