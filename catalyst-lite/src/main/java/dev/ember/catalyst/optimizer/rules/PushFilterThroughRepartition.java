package dev.ember.catalyst.optimizer.rules;

import java.util.Set;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Repartition;

/**
 * Moves a filter below a repartition (with or without a shuffle, by keys or not): a row's
 * partition does not change whether it passes, and fewer rows move.
 *
 * <pre>
 *   Filter a &gt; 3                          Repartition 3, shuffle, [a]
 *     Repartition 3, shuffle, [a]   =&gt;     Filter a &gt; 3
 *       Scan [a, b]                            Scan [a, b]
 * </pre>
 */
public final class PushFilterThroughRepartition implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Filter.class, Repartition.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Filter filter) || !(filter.child() instanceof Repartition repartition)) {
      return node;
    }
    FilterConjuncts conjuncts = FilterConjuncts.of(filter);
    if (conjuncts.movable().isEmpty()) {
      return filter;
    }
    return FilterConjuncts.withRemaining(new Repartition(repartition.partitionCount(), repartition.shuffle(),
        repartition.keys(), FilterConjuncts.below(conjuncts.movable(), repartition.child())), conjuncts.fixed());
  }
}
