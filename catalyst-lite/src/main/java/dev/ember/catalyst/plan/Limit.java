package dev.ember.catalyst.plan;

import dev.ember.core.expression.AttributeReference;
import java.util.List;
import java.util.Objects;

/** The first {@code limit} rows (of the child's order, if it has one). */
public record Limit(int limit, LogicalPlan child) implements LogicalPlan {
  public Limit {
    Objects.requireNonNull(child, "child is null");
    if (limit < 0) {
      throw new IllegalArgumentException("The limit expression must be equal to or greater than 0, but got " + limit);
    }
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
    return new Limit(limit, children.get(0));
  }
}
