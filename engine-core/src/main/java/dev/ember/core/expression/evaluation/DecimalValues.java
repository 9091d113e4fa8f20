package dev.ember.core.expression.evaluation;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.math.BigDecimal;

/**
 * Converts between the two decimal vector forms, 128-bit operand arrays, and BigDecimal arrays for
 * the kernels that still compute through BigDecimal (division, remainder, round, casts from text and
 * doubles, and rows whose exact result leaves 38 digits).
 */
final class DecimalValues {
  private DecimalValues() {}

  /** The rows of a DECIMAL vector (compact or wide) as BigDecimals; null rows may hold anything. */
  static BigDecimal[] of(ColumnVector vector, int rowCount) {
    return switch (vector) {
      case DecimalVector wide -> {
        BigDecimal[] result = new BigDecimal[rowCount];
        boolean[] nulls = wide.nulls;
        for (int i = 0; i < rowCount; i++) {
          if (nulls == null || !nulls[i]) {
            result[i] = wide.get(i);
          }
        }
        yield result;
      }
      case LongVector compact -> {
        long[] values = compact.values;
        int scale = compact.type().scale();
        boolean[] nulls = compact.nulls;
        BigDecimal[] result = new BigDecimal[rowCount];
        for (int i = 0; i < rowCount; i++) {
          if (nulls == null || !nulls[i]) {
            result[i] = BigDecimal.valueOf(values[i], scale);
          }
        }
        yield result;
      }
      case BooleanVector other -> throw notDecimal(other);
      case IntVector other -> throw notDecimal(other);
      case DoubleVector other -> throw notDecimal(other);
      case StringVector other -> throw notDecimal(other);
    };
  }

  /** The high words of a DECIMAL vector's unscaled values: a compact one's longs sign-extended (a new array). */
  static long[] highWords(ColumnVector vector, int rowCount) {
    return switch (vector) {
      case DecimalVector wide -> wide.high;
      case LongVector compact -> {
        long[] values = compact.values;
        long[] high = new long[rowCount];
        for (int i = 0; i < rowCount; i++) {
          high[i] = values[i] >> 63;
        }
        yield high;
      }
      case BooleanVector other -> throw notDecimal(other);
      case IntVector other -> throw notDecimal(other);
      case DoubleVector other -> throw notDecimal(other);
      case StringVector other -> throw notDecimal(other);
    };
  }

  /** The low words of a DECIMAL vector's unscaled values: a compact one's longs themselves. */
  static long[] lowWords(ColumnVector vector) {
    return switch (vector) {
      case DecimalVector wide -> wide.low;
      case LongVector compact -> compact.values;
      case BooleanVector other -> throw notDecimal(other);
      case IntVector other -> throw notDecimal(other);
      case DoubleVector other -> throw notDecimal(other);
      case StringVector other -> throw notDecimal(other);
    };
  }

  /**
   * A vector of {@code type} from 128-bit unscaled values that already fit it: a compact type takes
   * the low words (which are then the whole value).
   */
  static ColumnVector vector(ColumnType type, long[] high, long[] low, boolean[] nulls, int rowCount) {
    return DecimalTypes.isCompact(type)
        ? new LongVector(type, low, nulls, rowCount)
        : new DecimalVector(type, high, low, nulls, rowCount);
  }

  private static IllegalStateException notDecimal(ColumnVector vector) {
    return new IllegalStateException("expected a DECIMAL vector, got " + vector.type());
  }

  /**
   * A vector of {@code type} from values that already have its scale and precision (null where
   * {@code nulls} says so, or where the value is null).
   */
  static ColumnVector vector(ColumnType type, BigDecimal[] values, boolean[] nulls, int rowCount) {
    boolean[] resultNulls = nulls;
    for (int i = 0; i < rowCount; i++) {
      if (values[i] == null && (resultNulls == null || !resultNulls[i])) {
        if (resultNulls == nulls) {
          resultNulls = NullMasks.writable(nulls, rowCount);
        }
        resultNulls[i] = true;
      }
    }
    if (!DecimalTypes.isCompact(type)) {
      return DecimalVector.of(type, values, resultNulls, rowCount);
    }
    long[] unscaled = new long[rowCount];
    for (int i = 0; i < rowCount; i++) {
      if (values[i] != null) {
        unscaled[i] = values[i].unscaledValue().longValue();
      }
    }
    return new LongVector(type, unscaled, resultNulls, rowCount);
  }
}
