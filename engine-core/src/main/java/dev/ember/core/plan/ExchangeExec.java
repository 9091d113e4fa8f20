package dev.ember.core.plan;

import dev.ember.core.types.Schema;
import java.util.List;
import java.util.Objects;

/** A stage boundary: the child's rows are redistributed by {@code partitioning} (a shuffle, or a broadcast). */
public record ExchangeExec(PhysicalPlan child, Partitioning partitioning) implements PhysicalPlan {
  public ExchangeExec {
    Objects.requireNonNull(child, "child is null");
    Objects.requireNonNull(partitioning, "partitioning is null");
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
    return new ExchangeExec(children.get(0), partitioning);
  }
}
