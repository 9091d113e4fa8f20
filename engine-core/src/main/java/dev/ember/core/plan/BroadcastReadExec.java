package dev.ember.core.plan;

import dev.ember.core.types.Schema;
import java.util.List;
import java.util.Objects;

/** The whole collected output of a broadcast exchange, the same in every partition of the stage that reads it. */
public record BroadcastReadExec(int broadcastId, Schema schema) implements PhysicalPlan {
  public BroadcastReadExec {
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
