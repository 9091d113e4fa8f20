package dev.ember.catalyst.optimizer.rules;

import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Literal;

/**
 * ConstantFolding: an expression whose children are all literals becomes the literal of its
 * value, computed by the engine's own evaluator on a one-row batch. Bottom-up, so nested constant
 * subtrees fold in one go.
 *
 * <pre>
 *   Filter ((a + (1 + 2)) &gt; upper('x'))        Filter ((a + 3) &gt; 'X')
 *     Relation [a]                     ==&gt;       Relation [a]
 * </pre>
 *
 * Does not fire on attributes, on an alias (it names a column; its child folds), on a
 * non-deterministic expression, on a user-defined function (it runs on executors, never here), or on a value the evaluator cannot compute here (it then fails
 * at run time as it would have).
 */
public final class FoldConstants implements OptimizerRule {
  @Override
  public LogicalPlan apply(LogicalPlan node) {
    return PlanExpressions.transform(node, FoldConstants::fold);
  }

  static Expression fold(Expression expression) {
    if (expression instanceof Literal || expression instanceof Alias || expression.children().isEmpty()
        || !expression.deterministic()) {
      return expression;
    }
    for (Expression child : expression.children()) {
      if (!(child instanceof Literal)) {
        return expression;
      }
    }
    return ConstantEvaluator.evaluate(expression).<Expression>map(literal -> literal).orElse(expression);
  }
}
