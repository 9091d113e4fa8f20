package dev.ember.catalyst.plan;

import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import java.util.List;
import java.util.Objects;

/** Keeps the rows where {@code condition} is true. */
public record Filter(Expression condition, LogicalPlan child) implements LogicalPlan {
  public Filter {
    Objects.requireNonNull(condition, "condition is null");
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
    return new Filter(condition, children.get(0));
  }
}
