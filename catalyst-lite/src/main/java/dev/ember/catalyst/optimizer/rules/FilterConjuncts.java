package dev.ember.catalyst.optimizer.rules;

import dev.ember.catalyst.rewrite.PlanRewrites;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import java.util.List;
import java.util.Objects;

/**
 * A filter's conjuncts, split for the predicate pushdown rules: the deterministic ones before the
 * first non-deterministic one may move ({@code movable}); the rest stay where they are
 * ({@code fixed}), because moving them would change how often or on which rows they run.
 */
record FilterConjuncts(List<Expression> movable, List<Expression> fixed) {
  FilterConjuncts {
    movable = List.copyOf(Objects.requireNonNull(movable, "movable is null"));
    fixed = List.copyOf(Objects.requireNonNull(fixed, "fixed is null"));
  }

  static FilterConjuncts of(Filter filter) {
    List<List<Expression>> split = PlanRewrites.splitMovable(Expressions.conjuncts(filter.condition()));
    return new FilterConjuncts(split.get(0), split.get(1));
  }

  /** The child under a filter of the conjuncts, or the child itself when there are none. */
  static LogicalPlan below(List<Expression> conjuncts, LogicalPlan child) {
    return conjuncts.isEmpty() ? child : new Filter(Expressions.and(conjuncts), child);
  }

  /** The plan under a filter of the conjuncts that stay, or the plan itself when none stays. */
  static LogicalPlan withRemaining(LogicalPlan plan, List<Expression> remaining) {
    return remaining.isEmpty() ? plan : new Filter(Expressions.and(remaining), plan);
  }
}
