package dev.ember.catalyst.optimizer.rules;

import java.util.Set;
import static dev.ember.catalyst.rewrite.PlanRewrites.readsOnly;

import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.rewrite.PlanRewrites;
import dev.ember.catalyst.plan.Aggregate;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.Expression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves the conjuncts of a filter that read grouping columns only below a grouped aggregate,
 * rewritten to the grouping expressions: a group that fails them is dropped before it is built.
 *
 * <pre>
 *   Filter a &gt; 1 AND s &gt; 10                  Filter s &gt; 10
 *     Aggregate [a], [sum(b) AS s]     =&gt;      Aggregate [a], [sum(b) AS s]
 *       Scan [a, b]                               Filter a &gt; 1
 *                                                   Scan [a, b]
 * </pre>
 *
 * Never below a global aggregate (no groupings): it outputs one row even for no input, so a filter
 * below it would turn "no row" into "one row of nulls and zeros".
 */
public final class PushFilterThroughAggregate implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Filter.class, Aggregate.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Filter filter) || !(filter.child() instanceof Aggregate aggregate)
        || aggregate.groupings().isEmpty()) {
      return node;
    }
    FilterConjuncts conjuncts = FilterConjuncts.of(filter);
    Map<Long, Expression> groupings = new HashMap<>();
    for (Expression grouping : aggregate.groupings()) {
      groupings.put(Project.toAttribute(grouping).id(), grouping instanceof Alias alias ? alias.child() : grouping);
    }
    List<Expression> pushed = new ArrayList<>();
    List<Expression> stay = new ArrayList<>();
    for (Expression conjunct : conjuncts.movable()) {
      if (readsOnly(conjunct, groupings.keySet())) {
        pushed.add(PlanRewrites.replaceAttributes(conjunct, groupings));
      } else {
        stay.add(conjunct);
      }
    }
    if (pushed.isEmpty()) {
      return filter;
    }
    stay.addAll(conjuncts.fixed());
    return FilterConjuncts.withRemaining(new Aggregate(aggregate.groupings(), aggregate.aggregates(),
        FilterConjuncts.below(pushed, aggregate.child())), stay);
  }
}
