package dev.ember.catalyst.plan;

import dev.ember.core.expression.AttributeReference;
import java.util.List;
import java.util.Objects;

/** The distinct rows of the child (all columns). */
public record Distinct(LogicalPlan child) implements LogicalPlan {
  public Distinct {
    Objects.requireNonNull(child, "child is null");
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
    return new Distinct(children.get(0));
  }
}
