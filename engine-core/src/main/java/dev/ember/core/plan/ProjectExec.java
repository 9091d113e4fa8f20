package dev.ember.core.plan;

import dev.ember.core.expression.Expression;
import dev.ember.core.types.Schema;
import java.util.List;
import java.util.Objects;

/** Computes {@code expressions} over each row of the child; {@code schema} names the results. */
public record ProjectExec(PhysicalPlan child, List<Expression> expressions, Schema schema) implements PhysicalPlan {
  // Written out, not generated: a record's equals and hashCode run through method handles (see
  // ColumnType), and a stage's plan is hashed and compared once per query (StagePlans).
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof ProjectExec that
        && Objects.equals(child, that.child)
        && Objects.equals(expressions, that.expressions)
        && Objects.equals(schema, that.schema);
  }

  @Override
  public int hashCode() {
    int hash = Objects.hashCode(child);
    hash = 31 * hash + Objects.hashCode(expressions);
    hash = 31 * hash + Objects.hashCode(schema);
    return hash;
  }

  public ProjectExec {
    Objects.requireNonNull(child, "child is null");
    expressions = List.copyOf(Objects.requireNonNull(expressions, "expressions is null"));
    Objects.requireNonNull(schema, "schema is null");
    if (expressions.size() != schema.size()) {
      throw new IllegalArgumentException(expressions.size() + " expressions for " + schema.size() + " columns");
    }
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new ProjectExec(children.get(0), expressions, schema);
  }
}
