package dev.ember.core.plan;

import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.List;
import java.util.Objects;

/** Rows held in the plan itself, one batch per partition (createDataFrame, small literal tables). */
public record InMemoryScanExec(Schema schema, List<Batch> partitions) implements PhysicalPlan {
  // Written out, not generated: a record's equals and hashCode run through method handles (see
  // ColumnType), and a stage's plan is hashed and compared once per query (StagePlans).
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof InMemoryScanExec that
        && Objects.equals(schema, that.schema)
        && Objects.equals(partitions, that.partitions);
  }

  @Override
  public int hashCode() {
    int hash = Objects.hashCode(schema);
    hash = 31 * hash + Objects.hashCode(partitions);
    return hash;
  }

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
