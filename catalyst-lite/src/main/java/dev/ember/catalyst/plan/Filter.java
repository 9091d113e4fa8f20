package dev.ember.catalyst.plan;

import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import java.util.List;
import java.util.Objects;

/** Keeps the rows where {@code condition} is true. */
public record Filter(Expression condition, LogicalPlan child) implements LogicalPlan {
  // Written out, not generated: a record's equals and hashCode run through method handles, and the
  // optimizer compares a plan a rule rewrote with the one before, mostly interpreted in a young JVM.
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof Filter that
        && Objects.equals(condition, that.condition)
        && Objects.equals(child, that.child);
  }

  @Override
  public int hashCode() {
    int hash = Objects.hashCode(condition);
    hash = 31 * hash + Objects.hashCode(child);
    return hash;
  }

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
