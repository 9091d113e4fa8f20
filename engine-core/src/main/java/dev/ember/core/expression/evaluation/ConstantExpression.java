package dev.ember.core.expression.evaluation;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;

/**
 * A literal as a vector. Vectors are immutable, so the last one built is reused while batches
 * keep the same row count (the common case: full batches of one size). The cache is the only
 * state; a vector's fields are final, so even a racy read of it sees a complete vector.
 */
final class ConstantExpression implements VectorExpression {
  private final ColumnType type;
  private final Object value;
  private ColumnVector cached;

  ConstantExpression(ColumnType type, Object value) {
    this.type = type;
    this.value = value;
  }

  Object value() {
    return value;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public ColumnVector evaluate(Batch batch) {
    ColumnVector vector = cached;
    if (vector == null || vector.size() != batch.rowCount()) {
      vector = Constants.vector(type, value, batch.rowCount());
      cached = vector;
    }
    return vector;
  }
}
