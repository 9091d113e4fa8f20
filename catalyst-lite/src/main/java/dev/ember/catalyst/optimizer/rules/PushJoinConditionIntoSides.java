package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.rewrite.PlanRewrites.conjunctionOrNull;
import static dev.ember.catalyst.rewrite.PlanRewrites.readsOnly;

import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.rewrite.PlanRewrites;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Moves the conjuncts of a join's own condition (an ON clause) that read one side only into that
 * side, as a filter:
 *
 * <pre>
 *   Join Inner, a = x AND b &gt; 1 AND y &gt; 2         Join Inner, a = x
 *     Scan l [a, b]                     =&gt;        Filter b &gt; 1
 *     Scan r [x, y]                                  Scan l [a, b]
 *                                                  Filter y &gt; 2
 *                                                    Scan r [x, y]
 * </pre>
 *
 * INNER, CROSS and LEFT_SEMI push into both sides; LEFT_OUTER and LEFT_ANTI right-only conjuncts
 * into the right side; RIGHT_OUTER left-only conjuncts into the left side; FULL_OUTER nothing. An
 * ON conjunct never moves into a preserved side, where a row that fails it must still come out. A
 * conjunct that reads no column stays: it decides whether anything matches.
 */
public final class PushJoinConditionIntoSides implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Join.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Join join) || join.condition() == null) {
      return node;
    }
    List<List<Expression>> split = PlanRewrites.splitMovable(Expressions.conjuncts(join.condition()));
    Set<Long> leftIds = PlanRewrites.ids(join.left().output());
    Set<Long> rightIds = PlanRewrites.ids(join.right().output());
    boolean intoLeft = switch (join.joinType()) {
      case INNER, CROSS, LEFT_SEMI, RIGHT_OUTER -> true;
      case LEFT_OUTER, LEFT_ANTI, FULL_OUTER -> false;
    };
    boolean intoRight = switch (join.joinType()) {
      case INNER, CROSS, LEFT_SEMI, LEFT_OUTER, LEFT_ANTI -> true;
      case RIGHT_OUTER, FULL_OUTER -> false;
    };
    List<Expression> toLeft = new ArrayList<>();
    List<Expression> toRight = new ArrayList<>();
    List<Expression> stay = new ArrayList<>();
    for (Expression conjunct : split.get(0)) {
      boolean readsSomething = !PlanRewrites.referenceIds(conjunct).isEmpty();
      if (intoLeft && readsSomething && readsOnly(conjunct, leftIds)) {
        toLeft.add(conjunct);
      } else if (intoRight && readsSomething && readsOnly(conjunct, rightIds)) {
        toRight.add(conjunct);
      } else {
        stay.add(conjunct);
      }
    }
    if (toLeft.isEmpty() && toRight.isEmpty()) {
      return join;
    }
    stay.addAll(split.get(1));
    return new Join(FilterConjuncts.below(toLeft, join.left()), FilterConjuncts.below(toRight, join.right()),
        join.joinType(), conjunctionOrNull(stay), join.broadcastLeft(), join.broadcastRight());
  }
}
