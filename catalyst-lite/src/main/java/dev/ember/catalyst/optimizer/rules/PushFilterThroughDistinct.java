package dev.ember.catalyst.optimizer.rules;

import java.util.Set;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.plan.Distinct;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.LogicalPlan;

/**
 * Moves a filter below a distinct: the filter reads the distinct's columns only, so it keeps or
 * drops all copies of a row alike, and fewer rows are deduplicated.
 *
 * <pre>
 *   Filter a &gt; 3              Distinct
 *     Distinct       =&gt;         Filter a &gt; 3
 *       Scan [a, b]                Scan [a, b]
 * </pre>
 */
public final class PushFilterThroughDistinct implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Filter.class, Distinct.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Filter filter) || !(filter.child() instanceof Distinct distinct)) {
      return node;
    }
    FilterConjuncts conjuncts = FilterConjuncts.of(filter);
    if (conjuncts.movable().isEmpty()) {
      return filter;
    }
    return FilterConjuncts.withRemaining(
        new Distinct(FilterConjuncts.below(conjuncts.movable(), distinct.child())), conjuncts.fixed());
  }
}
