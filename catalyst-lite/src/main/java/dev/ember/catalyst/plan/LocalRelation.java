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

  @Override
  public List<LogicalPlan> children() {
    return List.of();
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    return this;
  }
}
