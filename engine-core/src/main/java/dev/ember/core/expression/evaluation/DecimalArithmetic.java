package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.LongVector;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * {@code left op right} on two DECIMAL operands (of any precisions and scales) into the result
 * type the analyzer derived with Spark's rules ({@link DecimalTypes#resultType}). A result that
 * does not fit its type is null (Spark's non-ANSI mode), and so is a division or remainder by zero.
 *
 * <p>Fast path: when both operands are compact (unscaled longs) and the result is compact, + - *
 * run on longs with no rounding at all (the result scale of + and - is the larger operand scale,
 * of * the sum of the scales, and no product or sum of such operands overflows a long). A wide
 * result of compact operands is computed on longs while it fits one. Everything else, and / and %,
 * runs on BigDecimal as Spark's {@code Decimal} does: first to 38 significant digits (Spark's
 * {@code MATH_CONTEXT}; the remainder exactly), then rounded HALF_UP to the result scale.
 */
record DecimalArithmetic(ArithmeticOperator operator, ColumnType type, VectorExpression left, VectorExpression right)
    implements VectorExpression {
  /** Spark's {@code Decimal.MATH_CONTEXT}. */
  static final MathContext SPARK_MATH_CONTEXT = new MathContext(DecimalTypes.MAX_PRECISION, RoundingMode.HALF_UP);

  @Override
  public ColumnVector evaluate(Batch batch) {
    ColumnVector leftVector = left.evaluate(batch);
    ColumnVector rightVector = right.evaluate(batch);
    int rowCount = batch.rowCount();
    boolean[] nulls = NullMasks.union(leftVector.nulls, rightVector.nulls, rowCount);
    if (leftVector instanceof LongVector leftLongs && rightVector instanceof LongVector rightLongs
        && operator != ArithmeticOperator.DIVIDE && operator != ArithmeticOperator.REMAINDER) {
      if (DecimalTypes.isCompact(type)) {
        return compact(leftLongs, rightLongs, nulls, rowCount);
      }
      return wideFromCompact(leftLongs, rightLongs, nulls, rowCount);
    }
    return general(leftVector, rightVector, nulls, rowCount);
  }

  private LongVector compact(LongVector leftVector, LongVector rightVector, boolean[] nulls, int rowCount) {
    long[] leftValues = leftVector.values;
    long[] rightValues = rightVector.values;
    long[] out = new long[rowCount];
    int resultScale = type.scale();
    switch (operator) {
      case ADD, SUBTRACT -> {
        long leftFactor = DecimalTypes.powerOfTen(resultScale - leftVector.type().scale());
        long rightFactor = DecimalTypes.powerOfTen(resultScale - rightVector.type().scale());
        long sign = operator == ArithmeticOperator.ADD ? 1 : -1;
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] * leftFactor + sign * (rightValues[i] * rightFactor);
        }
      }
      case MULTIPLY -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] * rightValues[i];
        }
      }
      case DIVIDE, REMAINDER -> throw new IllegalStateException("division runs on BigDecimal");
    }
    return new LongVector(type, out, nullsWhereUnfit(out, nulls, rowCount), rowCount);
  }

  /** Adds a null wherever a value has more digits than the result precision (cannot happen for Spark's types, kept as a guard). */
  private boolean[] nullsWhereUnfit(long[] values, boolean[] nulls, int rowCount) {
    boolean[] result = nulls;
    int precision = type.precision();
    for (int i = 0; i < rowCount; i++) {
      if ((result == null || !result[i]) && !DecimalTypes.fitsPrecision(values[i], precision)) {
        if (result == nulls) {
          result = NullMasks.writable(nulls, rowCount);
        }
        result[i] = true;
      }
    }
    return result;
  }

  private DecimalVector wideFromCompact(LongVector leftVector, LongVector rightVector, boolean[] nulls, int rowCount) {
    long[] leftValues = leftVector.values;
    long[] rightValues = rightVector.values;
    int leftScale = leftVector.type().scale();
    int rightScale = rightVector.type().scale();
    BigDecimal[] out = new BigDecimal[rowCount];
    boolean[] resultNulls = nulls;
    for (int i = 0; i < rowCount; i++) {
      if (nulls != null && nulls[i]) {
        continue;
      }
      long a = leftValues[i];
      long b = rightValues[i];
      BigDecimal exact = null;
      if (operator == ArithmeticOperator.MULTIPLY) {
        long low = a * b;
        if (Math.multiplyHigh(a, b) == (low >> 63)) {
          exact = BigDecimal.valueOf(low, leftScale + rightScale);
        }
      } else if (leftScale == rightScale) {
        long result = operator == ArithmeticOperator.ADD ? a + b : a - b;
        // Overflow iff both operands have the sign the result lacks (Math.addExact's test).
        long overflow = operator == ArithmeticOperator.ADD ? (a ^ result) & (b ^ result) : (a ^ b) & (a ^ result);
        if (overflow >= 0) {
          exact = BigDecimal.valueOf(result, leftScale);
        }
      }
      BigDecimal value;
      if (exact != null && exact.scale() == type.scale()) {
        // A long has at most 19 digits and a wide type at least 19: it fits as it is.
        value = exact;
      } else if (exact != null) {
        value = DecimalTypes.fit(exact, type);
      } else {
        value = apply(BigDecimal.valueOf(a, leftScale), BigDecimal.valueOf(b, rightScale));
      }
      if (value == null) {
        if (resultNulls == nulls) {
          resultNulls = NullMasks.writable(nulls, rowCount);
        }
        resultNulls[i] = true;
      } else {
        out[i] = value;
      }
    }
    return new DecimalVector(type, out, resultNulls, rowCount);
  }

  private ColumnVector general(ColumnVector leftVector, ColumnVector rightVector, boolean[] nulls, int rowCount) {
    BigDecimal[] leftValues = DecimalValues.of(leftVector, rowCount);
    BigDecimal[] rightValues = DecimalValues.of(rightVector, rowCount);
    BigDecimal[] results = new BigDecimal[rowCount];
    boolean[] resultNulls = nulls;
    for (int i = 0; i < rowCount; i++) {
      if (nulls != null && nulls[i]) {
        continue;
      }
      BigDecimal value = apply(leftValues[i], rightValues[i]);
      if (value == null) {
        if (resultNulls == nulls) {
          resultNulls = NullMasks.writable(nulls, rowCount);
        }
        resultNulls[i] = true;
      } else {
        results[i] = value;
      }
    }
    return DecimalValues.vector(type, results, resultNulls, rowCount);
  }

  /** One result as Spark computes it, or null on overflow or division by zero. */
  BigDecimal apply(BigDecimal a, BigDecimal b) {
    return compute(operator, type, a, b);
  }

  static BigDecimal compute(ArithmeticOperator operator, ColumnType type, BigDecimal a, BigDecimal b) {
    BigDecimal raw = switch (operator) {
      case ADD -> a.add(b, SPARK_MATH_CONTEXT);
      case SUBTRACT -> a.subtract(b, SPARK_MATH_CONTEXT);
      case MULTIPLY -> a.multiply(b, SPARK_MATH_CONTEXT);
      case DIVIDE -> b.signum() == 0 ? null : a.divide(b, SPARK_MATH_CONTEXT);
      // Exact: a remainder is smaller than the divisor, so it always has few enough digits, while
      // remainder(b, 38 digits) throws when the integral quotient needs more than 38.
      case REMAINDER -> b.signum() == 0 ? null : a.remainder(b);
    };
    return raw == null ? null : DecimalTypes.fit(raw, type);
  }
}
