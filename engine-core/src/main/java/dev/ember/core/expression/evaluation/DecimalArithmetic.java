package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.types.Int128;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.ScratchArrays;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * {@code left op right} on two DECIMAL operands (of any precisions and scales) into the result
 * type the analyzer derived with Spark's rules ({@link DecimalTypes#resultType}). A result that
 * does not fit its type is null (Spark's non-ANSI mode), and so is a division or remainder by zero.
 *
 * <p>Compact operands with a compact result run + - * on longs with no rounding at all (the result
 * scale of + and - is the larger operand scale, of * the sum of the scales, and no product or sum of
 * such operands overflows a long). Every other + - * runs on 128-bit integers ({@link Int128}):
 * the exact result at its natural scale (a DECIMAL(15,2) times a DECIMAL(15,2) is one
 * {@code Math.multiplyHigh}), then rounded HALF_UP to the result scale and checked against the
 * result precision. That equals Spark's {@code Decimal} arithmetic (first to 38 significant digits,
 * {@code MATH_CONTEXT}, then HALF_UP to the result scale) whenever the exact result has at most 38
 * digits; a row whose exact result has more, which needs Spark's double rounding, computes through
 * BigDecimal, as do / and % (per row: division is rare next to + - * on money, and 128-bit long
 * division with Spark's rounding is not worth its risk here).
 */
record DecimalArithmetic(ArithmeticOperator operator, ColumnType type, VectorExpression left, VectorExpression right)
    implements VectorExpression {
  /** Spark's {@code Decimal.MATH_CONTEXT}. */
  static final MathContext SPARK_MATH_CONTEXT = new MathContext(DecimalTypes.MAX_PRECISION, RoundingMode.HALF_UP);

  @Override
  public ColumnVector evaluate(Batch batch) {
    ColumnVector leftVector = VectorExpression.dispatch(left, batch);
    ColumnVector rightVector = VectorExpression.dispatch(right, batch);
    int rowCount = batch.rowCount();
    boolean[] nulls = NullMasks.union(leftVector.nulls, rightVector.nulls, rowCount);
    if (operator == ArithmeticOperator.DIVIDE || operator == ArithmeticOperator.REMAINDER) {
      return general(leftVector, rightVector, nulls, rowCount);
    }
    // Results go into the batch's scratch arrays when it has some (an aggregate's arguments).
    ScratchArrays scratch = batch.scratch();
    if (leftVector instanceof LongVector leftLongs && rightVector instanceof LongVector rightLongs) {
      if (DecimalTypes.isCompact(type)) {
        return compact(leftLongs, rightLongs, nulls, rowCount, scratch);
      }
      if (operator == ArithmeticOperator.MULTIPLY && leftLongs.type().scale() + rightLongs.type().scale() == type.scale()) {
        return productOfCompacts(leftLongs, rightLongs, nulls, rowCount, scratch);
      }
    }
    if (operator == ArithmeticOperator.MULTIPLY && leftVector.type().scale() + rightVector.type().scale() == type.scale()) {
      return productAtResultScale(leftVector, rightVector, nulls, rowCount, scratch);
    }
    return wide(leftVector, rightVector, nulls, rowCount, scratch);
  }

  private LongVector compact(LongVector leftVector, LongVector rightVector, boolean[] nulls, int rowCount,
      ScratchArrays scratch) {
    long[] leftValues = leftVector.values;
    long[] rightValues = rightVector.values;
    long[] out = ScratchArrays.longsOrNew(scratch, rowCount);
    int resultScale = type.scale();
    ColumnType leftType = leftVector.type();
    ColumnType rightType = rightVector.type();
    switch (operator) {
      case ADD, SUBTRACT -> {
        long leftFactor = DecimalTypes.powerOfTen(resultScale - leftType.scale());
        long rightFactor = DecimalTypes.powerOfTen(resultScale - rightType.scale());
        long sign = operator == ArithmeticOperator.ADD ? 1 : -1;
        if (rightFactor == 1) {
          // One operand at the result scale already (1 - discount): one multiply less a row.
          long rightSign = sign;
          for (int i = 0; i < rowCount; i++) {
            out[i] = leftValues[i] * leftFactor + rightSign * rightValues[i];
          }
        } else {
          for (int i = 0; i < rowCount; i++) {
            out[i] = leftValues[i] * leftFactor + sign * (rightValues[i] * rightFactor);
          }
        }
      }
      case MULTIPLY -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] * rightValues[i];
        }
      }
      case DIVIDE, REMAINDER -> throw new IllegalStateException("division runs on BigDecimal");
    }
    boolean[] resultNulls = alwaysFits(leftType, rightType) ? nulls : nullsWhereUnfit(out, nulls, rowCount);
    return new LongVector(type, out, resultNulls, rowCount);
  }

  /**
   * Whether every + - * of operands of these types fits the result type's precision, as it does for
   * the types Spark's rules derive (digits before the point: at most one more than the larger
   * operand's for + and -; digits of a product: at most the operands' together).
   */
  private boolean alwaysFits(ColumnType leftType, ColumnType rightType) {
    return switch (operator) {
      case ADD, SUBTRACT -> Math.max(leftType.precision() - leftType.scale(), rightType.precision() - rightType.scale()) + 1
          + type.scale() <= type.precision();
      case MULTIPLY -> leftType.precision() + rightType.precision() <= type.precision();
      case DIVIDE, REMAINDER -> false;
    };
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

  /**
   * Two longs multiply into 128 bits exactly ({@code multiplyHigh} and the low product), at the
   * result scale already: the money product's path, with no rounding and no allocation per row.
   */
  private ColumnVector productOfCompacts(LongVector leftVector, LongVector rightVector, boolean[] nulls, int rowCount,
      ScratchArrays scratch) {
    long[] leftValues = leftVector.values;
    long[] rightValues = rightVector.values;
    long[] high = ScratchArrays.longsOrNew(scratch, rowCount);
    long[] low = ScratchArrays.longsOrNew(scratch, rowCount);
    if (Int128.magnitudeBits(leftValues, null, rowCount) + Int128.magnitudeBits(rightValues, null, rowCount) <= 62) {
      // Every product fits a long (money times a factor): plain multiplies the compiler vectorizes.
      multiplyWithinLong(leftValues, rightValues, high, low, rowCount);
    } else {
      for (int i = 0; i < rowCount; i++) {
        long a = leftValues[i];
        long b = rightValues[i];
        high[i] = Math.multiplyHigh(a, b);
        low[i] = a * b;
      }
    }
    // Two operands of at most 18 digits give at most 36, while a wide result type has 19 or more:
    // only a narrower-than-natural result precision (never from Spark's rules) needs the check.
    boolean[] resultNulls = type.precision() >= leftVector.type().precision() + rightVector.type().precision()
        ? nulls
        : nullsWhereUnfit(high, low, nulls, rowCount);
    return new DecimalVector(type, high, low, zeroNullSlots(high, low, resultNulls, rowCount), rowCount);
  }

  /**
   * A product already at the result scale (Q1's {@code price * (1 - discount) * (1 + tax)}): operands
   * that fit a long (most values of a wide type) multiply with {@code multiplyHigh}, others on full
   * 128 bits; a product beyond 128 bits or the result precision is null (with at most 38 digits
   * Spark's context does not round it, and with more it cannot fit the result precision).
   */
  private ColumnVector productAtResultScale(ColumnVector leftVector, ColumnVector rightVector, boolean[] nulls, int rowCount,
      ScratchArrays scratch) {
    // A compact operand's high words are its signs: null here, derived per row (no array made).
    long[] leftHigh = leftVector instanceof DecimalVector wide ? wide.high : null;
    long[] leftLow = DecimalValues.lowWords(leftVector);
    long[] rightHigh = rightVector instanceof DecimalVector wide ? wide.high : null;
    long[] rightLow = DecimalValues.lowWords(rightVector);
    int precision = type.precision();
    // Two longs multiply to at most 2^126 in magnitude, below 10^38: no check at 38 digits.
    boolean longProductsFit = precision >= DecimalTypes.MAX_PRECISION;
    long[] high = ScratchArrays.longsOrNew(scratch, rowCount);
    long[] low = ScratchArrays.longsOrNew(scratch, rowCount);
    // 19 digits or more hold any product below 2^62.
    if (precision > DecimalTypes.MAX_LONG_DIGITS
        && Int128.magnitudeBits(leftLow, leftHigh, rowCount) + Int128.magnitudeBits(rightLow, rightHigh, rowCount) <= 62) {
      multiplyWithinLong(leftLow, rightLow, high, low, rowCount);
      return DecimalValues.vector(type, high, low, zeroNullSlots(high, low, nulls, rowCount), rowCount);
    }
    boolean[] resultNulls = nulls;
    for (int i = 0; i < rowCount; i++) {
      if (nulls != null && nulls[i]) {
        high[i] = 0; // a scratch array holds old values: null slots hold 0, as everywhere
        low[i] = 0;
        continue;
      }
      long a = leftLow[i];
      long b = rightLow[i];
      long aHigh = leftHigh == null ? a >> 63 : leftHigh[i];
      long bHigh = rightHigh == null ? b >> 63 : rightHigh[i];
      boolean fits;
      if (aHigh == (a >> 63) && bHigh == (b >> 63)) {
        high[i] = Math.multiplyHigh(a, b);
        low[i] = a * b;
        fits = longProductsFit || Int128.fitsPrecision(high[i], low[i], precision);
      } else {
        fits = Int128.multiply(aHigh, a, bHigh, b, high, low, i) && Int128.fitsPrecision(high[i], low[i], precision);
      }
      if (!fits) {
        high[i] = 0;
        low[i] = 0;
        if (resultNulls == nulls) {
          resultNulls = NullMasks.writable(nulls, rowCount);
        }
        resultNulls[i] = true;
      }
    }
    return DecimalValues.vector(type, high, low, resultNulls, rowCount);
  }

  /**
   * + - * where an operand or the result is wide: each row exactly on 128 bits at the natural scale
   * (the larger operand scale for + and -, the sum of the scales for *), then to the result scale.
   */
  private ColumnVector wide(ColumnVector leftVector, ColumnVector rightVector, boolean[] nulls, int rowCount,
      ScratchArrays scratch) {
    long[] leftHigh = DecimalValues.highWords(leftVector, rowCount);
    long[] leftLow = DecimalValues.lowWords(leftVector);
    long[] rightHigh = DecimalValues.highWords(rightVector, rowCount);
    long[] rightLow = DecimalValues.lowWords(rightVector);
    int leftScale = leftVector.type().scale();
    int rightScale = rightVector.type().scale();
    int naturalScale = operator == ArithmeticOperator.MULTIPLY ? leftScale + rightScale : Math.max(leftScale, rightScale);
    int leftUp = naturalScale - leftScale;
    int rightUp = naturalScale - rightScale;
    int resultScale = type.scale();
    int precision = type.precision();
    long[] high = ScratchArrays.longsOrNew(scratch, rowCount);
    long[] low = ScratchArrays.longsOrNew(scratch, rowCount);
    // Scratch for an operand brought to the natural scale: slot 0 left, slot 1 right.
    long[] operandHigh = new long[2];
    long[] operandLow = new long[2];
    boolean[] resultNulls = nulls;
    for (int i = 0; i < rowCount; i++) {
      if (nulls != null && nulls[i]) {
        high[i] = 0; // a scratch array holds old values: null slots hold 0, as everywhere
        low[i] = 0;
        continue;
      }
      boolean exact = switch (operator) {
        case MULTIPLY -> Int128.multiply(leftHigh[i], leftLow[i], rightHigh[i], rightLow[i], high, low, i);
        case ADD, SUBTRACT -> {
          if (!Int128.scaleUp(leftHigh[i], leftLow[i], leftUp, operandHigh, operandLow, 0)
              || !Int128.scaleUp(rightHigh[i], rightLow[i], rightUp, operandHigh, operandLow, 1)) {
            yield false;
          }
          yield operator == ArithmeticOperator.ADD
              ? Int128.add(operandHigh[0], operandLow[0], operandHigh[1], operandLow[1], high, low, i)
              : Int128.subtract(operandHigh[0], operandLow[0], operandHigh[1], operandLow[1], high, low, i);
        }
        case DIVIDE, REMAINDER -> throw new IllegalStateException("division runs on BigDecimal");
      };
      boolean fits;
      if (exact && Int128.fitsPrecision(high[i], low[i], DecimalTypes.MAX_PRECISION)) {
        // At most 38 digits: Spark's 38-digit context does not round, only the rescale does.
        fits = Int128.rescale(high[i], low[i], naturalScale, resultScale, precision, high, low, i);
      } else {
        BigDecimal value = apply(
            Int128.toBigDecimal(leftHigh[i], leftLow[i], leftScale), Int128.toBigDecimal(rightHigh[i], rightLow[i], rightScale));
        fits = value != null;
        if (fits) {
          BigInteger unscaled = value.unscaledValue();
          high[i] = Int128.high(unscaled);
          low[i] = Int128.low(unscaled);
        }
      }
      if (!fits) {
        high[i] = 0;
        low[i] = 0;
        if (resultNulls == nulls) {
          resultNulls = NullMasks.writable(nulls, rowCount);
        }
        resultNulls[i] = true;
      }
    }
    // Null rows were skipped and unfit ones zeroed: their slots hold 0.
    return DecimalValues.vector(type, high, low, resultNulls, rowCount);
  }

  /** Adds a null wherever a 128-bit value has more digits than the result precision. */
  private boolean[] nullsWhereUnfit(long[] high, long[] low, boolean[] nulls, int rowCount) {
    boolean[] result = nulls;
    int precision = type.precision();
    for (int i = 0; i < rowCount; i++) {
      if ((result == null || !result[i]) && !Int128.fitsPrecision(high[i], low[i], precision)) {
        if (result == nulls) {
          result = NullMasks.writable(nulls, rowCount);
        }
        result[i] = true;
      }
    }
    return result;
  }

  /** Zeroes the slots of null rows (their operands held arbitrary values), so nothing hidden leaks downstream. */
  /** Products known to fit a long ({@link DecimalValues#magnitudeBits}): the low words, and their signs as high words. */
  private static void multiplyWithinLong(long[] left, long[] right, long[] high, long[] low, int rowCount) {
    for (int i = 0; i < rowCount; i++) {
      long product = left[i] * right[i];
      low[i] = product;
      high[i] = product >> 63;
    }
  }

  private static boolean[] zeroNullSlots(long[] high, long[] low, boolean[] nulls, int rowCount) {
    if (nulls != null) {
      for (int i = 0; i < rowCount; i++) {
        if (nulls[i]) {
          high[i] = 0;
          low[i] = 0;
        }
      }
    }
    return nulls;
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
