package dev.ember.core.operator.sort;

import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;

/**
 * Compares two rows (indexes into the buffered key columns). One subclass per key type, its
 * direction a sign it multiplies by, and one chain for several keys, chosen once per sort, so the
 * comparisons of a single key inline.
 *
 * <p>Few classes on purpose: the JIT compiles a sort loop for the comparator classes it has seen
 * at its call sites, and a class it has not seen yet (a new query's key types) throws the compiled
 * loop away. A wrapper class per direction (or a shared reversing wrapper whose one inner call
 * site sees every key type) made each new query's sort a recompilation.
 */
abstract class RowComparator {
  abstract int compare(int left, int right);

  /** The comparator for one key: direction and null placement as given, doubles in Spark's order. */
  static RowComparator forKey(ColumnVector key, boolean ascending, boolean nullsFirst) {
    // Every subclass's ascending comparison is in [-2^31 + 1, 2^31 - 1]: its negation cannot overflow.
    int sign = ascending ? 1 : -1;
    RowComparator values = switch (key) {
      case BooleanVector vector -> new BooleanKey(vector.values, sign);
      case IntVector vector -> new IntKey(vector.values, sign);
      case LongVector vector -> new LongKey(vector.values, sign);
      case DoubleVector vector -> new DoubleKey(vector.values, sign);
      // A dictionary column sorts by the ranks of its entries: one int compare per pair.
      case StringVector vector -> vector.isDictionary() ? new IntKey(vector.rowRanks(), sign) : new StringKey(vector, sign);
      case DecimalVector vector -> new DecimalKey(vector.high, vector.low, sign);
    };
    return key.nulls == null ? values : new NullsPlaced(key.nulls, nullsFirst, values);
  }

  static RowComparator chain(RowComparator[] keys) {
    return keys.length == 1 ? keys[0] : new Chain(keys);
  }

  private static final class BooleanKey extends RowComparator {
    private final boolean[] values;
    private final int sign;

    BooleanKey(boolean[] values, int sign) {
      this.values = values;
      this.sign = sign;
    }

    @Override
    int compare(int left, int right) {
      return sign * Boolean.compare(values[left], values[right]);
    }
  }

  private static final class IntKey extends RowComparator {
    private final int[] values;
    private final int sign;

    IntKey(int[] values, int sign) {
      this.values = values;
      this.sign = sign;
    }

    @Override
    int compare(int left, int right) {
      return sign * Integer.compare(values[left], values[right]);
    }
  }

  private static final class LongKey extends RowComparator {
    private final long[] values;
    private final int sign;

    LongKey(long[] values, int sign) {
      this.values = values;
      this.sign = sign;
    }

    @Override
    int compare(int left, int right) {
      return sign * Long.compare(values[left], values[right]);
    }
  }

  private static final class DoubleKey extends RowComparator {
    private final double[] values;
    private final int sign;

    DoubleKey(double[] values, int sign) {
      this.values = values;
      this.sign = sign;
    }

    @Override
    int compare(int left, int right) {
      double a = values[left];
      double b = values[right];
      // -0.0 == 0.0 is a tie (keeps input order); Double.compare puts NaN above every number.
      return a == b ? 0 : sign * Double.compare(a, b);
    }
  }

  /** 128-bit unscaled values of one scale: signed order of the high words, then unsigned of the low. */
  private static final class DecimalKey extends RowComparator {
    private final long[] high;
    private final long[] low;
    private final int sign;

    DecimalKey(long[] high, long[] low, int sign) {
      this.high = high;
      this.low = low;
      this.sign = sign;
    }

    @Override
    int compare(int left, int right) {
      return sign * dev.ember.core.types.Int128.compare(high[left], low[left], high[right], low[right]);
    }
  }

  /** Spark's string order: UTF-8 bytes compared unsigned. */
  private static final class StringKey extends RowComparator {
    private final byte[] data;
    private final StringVector values;
    private final int sign;

    StringKey(StringVector values, int sign) {
      this.data = values.data();
      this.values = values;
      this.sign = sign;
    }

    @Override
    int compare(int left, int right) {
      return sign * java.util.Arrays.compareUnsigned(
          data, values.start(left), values.end(left), data, values.start(right), values.end(right));
    }
  }

  private static final class NullsPlaced extends RowComparator {
    private final boolean[] nulls;
    private final int nullSign;
    private final RowComparator values;

    NullsPlaced(boolean[] nulls, boolean nullsFirst, RowComparator values) {
      this.nulls = nulls;
      this.nullSign = nullsFirst ? -1 : 1;
      this.values = values;
    }

    @Override
    int compare(int left, int right) {
      boolean leftNull = nulls[left];
      boolean rightNull = nulls[right];
      if (leftNull || rightNull) {
        return leftNull == rightNull ? 0 : (leftNull ? nullSign : -nullSign);
      }
      return values.compare(left, right);
    }
  }

  private static final class Chain extends RowComparator {
    private final RowComparator[] keys;

    Chain(RowComparator[] keys) {
      this.keys = keys;
    }

    @Override
    int compare(int left, int right) {
      for (RowComparator key : keys) {
        int order = key.compare(left, right);
        if (order != 0) {
          return order;
        }
      }
      return 0;
    }
  }
}
