package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.types.Int128;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.LongVector;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Comparisons of two DECIMAL operands of one type (the analyzer casts both sides to the wider
 * decimal, as Spark's {@code DecimalPrecision} does). Compact decimals of one scale compare as
 * their unscaled longs with the LONG kernels; wide ones as their 128-bit unscaled values
 * ({@link Int128#compare}).
 */
final class DecimalComparison {
  private DecimalComparison() {}

  static VectorExpression of(ComparisonOperator operator, VectorExpression left, VectorExpression right) {
    ColumnType type = left.type();
    boolean leftConstant = left instanceof ConstantExpression;
    boolean rightConstant = right instanceof ConstantExpression;
    if (leftConstant && !rightConstant) {
      return of(operator.flip(), right, left);
    }
    if (rightConstant && !leftConstant) {
      BigDecimal scalar = (BigDecimal) ((ConstantExpression) right).value();
      if (scalar == null) {
        return new NullConstant(ColumnType.BOOLEAN);
      }
      if (DecimalTypes.isCompact(type)) {
        long unscaled = DecimalTypes.unscaledLong(scalar);
        return new CompactScalar(operator, left, unscaled);
      }
      BigInteger unscaled = scalar.unscaledValue();
      return new WideScalar(operator, left, Int128.high(unscaled), Int128.low(unscaled));
    }
    return new WideColumns(operator, left, right);
  }

  private record CompactScalar(ComparisonOperator operator, VectorExpression left, long right) implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.BOOLEAN;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      return LongComparison.columnScalar(operator, (LongVector) VectorExpression.dispatch(left, batch), right, batch.rowCount());
    }
  }

  /** A wide column against a wide literal's 128-bit unscaled value. */
  private record WideScalar(ComparisonOperator operator, VectorExpression left, long rightHigh, long rightLow)
      implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.BOOLEAN;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      DecimalVector vector = (DecimalVector) VectorExpression.dispatch(left, batch);
      int rowCount = batch.rowCount();
      long[] high = vector.high;
      long[] low = vector.low;
      boolean[] out = new boolean[rowCount];
      for (int i = 0; i < rowCount; i++) {
        out[i] = holds(operator, Int128.compare(high[i], low[i], rightHigh, rightLow));
      }
      return new BooleanVector(ColumnType.BOOLEAN, out, vector.nulls, rowCount);
    }
  }

  /** Column against column (compact ones on longs, wide ones on 128 bits). */
  private record WideColumns(ComparisonOperator operator, VectorExpression left, VectorExpression right)
      implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.BOOLEAN;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      ColumnVector leftVector = VectorExpression.dispatch(left, batch);
      ColumnVector rightVector = VectorExpression.dispatch(right, batch);
      int rowCount = batch.rowCount();
      if (leftVector instanceof LongVector leftLongs) {
        return LongComparison.columnColumn(operator, leftLongs, (LongVector) rightVector, rowCount);
      }
      DecimalVector leftWide = (DecimalVector) leftVector;
      DecimalVector rightWide = (DecimalVector) rightVector;
      long[] leftHigh = leftWide.high;
      long[] leftLow = leftWide.low;
      long[] rightHigh = rightWide.high;
      long[] rightLow = rightWide.low;
      boolean[] nulls = NullMasks.union(leftVector.nulls, rightVector.nulls, rowCount);
      boolean[] out = new boolean[rowCount];
      for (int i = 0; i < rowCount; i++) {
        if (nulls == null || !nulls[i]) {
          out[i] = holds(operator, Int128.compare(leftHigh[i], leftLow[i], rightHigh[i], rightLow[i]));
        }
      }
      return new BooleanVector(ColumnType.BOOLEAN, out, nulls, rowCount);
    }
  }

  static boolean holds(ComparisonOperator operator, int order) {
    return switch (operator) {
      case EQUAL -> order == 0;
      case NOT_EQUAL -> order != 0;
      case LESS_THAN -> order < 0;
      case LESS_THAN_OR_EQUAL -> order <= 0;
      case GREATER_THAN -> order > 0;
      case GREATER_THAN_OR_EQUAL -> order >= 0;
    };
  }
}
