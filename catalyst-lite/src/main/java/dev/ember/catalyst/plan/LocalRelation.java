package dev.ember.catalyst.plan;

import dev.ember.core.expression.AttributeReference;
import dev.ember.core.vector.Batch;
import java.util.List;
import java.util.Objects;

/** Rows given by the program (createDataFrame), one batch per partition. */
public record LocalRelation(List<AttributeReference> output, List<Batch> partitions) implements LogicalPlan {
  public LocalRelation {
    output = List.copyOf(Objects.requireNonNull(output, "output is null"));
    partitions = List.copyOf(Objects.requireNonNull(partitions, "partitions is null"));
  }

  // Written out, not generated: a record's equals and hashCode run through method handles, and a
  // query's plan is hashed and compared once per action (the session's plan cache). Batches have
  // no equals of their own: two relations are equal when they hold the same batches.
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof LocalRelation that && output.equals(that.output)
        && partitions.equals(that.partitions);
  }

  @Override
  public int hashCode() {
    return output.hashCode() * 31 + partitions.hashCode();
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of();
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    return this;
  }
}
