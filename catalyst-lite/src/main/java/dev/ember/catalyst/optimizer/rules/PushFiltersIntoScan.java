package dev.ember.catalyst.optimizer.rules;

import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.rewrite.PlanRewrites;
import dev.ember.catalyst.plan.CsvRelation;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves the conjuncts of a filter right above a CSV scan into the scan, which evaluates them on
 * each chunk of records before it builds a batch for the operators above:
 *
 * <pre>
 *   Filter (a &gt; 5) AND (b = 'x')             CsvRelation [a, b, c], pushedFilters=[(a &gt; 5), (b = 'x')]
 *     CsvRelation [a, b, c]           =&gt;
 * </pre>
 *
 * Only deterministic conjuncts move (those before the first non-deterministic one); the rest stay
 * in the filter. The scan applies the pushed conjuncts exactly, so the filter above goes away when
 * nothing stays. A conjunct the scan already has is not added twice.
 */
public final class PushFiltersIntoScan implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Filter.class, CsvRelation.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Filter filter) || !(filter.child() instanceof CsvRelation csv)) {
      return node;
    }
    List<List<Expression>> split = PlanRewrites.splitMovable(Expressions.conjuncts(filter.condition()));
    if (split.get(0).isEmpty()) {
      return node;
    }
    List<Expression> pushed = new ArrayList<>(csv.pushedFilters());
    Set<Expression> known = new HashSet<>();
    for (Expression existing : pushed) {
      known.add(PlanRewrites.canonical(existing));
    }
    for (Expression conjunct : split.get(0)) {
      if (known.add(PlanRewrites.canonical(conjunct))) {
        pushed.add(conjunct);
      }
    }
    CsvRelation scan = csv.withPushedFilters(pushed);
    List<Expression> remaining = split.get(1);
    return remaining.isEmpty() ? scan : new Filter(Expressions.and(remaining), scan);
  }
}
