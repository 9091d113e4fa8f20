package dev.ember.core.plan;

import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.List;
import java.util.Objects;

/** Rows held in the plan itself, one batch per partition (createDataFrame, small literal tables). */
public record InMemoryScanExec(Schema schema, List<Batch> partitions) implements PhysicalPlan {
  public InMemoryScanExec {
    Objects.requireNonNull(schema, "schema is null");
    partitions = List.copyOf(Objects.requireNonNull(partitions, "partitions is null"));
    if (partitions.isEmpty()) {
      throw new IllegalArgumentException("an in-memory scan needs at least one partition");
    }
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
