package dev.ember.catalyst.plan;

import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import java.util.List;
import java.util.Objects;

/** Redistributes rows into {@code partitionCount} partitions: by hash of {@code keys}, round-robin when there are none, or, when {@code shuffle} is false (coalesce), by merging partitions without a shuffle. */
public record Repartition(int partitionCount, boolean shuffle, List<Expression> keys, LogicalPlan child) implements LogicalPlan {
  public Repartition {
    keys = List.copyOf(Objects.requireNonNull(keys, "keys is null"));
    Objects.requireNonNull(child, "child is null");
    if (partitionCount < 1) {
      throw new IllegalArgumentException("Number of partitions (" + partitionCount + ") must be positive.");
    }
  }

  @Override
  public List<AttributeReference> output() {
    return child.output();
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(child);
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    return new Repartition(partitionCount, shuffle, keys, children.get(0));
  }
}
