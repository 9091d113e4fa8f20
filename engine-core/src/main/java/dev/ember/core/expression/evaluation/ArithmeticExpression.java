package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.ArithmeticOperator;
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
 * {@code left op right} on INT, LONG or DOUBLE. A literal operand stays a scalar (column op
 * literal, literal op column), so it is never copied into a vector per batch; a null literal
 * makes the whole result null.
 */
final class ArithmeticExpression {
  private ArithmeticExpression() {}

  static VectorExpression of(ArithmeticOperator operator, ColumnType type, VectorExpression left, VectorExpression right) {
    if (type.kind() == TypeKind.DECIMAL) {
      return decimal(operator, type, left, right);
    }
    if (type.kind() != TypeKind.INT
        && type.kind() != TypeKind.LONG
        && type.kind() != TypeKind.DOUBLE) {
      throw new UnsupportedOperationException("arithmetic on " + type + " is not supported by the evaluator");
    }
    boolean leftConstant = left instanceof ConstantExpression;
    boolean rightConstant = right instanceof ConstantExpression;
    if (rightConstant && !leftConstant) {
      Object scalar = ((ConstantExpression) right).value();
      return scalar == null ? new NullConstant(type) : new ColumnScalar(operator, type, left, scalar);
    }
    if (leftConstant && !rightConstant) {
      Object scalar = ((ConstantExpression) left).value();
      return scalar == null ? new NullConstant(type) : new ScalarColumn(operator, type, scalar, right);
    }
    return new ColumnColumn(operator, type, left, right);
  }

  /** A null literal operand makes the result null; otherwise {@link DecimalArithmetic} (literals become constant vectors). */
  private static VectorExpression decimal(ArithmeticOperator operator, ColumnType type, VectorExpression left, VectorExpression right) {
    if ((left instanceof ConstantExpression constant && constant.value() == null)
        || (right instanceof ConstantExpression other && other.value() == null)) {
      return new NullConstant(type);
    }
    return new DecimalArithmetic(operator, type, left, right);
  }

  private record ColumnColumn(ArithmeticOperator operator, ColumnType type, VectorExpression left, VectorExpression right)
      implements VectorExpression {
    @Override
    public ColumnVector evaluate(Batch batch) {
      ColumnVector leftVector = VectorExpression.dispatch(left, batch);
      ColumnVector rightVector = VectorExpression.dispatch(right, batch);
      int rowCount = batch.rowCount();
      return switch (leftVector) {
        case IntVector ints -> IntArithmetic.columnColumn(operator, type, ints, (IntVector) rightVector, rowCount);
        case LongVector longs -> LongArithmetic.columnColumn(operator, type, longs, (LongVector) rightVector, rowCount);
        case DoubleVector doubles ->
            DoubleArithmetic.columnColumn(operator, type, doubles, (DoubleVector) rightVector, rowCount);
        case BooleanVector booleans -> throw notNumeric(booleans);
        case StringVector strings -> throw notNumeric(strings);
        case DecimalVector decimals -> throw notNumeric(decimals);
      };
    }
  }

  private record ColumnScalar(ArithmeticOperator operator, ColumnType type, VectorExpression left, Object right)
      implements VectorExpression {
    @Override
    public ColumnVector evaluate(Batch batch) {
      ColumnVector leftVector = VectorExpression.dispatch(left, batch);
      int rowCount = batch.rowCount();
      return switch (leftVector) {
        case IntVector ints -> IntArithmetic.columnScalar(operator, type, ints, (Integer) right, rowCount);
        case LongVector longs -> LongArithmetic.columnScalar(operator, type, longs, (Long) right, rowCount);
        case DoubleVector doubles -> DoubleArithmetic.columnScalar(operator, type, doubles, (Double) right, rowCount);
        case BooleanVector booleans -> throw notNumeric(booleans);
        case StringVector strings -> throw notNumeric(strings);
        case DecimalVector decimals -> throw notNumeric(decimals);
      };
    }
  }

  private record ScalarColumn(ArithmeticOperator operator, ColumnType type, Object left, VectorExpression right)
      implements VectorExpression {
    @Override
    public ColumnVector evaluate(Batch batch) {
      ColumnVector rightVector = VectorExpression.dispatch(right, batch);
      int rowCount = batch.rowCount();
      return switch (rightVector) {
        case IntVector ints -> IntArithmetic.scalarColumn(operator, type, (Integer) left, ints, rowCount);
        case LongVector longs -> LongArithmetic.scalarColumn(operator, type, (Long) left, longs, rowCount);
        case DoubleVector doubles -> DoubleArithmetic.scalarColumn(operator, type, (Double) left, doubles, rowCount);
        case BooleanVector booleans -> throw notNumeric(booleans);
        case StringVector strings -> throw notNumeric(strings);
        case DecimalVector decimals -> throw notNumeric(decimals);
      };
    }
  }

  private static IllegalStateException notNumeric(ColumnVector vector) {
    return new IllegalStateException("arithmetic operand evaluated to a " + vector.type() + " vector, expected a number");
  }
}
