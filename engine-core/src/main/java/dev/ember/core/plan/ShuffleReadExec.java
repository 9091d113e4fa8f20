package dev.ember.core.plan;

import dev.ember.core.types.Schema;
import java.util.List;
import java.util.Objects;

/** The reduce side of an exchange inside a later stage: partition p reads block p of every map output of shuffle {@code shuffleId}. */
public record ShuffleReadExec(int shuffleId, Schema schema, int partitionCount) implements PhysicalPlan {
  public ShuffleReadExec {
    Objects.requireNonNull(schema, "schema is null");
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of();
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return this;
  }
}
