package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.TypeKind;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;

/**
 * {@code left op right} on two operands of one type. A literal operand stays a scalar; a literal
 * on the left swaps sides with the mirrored operator ({@code 5 < x} is {@code x > 5}).
 */
final class ComparisonExpression {
  private ComparisonExpression() {}

  static VectorExpression of(ComparisonOperator operator, VectorExpression left, VectorExpression right) {
    if (left.type().kind() == TypeKind.DECIMAL) {
      return DecimalComparison.of(operator, left, right);
    }
    boolean leftConstant = left instanceof ConstantExpression;
    boolean rightConstant = right instanceof ConstantExpression;
    if (rightConstant && !leftConstant) {
      Object scalar = ((ConstantExpression) right).value();
      return scalar == null ? new NullConstant(ColumnType.BOOLEAN) : new ColumnScalar(operator, left, scalar);
    }
    if (leftConstant && !rightConstant) {
      Object scalar = ((ConstantExpression) left).value();
      return scalar == null
          ? new NullConstant(ColumnType.BOOLEAN)
          : new ColumnScalar(operator.flip(), right, scalar);
    }
    return new ColumnColumn(operator, left, right);
  }

  private record ColumnColumn(ComparisonOperator operator, VectorExpression left, VectorExpression right)
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
      return switch (leftVector) {
        case IntVector ints -> IntComparison.columnColumn(operator, ints, (IntVector) rightVector, rowCount);
        case LongVector longs -> LongComparison.columnColumn(operator, longs, (LongVector) rightVector, rowCount);
        case DoubleVector doubles -> DoubleComparison.columnColumn(operator, doubles, (DoubleVector) rightVector, rowCount);
        case BooleanVector booleans ->
            OrderedComparison.booleanColumnColumn(operator, booleans, (BooleanVector) rightVector, rowCount);
        case StringVector strings ->
            OrderedComparison.stringColumnColumn(operator, strings, (StringVector) rightVector, rowCount);
        case DecimalVector decimals -> throw new IllegalStateException("DECIMAL comparisons are DecimalComparison's");
      };
    }
  }

  private record ColumnScalar(ComparisonOperator operator, VectorExpression left, Object right)
      implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.BOOLEAN;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      ColumnVector leftVector = VectorExpression.dispatch(left, batch);
      int rowCount = batch.rowCount();
      return switch (leftVector) {
        case IntVector ints -> IntComparison.columnScalar(operator, ints, (Integer) right, rowCount);
        case LongVector longs -> LongComparison.columnScalar(operator, longs, (Long) right, rowCount);
        case DoubleVector doubles -> DoubleComparison.columnScalar(operator, doubles, (Double) right, rowCount);
        case BooleanVector booleans -> OrderedComparison.booleanColumnScalar(operator, booleans, (Boolean) right, rowCount);
        case StringVector strings -> OrderedComparison.stringColumnScalar(operator, strings, (String) right, rowCount);
        case DecimalVector decimals -> throw new IllegalStateException("DECIMAL comparisons are DecimalComparison's");
      };
    }
  }
}
