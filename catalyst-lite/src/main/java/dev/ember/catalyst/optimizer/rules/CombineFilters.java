package dev.ember.catalyst.optimizer.rules;

import java.util.Set;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges a filter over a filter into one filter with AND (the inner condition first); a conjunct
 * of the outer filter that the inner one already has is not repeated. A row passes both filters
 * exactly when both conditions are true, which is when their AND is true.
 *
 * <pre>
 *   Filter (b &gt; 2)                Filter ((a &gt; 1) AND (b &gt; 2))
 *     Filter (a &gt; 1)       ==&gt;      Relation [a, b]
 *       Relation [a, b]
 * </pre>
 *
 * Does not fire when a condition is not deterministic: merged, it would see other rows.
 */
public final class CombineFilters implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Filter.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Filter outer) || !(outer.child() instanceof Filter inner)
        || !outer.condition().deterministic() || !inner.condition().deterministic()) {
      return node;
    }
    List<Expression> conjuncts = new ArrayList<>(Expressions.conjuncts(inner.condition()));
    for (Expression conjunct : Expressions.conjuncts(outer.condition())) {
      if (!conjuncts.contains(conjunct)) {
        conjuncts.add(conjunct);
      }
    }
    return new Filter(Expressions.and(conjuncts), inner.child());
  }
}
