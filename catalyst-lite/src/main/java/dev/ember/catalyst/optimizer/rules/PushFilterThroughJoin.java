package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.rewrite.PlanRewrites.conjunctionOrNull;
import static dev.ember.catalyst.rewrite.PlanRewrites.conjunctsOf;
import static dev.ember.catalyst.rewrite.PlanRewrites.readsOnly;

import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.rewrite.PlanRewrites;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.Expression;
import dev.ember.core.plan.JoinType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Moves the conjuncts of a filter above a join (a WHERE clause) into the join's inputs, or into
 * its condition:
 *
 * <pre>
 *   Filter b &gt; 1 AND y = 2 AND b = y         Join Inner, a = x AND b = y
 *     Join Inner, a = x             =&gt;        Filter b &gt; 1
 *       Scan l [a, b]                            Scan l [a, b]
 *       Scan r [x, y]                          Filter y = 2
 *                                                Scan r [x, y]
 * </pre>
 *
 * INNER and CROSS send each conjunct to the side whose columns it reads and conjuncts over both
 * sides into the condition; LEFT_OUTER, LEFT_SEMI and LEFT_ANTI push left-only conjuncts into the
 * left side; RIGHT_OUTER right-only conjuncts into the right side; FULL_OUTER nothing (above an
 * outer join a conjunct on the null-supplying side also sees the rows the join padded with nulls).
 */
public final class PushFilterThroughJoin implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Filter.class, Join.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Filter filter) || !(filter.child() instanceof Join join)) {
      return node;
    }
    FilterConjuncts conjuncts = FilterConjuncts.of(filter);
    List<Expression> movable = conjuncts.movable();
    Set<Long> leftIds = PlanRewrites.ids(join.left().output());
    Set<Long> rightIds = PlanRewrites.ids(join.right().output());
    List<Expression> toLeft = new ArrayList<>();
    List<Expression> toRight = new ArrayList<>();
    List<Expression> toCondition = new ArrayList<>();
    List<Expression> stay = new ArrayList<>();
    JoinType type = join.joinType();
    for (Expression conjunct : movable) {
      boolean left = readsOnly(conjunct, leftIds);
      boolean right = !left && readsOnly(conjunct, rightIds);
      switch (type) {
        case INNER, CROSS -> (left ? toLeft : right ? toRight : toCondition).add(conjunct);
        case LEFT_OUTER, LEFT_SEMI, LEFT_ANTI -> (left ? toLeft : stay).add(conjunct);
        case RIGHT_OUTER -> (readsOnly(conjunct, rightIds) ? toRight : stay).add(conjunct);
        case FULL_OUTER -> stay.add(conjunct);
      }
    }
    if (stay.size() == movable.size()) {
      return filter;
    }
    List<Expression> condition = new ArrayList<>(conjunctsOf(join.condition()));
    condition.addAll(toCondition);
    Join pushed = new Join(FilterConjuncts.below(toLeft, join.left()), FilterConjuncts.below(toRight, join.right()), type,
        conjunctionOrNull(condition), join.broadcastLeft(), join.broadcastRight());
    stay.addAll(conjuncts.fixed());
    return FilterConjuncts.withRemaining(pushed, stay);
  }
}
