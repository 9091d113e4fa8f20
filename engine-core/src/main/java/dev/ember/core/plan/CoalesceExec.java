package dev.ember.core.plan;

import dev.ember.core.types.Schema;
import java.util.List;
import java.util.Objects;

/** Merges adjacent child partitions into {@code partitionCount} partitions without a shuffle (narrow). */
public record CoalesceExec(PhysicalPlan child, int partitionCount) implements PhysicalPlan {
  public CoalesceExec {
    Objects.requireNonNull(child, "child is null");
    if (partitionCount < 1) {
      throw new IllegalArgumentException("partition count must be positive: " + partitionCount);
    }
  }

  @Override
  public Schema schema() {
    return child.schema();
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new CoalesceExec(children.get(0), partitionCount);
  }
}
