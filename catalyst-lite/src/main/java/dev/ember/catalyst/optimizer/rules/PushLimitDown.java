package dev.ember.catalyst.optimizer.rules;

import java.util.Set;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.Limit;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.plan.Union;
import dev.ember.core.expression.Expression;
import dev.ember.core.plan.JoinType;
import java.util.ArrayList;
import java.util.List;

/**
 * LimitPushDown: moves a limit below a projection, and copies it into each child of a union and
 * into the preserved side of a left or right outer join (every row of that side gives at least one
 * output row, so n of them are enough), keeping the outer limit. A limit over a sort stays
 * where it is: the planner turns it into a top-N.
 *
 * <pre>
 *   Limit 10                       Limit 10
 *     Union                  ==&gt;     Union
 *       Relation [a]                   Limit 10
 *       Relation [b]                     Relation [a]
 *                                      Limit 10
 *                                        Relation [b]
 *   Limit 10                       Project [a]
 *     Project [a]            ==&gt;     Limit 10
 *       Relation [a, b]                Relation [a, b]
 * </pre>
 *
 * Does not fire into a child that is known to have at most n rows already (so it reaches a fixed
 * point), into a full, inner, semi or anti join, or below a non-deterministic projection.
 */
public final class PushLimitDown implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Limit.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Limit limit)) {
      return node;
    }
    int count = limit.limit();
    LogicalPlan child = limit.child();
    if (child instanceof Project project && project.projectList().stream().allMatch(Expression::deterministic)) {
      return new Project(project.projectList(), new Limit(count, project.child()));
    }
    if (child instanceof Union union) {
      List<LogicalPlan> children = new ArrayList<>();
      boolean changed = false;
      for (LogicalPlan input : union.children()) {
        LogicalPlan limited = limited(input, count);
        changed |= limited != input;
        children.add(limited);
      }
      return changed ? new Limit(count, new Union(children)) : limit;
    }
    if (child instanceof Join join && join.joinType() == JoinType.LEFT_OUTER) {
      LogicalPlan left = limited(join.left(), count);
      return left == join.left() ? limit : new Limit(count, join.withChildren(List.of(left, join.right())));
    }
    if (child instanceof Join join && join.joinType() == JoinType.RIGHT_OUTER) {
      LogicalPlan right = limited(join.right(), count);
      return right == join.right() ? limit : new Limit(count, join.withChildren(List.of(join.left(), right)));
    }
    return limit;
  }

  /** The child under a limit of {@code count}, or the child itself when it has no more rows anyway. */
  private static LogicalPlan limited(LogicalPlan child, int count) {
    return MaxRows.atMost(child, count) ? child : new Limit(count, child);
  }
}
