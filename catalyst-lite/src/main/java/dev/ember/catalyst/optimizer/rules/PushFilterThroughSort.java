package dev.ember.catalyst.optimizer.rules;

import java.util.Set;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Sort;

/**
 * Moves a filter below a sort: filtering keeps the order of the rows it keeps, and fewer rows are
 * sorted.
 *
 * <pre>
 *   Filter a &gt; 3                Sort [b ASC]
 *     Sort [b ASC]     =&gt;         Filter a &gt; 3
 *       Scan [a, b]                  Scan [a, b]
 * </pre>
 */
public final class PushFilterThroughSort implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Filter.class, Sort.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Filter filter) || !(filter.child() instanceof Sort sort)) {
      return node;
    }
    FilterConjuncts conjuncts = FilterConjuncts.of(filter);
    if (conjuncts.movable().isEmpty()) {
      return filter;
    }
    return FilterConjuncts.withRemaining(
        new Sort(sort.orders(), FilterConjuncts.below(conjuncts.movable(), sort.child())), conjuncts.fixed());
  }
}
