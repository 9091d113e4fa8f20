package dev.ember.core.expression.evaluation;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;

/**
 * The value of an operation that is null whatever the rows hold, such as {@code x + NULL} or
 * {@code x < NULL}: decided at compile time, so the other operand is never evaluated.
 */
record NullConstant(ColumnType type) implements VectorExpression {
  @Override
  public ColumnVector evaluate(Batch batch) {
    return Constants.allNulls(type, batch.rowCount());
  }
}
