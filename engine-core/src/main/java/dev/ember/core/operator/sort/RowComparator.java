package dev.ember.core.operator.sort;

import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;

/**
 * Compares two rows (indexes into the buffered key columns). One subclass per key type and one
 * chain for several keys, chosen once per sort, so the comparisons of a single key inline.
 */
abstract class RowComparator {
  abstract int compare(int left, int right);

  /** The comparator for one key: direction and null placement as given, doubles in Spark's order. */
  static RowComparator forKey(ColumnVector key, boolean ascending, boolean nullsFirst) {
    RowComparator values = switch (key) {
      case BooleanVector vector -> ascending ? new BooleanAscending(vector.values) : reversed(new BooleanAscending(vector.values));
      case IntVector vector -> ascending ? new IntAscending(vector.values) : reversed(new IntAscending(vector.values));
      case LongVector vector -> ascending ? new LongAscending(vector.values) : reversed(new LongAscending(vector.values));
      case DoubleVector vector -> ascending ? new DoubleAscending(vector.values) : reversed(new DoubleAscending(vector.values));
      case StringVector vector -> {
        // A dictionary column sorts by the ranks of its entries: one int compare per pair.
        RowComparator strings = vector.isDictionary() ? new IntAscending(vector.rowRanks()) : new StringAscending(vector);
        yield ascending ? strings : reversed(strings);
      }
      case DecimalVector vector -> ascending
          ? new DecimalAscending(vector.high, vector.low)
          : reversed(new DecimalAscending(vector.high, vector.low));
    };
    return key.nulls == null ? values : new NullsPlaced(key.nulls, nullsFirst, values);
  }

  static RowComparator chain(RowComparator[] keys) {
    return keys.length == 1 ? keys[0] : new Chain(keys);
  }

  private static RowComparator reversed(RowComparator ascending) {
    return new RowComparator() {
      @Override
      int compare(int left, int right) {
        return ascending.compare(right, left);
      }
    };
  }

  private static final class BooleanAscending extends RowComparator {
    private final boolean[] values;

    BooleanAscending(boolean[] values) {
      this.values = values;
    }

    @Override
    int compare(int left, int right) {
      return Boolean.compare(values[left], values[right]);
    }
  }

  private static final class IntAscending extends RowComparator {
    private final int[] values;

    IntAscending(int[] values) {
      this.values = values;
    }

    @Override
    int compare(int left, int right) {
      return Integer.compare(values[left], values[right]);
    }
  }

  private static final class LongAscending extends RowComparator {
    private final long[] values;

    LongAscending(long[] values) {
      this.values = values;
    }

    @Override
    int compare(int left, int right) {
      return Long.compare(values[left], values[right]);
    }
  }

  private static final class DoubleAscending extends RowComparator {
    private final double[] values;

    DoubleAscending(double[] values) {
      this.values = values;
    }

    @Override
    int compare(int left, int right) {
      double a = values[left];
      double b = values[right];
      // -0.0 == 0.0 is a tie (keeps input order); Double.compare puts NaN above every number.
      return a == b ? 0 : Double.compare(a, b);
    }
  }

  /** 128-bit unscaled values of one scale: signed order of the high words, then unsigned of the low. */
  private static final class DecimalAscending extends RowComparator {
    private final long[] high;
    private final long[] low;

    DecimalAscending(long[] high, long[] low) {
      this.high = high;
      this.low = low;
    }

    @Override
    int compare(int left, int right) {
      return dev.ember.core.types.Int128.compare(high[left], low[left], high[right], low[right]);
    }
  }

  /** Spark's string order: UTF-8 bytes compared unsigned. */
  private static final class StringAscending extends RowComparator {
    private final byte[] data;
    private final StringVector values;

    StringAscending(StringVector values) {
      this.data = values.data();
      this.values = values;
    }

    @Override
    int compare(int left, int right) {
      return java.util.Arrays.compareUnsigned(
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
