package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.LongVector;
import java.math.BigDecimal;

/**
 * Comparisons of two DECIMAL operands of one type (the analyzer casts both sides to the wider
 * decimal, as Spark's {@code DecimalPrecision} does). Compact decimals of one scale compare as
 * their unscaled longs with the LONG kernels; wide ones by {@link BigDecimal#compareTo}.
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
      return new WideColumns(operator, left, right);
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
      return LongComparison.columnScalar(operator, (LongVector) left.evaluate(batch), right, batch.rowCount());
    }
  }

  /** Column against column (compact ones on longs), or a wide column against a wide literal. */
  private record WideColumns(ComparisonOperator operator, VectorExpression left, VectorExpression right)
      implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.BOOLEAN;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      ColumnVector leftVector = left.evaluate(batch);
      ColumnVector rightVector = right.evaluate(batch);
      int rowCount = batch.rowCount();
      if (leftVector instanceof LongVector leftLongs) {
        return LongComparison.columnColumn(operator, leftLongs, (LongVector) rightVector, rowCount);
      }
      BigDecimal[] leftValues = ((DecimalVector) leftVector).values;
      BigDecimal[] rightValues = ((DecimalVector) rightVector).values;
      boolean[] nulls = NullMasks.union(leftVector.nulls, rightVector.nulls, rowCount);
      boolean[] out = new boolean[rowCount];
      for (int i = 0; i < rowCount; i++) {
        if (nulls == null || !nulls[i]) {
          out[i] = holds(operator, leftValues[i].compareTo(rightValues[i]));
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
