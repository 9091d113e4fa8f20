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

/** Converts between the two decimal vector forms and BigDecimal arrays for the BigDecimal kernels. */
final class DecimalValues {
  private DecimalValues() {}

  /** The rows of a DECIMAL vector (compact or wide) as BigDecimals; null rows may hold anything. */
  static BigDecimal[] of(ColumnVector vector, int rowCount) {
    return switch (vector) {
      case DecimalVector wide -> wide.values;
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
      return new DecimalVector(type, values, resultNulls, rowCount);
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
