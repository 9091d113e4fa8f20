package dev.ember.core.expression.evaluation;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;

/**
 * A literal as a vector. Vectors are immutable, so the largest one built is reused, whole or as a
 * view of its first rows. The cache is the only state; a vector's fields are final, so even a racy
 * read of it sees a complete vector.
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

  /**
   * The cached vector when the row count matches, a view of its first rows when the batch is
   * smaller (batches narrowed by a filter have every count below the full size: without the view
   * each would fill new arrays), a new vector only for a larger batch.
   */
  @Override
  public ColumnVector evaluate(Batch batch) {
    int rowCount = batch.rowCount();
    ColumnVector vector = cached;
    if (vector == null || vector.size() < rowCount) {
      vector = Constants.vector(type, value, Math.max(rowCount, Batch.DEFAULT_ROWS));
      cached = vector;
    }
    return vector.size() == rowCount ? vector : Constants.prefix(vector, rowCount);
  }
}
