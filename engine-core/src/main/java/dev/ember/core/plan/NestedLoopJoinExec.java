package dev.ember.core.plan;

import dev.ember.core.expression.Expression;
import dev.ember.core.types.Schema;
import java.util.List;
import java.util.Objects;

/**
 * A join without equality keys (cross joins and non-equi conditions): every left row is paired
 * with every right row and {@code condition} ({@code null} for none) filters the pairs. The right
 * side is a {@link BroadcastReadExec}, or both sides have one partition (needed for RIGHT_OUTER and
 * FULL_OUTER). Output as {@link HashJoinExec}.
 */
public record NestedLoopJoinExec(
    PhysicalPlan left, PhysicalPlan right, JoinType joinType, Expression condition, Schema schema)
    implements PhysicalPlan {

  public NestedLoopJoinExec {
    Objects.requireNonNull(left, "left is null");
    Objects.requireNonNull(right, "right is null");
    Objects.requireNonNull(joinType, "joinType is null");
    Objects.requireNonNull(schema, "schema is null");
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(left, right);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new NestedLoopJoinExec(children.get(0), children.get(1), joinType, condition, schema);
  }
}
