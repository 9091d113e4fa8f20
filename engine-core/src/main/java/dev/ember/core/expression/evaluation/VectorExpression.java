package dev.ember.core.expression.evaluation;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;

/**
 * A compiled, bound expression: one call per batch returns the result column. Implementations are
 * stateless after compilation and may be used by one task thread at a time.
 */
public interface VectorExpression {
  ColumnType type();

  /** The expression's value for every row of {@code batch}, as a vector of {@code batch.rowCount()} rows. */
  ColumnVector evaluate(Batch batch);
}
