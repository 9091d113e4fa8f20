package dev.ember.catalyst.plan;

import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.plan.JoinType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Joins two plans on {@code condition} ({@code null}: every pair, as a cross join). Output: the
 * left's attributes then the right's (only the left's for semi and anti joins); the side that an
 * outer join may fill with nulls has nullable attributes. A broadcast hint on a side asks the
 * planner to broadcast it.
 */
public record Join(
    LogicalPlan left, LogicalPlan right, JoinType joinType, Expression condition, boolean broadcastLeft,
    boolean broadcastRight) implements LogicalPlan {
  public Join {
    Objects.requireNonNull(left, "left is null");
    Objects.requireNonNull(right, "right is null");
    Objects.requireNonNull(joinType, "joinType is null");
  }

  @Override
  public List<AttributeReference> output() {
    boolean leftNullable = joinType == JoinType.RIGHT_OUTER || joinType == JoinType.FULL_OUTER;
    boolean rightNullable = joinType == JoinType.LEFT_OUTER || joinType == JoinType.FULL_OUTER;
    List<AttributeReference> output = new ArrayList<>();
    for (AttributeReference attribute : left.output()) {
      output.add(leftNullable ? attribute.withNullable(true) : attribute);
    }
    if (joinType.outputsRight()) {
      for (AttributeReference attribute : right.output()) {
        output.add(rightNullable ? attribute.withNullable(true) : attribute);
      }
    }
    return output;
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(left, right);
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    return new Join(children.get(0), children.get(1), joinType, condition, broadcastLeft, broadcastRight);
  }
}
