package dev.ember.core.expression.evaluation;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;

/** A bound column: the batch's own vector, not a copy. */
record ColumnReference(int ordinal, ColumnType type) implements VectorExpression {
  @Override
  public ColumnVector evaluate(Batch batch) {
    if (ordinal >= batch.columnCount()) {
      throw new IllegalStateException(
          "input[" + ordinal + "] is out of range: the batch has " + batch.columnCount() + " columns");
    }
    ColumnVector column = batch.column(ordinal);
    if (!column.type().equals(type)) {
      throw new IllegalStateException(
          "input[" + ordinal + "] was bound as " + type + " but the batch holds " + column.type());
    }
    return column;
  }
}
