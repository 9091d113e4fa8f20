package dev.ember.core.plan;

import dev.ember.core.expression.Expression;
import dev.ember.core.types.Schema;
import java.util.List;
import java.util.Objects;

/**
 * An equi-join of two inputs that are hash-partitioned alike on their keys: each side is sorted by
 * its keys (spilling as needed) and the sorted runs are merged, so neither side needs to fit in
 * memory. Same semantics and output as {@link HashJoinExec}: keys with a null never match, the
 * residual {@code condition} ({@code null} for none) is bound to left columns then right columns.
 */
public record SortMergeJoinExec(
    PhysicalPlan left,
    PhysicalPlan right,
    JoinType joinType,
    List<Expression> leftKeys,
    List<Expression> rightKeys,
    Expression condition,
    Schema schema) implements PhysicalPlan {

  public SortMergeJoinExec {
    Objects.requireNonNull(left, "left is null");
    Objects.requireNonNull(right, "right is null");
    Objects.requireNonNull(joinType, "joinType is null");
    leftKeys = List.copyOf(Objects.requireNonNull(leftKeys, "leftKeys is null"));
    rightKeys = List.copyOf(Objects.requireNonNull(rightKeys, "rightKeys is null"));
    Objects.requireNonNull(schema, "schema is null");
    if (leftKeys.isEmpty() || leftKeys.size() != rightKeys.size()) {
      throw new IllegalArgumentException("a sort-merge join needs equal, non-empty key lists: " + leftKeys + " / " + rightKeys);
    }
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(left, right);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new SortMergeJoinExec(children.get(0), children.get(1), joinType, leftKeys, rightKeys, condition, schema);
  }
}
