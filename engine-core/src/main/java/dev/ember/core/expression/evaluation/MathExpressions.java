package dev.ember.core.expression.evaluation;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** abs and round on INT, LONG and DOUBLE; the result keeps the child's type and validity. */
final class MathExpressions {
  private MathExpressions() {}

  /** Absolute value; the minimum int and long stay negative (they wrap, as in Java and Spark). */
  record Abs(VectorExpression child, ColumnType type) implements VectorExpression {
    @Override
    public ColumnVector evaluate(Batch batch) {
      ColumnVector input = VectorExpression.dispatch(child, batch);
      int rowCount = batch.rowCount();
      if (type.kind() == dev.ember.core.types.TypeKind.DECIMAL) {
        return decimalAbs(input, type, rowCount);
      }
      return switch (input) {
        case IntVector vector -> {
          int[] values = vector.values;
          int[] out = new int[rowCount];
          for (int i = 0; i < rowCount; i++) {
            out[i] = Math.abs(values[i]);
          }
          yield new IntVector(type, out, vector.nulls, rowCount);
        }
        case LongVector vector -> {
          long[] values = vector.values;
          long[] out = new long[rowCount];
          for (int i = 0; i < rowCount; i++) {
            out[i] = Math.abs(values[i]);
          }
          yield new LongVector(type, out, vector.nulls, rowCount);
        }
        case DoubleVector vector -> {
          double[] values = vector.values;
          double[] out = new double[rowCount];
          for (int i = 0; i < rowCount; i++) {
            out[i] = Math.abs(values[i]);
          }
          yield new DoubleVector(type, out, vector.nulls, rowCount);
        }
        case BooleanVector vector -> throw notNumeric("abs", vector);
        case StringVector vector -> throw notNumeric("abs", vector);
        case DecimalVector vector -> throw new IllegalStateException("DECIMAL is handled above");
      };
    }
  }

  /**
   * Rounds HALF_UP to {@code scale} decimal places, as Spark's {@code round}: doubles go through
   * {@code BigDecimal} of their shortest decimal form (so round(2.5) is 3.0, round(-2.5) is -3.0,
   * round(1.005, 2) is 1.01), NaN and infinities stay; integers are unchanged at scale >= 0 and
   * round to tens, hundreds, ... below, wrapping like Spark's {@code BigDecimal.toInt/toLong}.
   */
  record Round(VectorExpression child, int scale, ColumnType type) implements VectorExpression {
    @Override
    public ColumnVector evaluate(Batch batch) {
      ColumnVector input = VectorExpression.dispatch(child, batch);
      int rowCount = batch.rowCount();
      if (type.kind() == dev.ember.core.types.TypeKind.DECIMAL) {
        // Spark rounds to the requested scale first, then sets the result type's scale (0 when negative).
        return decimalRound(input, scale, type, rowCount);
      }
      return switch (input) {
        case IntVector vector -> {
          if (scale >= 0) {
            yield vector;
          }
          int[] values = vector.values;
          int[] out = new int[rowCount];
          for (int i = 0; i < rowCount; i++) {
            out[i] = (int) roundLong(values[i], -scale);
          }
          yield new IntVector(type, out, vector.nulls, rowCount);
        }
        case LongVector vector -> {
          if (scale >= 0) {
            yield vector;
          }
          long[] values = vector.values;
          long[] out = new long[rowCount];
          for (int i = 0; i < rowCount; i++) {
            out[i] = roundLong(values[i], -scale);
          }
          yield new LongVector(type, out, vector.nulls, rowCount);
        }
        case DoubleVector vector -> {
          double[] values = vector.values;
          boolean[] nulls = vector.nulls;
          double[] out = new double[rowCount];
          for (int i = 0; i < rowCount; i++) {
            if (nulls == null || !nulls[i]) {
              out[i] = roundDouble(values[i], scale);
            }
          }
          yield new DoubleVector(type, out, nulls, rowCount);
        }
        case BooleanVector vector -> throw notNumeric("round", vector);
        case StringVector vector -> throw notNumeric("round", vector);
        case DecimalVector vector -> throw new IllegalStateException("DECIMAL is handled above");
      };
    }

    static double roundDouble(double value, int scale) {
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        return value;
      }
      return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).doubleValue();
    }

    /**
     * {@code value} rounded HALF_UP to a multiple of 10^digits, as the low 64 bits of the exact
     * result (what {@code BigDecimal.longValue} keeps). A long's multiply wraps to the same bits.
     */
    static long roundLong(long value, int digits) {
      if (digits > 18) {
        // 10^19 exceeds a long: only |value| >= 5 * 10^18 rounds away from zero, to +-10^19.
        return BigDecimal.valueOf(value).setScale(-digits, RoundingMode.HALF_UP).longValue();
      }
      long unit = POWERS_OF_TEN[digits];
      long quotient = value / unit;
      long remainder = value % unit;
      if (Math.abs(remainder) >= unit - Math.abs(remainder)) {
        quotient += value < 0 ? -1 : 1;
      }
      return quotient * unit;
    }

    private static final long[] POWERS_OF_TEN = powersOfTen();

    private static long[] powersOfTen() {
      long[] powers = new long[19];
      powers[0] = 1;
      for (int i = 1; i < powers.length; i++) {
        powers[i] = powers[i - 1] * 10;
      }
      return powers;
    }
  }

  /** abs of a DECIMAL keeps its type; a compact one flips the sign of its unscaled longs. */
  private static ColumnVector decimalAbs(ColumnVector input, ColumnType type, int rowCount) {
    if (input instanceof LongVector compact) {
      long[] values = compact.values;
      long[] out = new long[rowCount];
      for (int i = 0; i < rowCount; i++) {
        out[i] = Math.abs(values[i]);
      }
      return new LongVector(type, out, compact.nulls, rowCount);
    }
    DecimalVector wide = (DecimalVector) input;
    long[] high = wide.high;
    long[] low = wide.low;
    long[] outHigh = new long[rowCount];
    long[] outLow = new long[rowCount];
    for (int i = 0; i < rowCount; i++) {
      // Negating a value of at most 38 digits never overflows 128 bits.
      long valueHigh = high[i];
      long valueLow = low[i];
      if (valueHigh < 0) {
        valueLow = -valueLow;
        valueHigh = ~valueHigh + (valueLow == 0 ? 1 : 0);
      }
      outHigh[i] = valueHigh;
      outLow[i] = valueLow;
    }
    return new DecimalVector(type, outHigh, outLow, wide.nulls, rowCount);
  }

  /** Spark's round of a DECIMAL: HALF_UP to {@code scale} digits, then the result type's scale; null if it no longer fits. */
  private static ColumnVector decimalRound(ColumnVector input, int scale, ColumnType type, int rowCount) {
    BigDecimal[] values = DecimalValues.of(input, rowCount);
    BigDecimal[] out = new BigDecimal[rowCount];
    boolean[] nulls = input.nulls;
    for (int i = 0; i < rowCount; i++) {
      if (nulls == null || !nulls[i]) {
        out[i] = dev.ember.core.types.DecimalTypes.fit(values[i].setScale(scale, RoundingMode.HALF_UP), type);
      }
    }
    return DecimalValues.vector(type, out, nulls, rowCount);
  }

  private static IllegalStateException notNumeric(String function, ColumnVector vector) {
    return new IllegalStateException(function + " evaluated its argument to a " + vector.type() + " vector, expected a number");
  }
}
