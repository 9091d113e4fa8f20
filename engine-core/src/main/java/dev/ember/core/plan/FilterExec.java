package dev.ember.core.plan;

import dev.ember.core.expression.Expression;
import dev.ember.core.types.Schema;
import java.util.List;
import java.util.Objects;

/** Keeps the rows where {@code condition} is true (not false, not null). */
public record FilterExec(PhysicalPlan child, Expression condition) implements PhysicalPlan {
  // Written out, not generated: a record's equals and hashCode run through method handles (see
  // ColumnType), and a stage's plan is hashed and compared once per query (StagePlans).
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof FilterExec that
        && Objects.equals(child, that.child)
        && Objects.equals(condition, that.condition);
  }

  @Override
  public int hashCode() {
    int hash = Objects.hashCode(child);
    hash = 31 * hash + Objects.hashCode(condition);
    return hash;
  }

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
