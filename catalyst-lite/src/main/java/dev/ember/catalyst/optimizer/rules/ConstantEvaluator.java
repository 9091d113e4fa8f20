package dev.ember.catalyst.optimizer.rules;

import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.UserFunctionCall;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import java.util.Optional;

/**
 * Evaluates an expression that reads no column with the engine's own kernels on a one-row batch,
 * so that the optimizer never has a second implementation of the semantics.
 */
final class ConstantEvaluator {
  private static final Batch ONE_ROW = new Batch(new ColumnVector[0], 1);

  private ConstantEvaluator() {}

  /**
   * The value as a literal, or empty when the evaluator cannot compute it here (an argument the
   * evaluator rejects): then the expression stays, and fails at run time exactly as it would have
   * without the optimizer. DECIMAL values fold too ({@code cast(0.05 as decimal(15,2))} becomes
   * {@code 0.05} of that type, as in Spark), so tasks do not evaluate the same constant again.
   */
  static Optional<Literal> evaluate(Expression expression) {
    // A user function is never run while a plan is optimized: not folded (as in Spark), and not
    // called with nulls on the driver to learn whether it rejects them.
    if (containsUserFunction(expression)) {
      return Optional.empty();
    }
    try {
      Object value = ExpressionCompiler.compile(expression).evaluate(ONE_ROW).getObject(0);
      return Optional.of(new Literal(value, expression.type()));
    } catch (RuntimeException cannotEvaluate) {
      return Optional.empty();
    }
  }

  private static boolean containsUserFunction(Expression expression) {
    if (expression instanceof UserFunctionCall) {
      return true;
    }
    for (Expression child : expression.children()) {
      if (containsUserFunction(child)) {
        return true;
      }
    }
    return false;
  }
}
