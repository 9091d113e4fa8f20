package dev.ember.catalyst.plan;

import dev.ember.core.expression.AttributeReference;
import dev.ember.core.types.TypeKind;
import java.util.List;
import java.util.Objects;

/**
 * Each child row as many times as its first column (a BIGINT count) says, without that column:
 * Spark's {@code Generate(ReplicateRows)}, the last step of {@code INTERSECT ALL} and {@code EXCEPT
 * ALL} once each distinct row's occurrences are counted. A null, zero or negative count yields no
 * row.
 */
public record ReplicateRows(LogicalPlan child) implements LogicalPlan {
  public ReplicateRows {
    Objects.requireNonNull(child, "child is null");
    List<AttributeReference> input = child.output();
    if (input.size() < 2 || input.get(0).type().kind() != TypeKind.LONG) {
      throw new IllegalArgumentException("ReplicateRows needs a BIGINT count column followed by the columns to"
          + " replicate, got " + input);
    }
  }

  /** The column saying how many times each row appears. */
  public AttributeReference count() {
    return child.output().get(0);
  }

  @Override
  public List<AttributeReference> output() {
    List<AttributeReference> input = child.output();
    return input.subList(1, input.size());
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(child);
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    return new ReplicateRows(children.get(0));
  }
}
