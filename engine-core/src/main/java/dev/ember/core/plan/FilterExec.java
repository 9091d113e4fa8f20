package dev.ember.core.plan;

import dev.ember.core.expression.Expression;
import dev.ember.core.types.Schema;
import java.util.List;
import java.util.Objects;

/** Keeps the rows where {@code condition} is true (not false, not null). */
public record FilterExec(PhysicalPlan child, Expression condition) implements PhysicalPlan {
  public FilterExec {
    Objects.requireNonNull(child, "child is null");
    Objects.requireNonNull(condition, "condition is null");
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
    return new FilterExec(children.get(0), condition);
  }
}
