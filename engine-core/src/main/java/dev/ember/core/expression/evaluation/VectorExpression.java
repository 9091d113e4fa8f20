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

  /**
   * {@code expression.evaluate(batch)}, called through this one site: how operators and expressions
   * evaluate the expressions they hold. Why: the JIT profiles a call's receiver classes per call
   * site. Through one shared site it sees every expression class the engine ran, calls each class's
   * own compiled {@code evaluate} and inlines none into its caller; each node's kernels are then
   * compiled once, with the node, not again inside every operator and parent expression that holds
   * it (an expression tree inlined whole into an operator made compilations of 60 KB, compiled
   * during a query's first runs while the query waited for the CPU the compiler took). A call per
   * batch costs nothing next to the batch's loops.
   */
  static ColumnVector dispatch(VectorExpression expression, Batch batch) {
    return expression.evaluate(batch);
  }
}
