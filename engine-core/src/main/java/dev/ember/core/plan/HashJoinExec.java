package dev.ember.core.plan;

import dev.ember.core.expression.Expression;
import dev.ember.core.types.Schema;
import java.util.List;
import java.util.Objects;

/**
 * An equi-join: a hash table is built on the right side's keys and probed with the left's. Rows
 * match when all key pairs are equal and non-null and {@code condition} (bound to the left columns
 * followed by the right columns; {@code null} for none) is true. Output: left columns, then right
 * columns (none for semi and anti joins). Both sides have the same partitioning, or the right side
 * is a {@link BroadcastReadExec} (then RIGHT_OUTER and FULL_OUTER are not allowed).
 */
public record HashJoinExec(
    PhysicalPlan left,
    PhysicalPlan right,
    JoinType joinType,
    List<Expression> leftKeys,
    List<Expression> rightKeys,
    Expression condition,
    Schema schema) implements PhysicalPlan {

  public HashJoinExec {
    Objects.requireNonNull(left, "left is null");
    Objects.requireNonNull(right, "right is null");
    Objects.requireNonNull(joinType, "joinType is null");
    leftKeys = List.copyOf(Objects.requireNonNull(leftKeys, "leftKeys is null"));
    rightKeys = List.copyOf(Objects.requireNonNull(rightKeys, "rightKeys is null"));
    Objects.requireNonNull(schema, "schema is null");
    if (leftKeys.isEmpty() || leftKeys.size() != rightKeys.size()) {
      throw new IllegalArgumentException("a hash join needs equal, non-empty key lists: " + leftKeys + " / " + rightKeys);
    }
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(left, right);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new HashJoinExec(children.get(0), children.get(1), joinType, leftKeys, rightKeys, condition, schema);
  }
}
