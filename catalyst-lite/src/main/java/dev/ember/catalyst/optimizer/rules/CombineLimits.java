package dev.ember.catalyst.optimizer.rules;

import java.util.Set;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.plan.Limit;
import dev.ember.catalyst.plan.LogicalPlan;

/**
 * A limit over a limit keeps the smaller count (Spark's EliminateLimits/CombineLimits).
 *
 * <pre>
 *   Limit 10              Limit 5
 *     Limit 5       ==&gt;     Relation [a]
 *       Relation [a]
 * </pre>
 *
 * Does not fire on a limit over anything else.
 */
public final class CombineLimits implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Limit.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (node instanceof Limit outer && outer.child() instanceof Limit inner) {
      return new Limit(Math.min(outer.limit(), inner.limit()), inner.child());
    }
    return node;
  }
}
