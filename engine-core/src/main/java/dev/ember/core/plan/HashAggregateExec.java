package dev.ember.core.plan;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.Expression;
import dev.ember.core.types.Schema;
import java.util.List;
import java.util.Objects;

/** Groups rows by {@code groupings} and computes {@code aggregates} in one {@link AggregateMode}. Output: the grouping columns, then per aggregate its partial state columns (PARTIAL) or its result (FINAL, COMPLETE). In FINAL mode the input is a PARTIAL output: groupings are its first columns and the states follow in order. No groupings means one global group, which yields one row even on empty input (FINAL, COMPLETE). */
public record HashAggregateExec(PhysicalPlan child, AggregateMode mode, List<Expression> groupings, List<AggregateFunction> aggregates, Schema schema) implements PhysicalPlan {
  // Written out, not generated: a record's equals and hashCode run through method handles (see
  // ColumnType), and a stage's plan is hashed and compared once per query (StagePlans).
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof HashAggregateExec that
        && Objects.equals(child, that.child)
        && Objects.equals(mode, that.mode)
        && Objects.equals(groupings, that.groupings)
        && Objects.equals(aggregates, that.aggregates)
        && Objects.equals(schema, that.schema);
  }

  @Override
  public int hashCode() {
    int hash = Objects.hashCode(child);
    hash = 31 * hash + Objects.hashCode(mode);
    hash = 31 * hash + Objects.hashCode(groupings);
    hash = 31 * hash + Objects.hashCode(aggregates);
    hash = 31 * hash + Objects.hashCode(schema);
    return hash;
  }

  public HashAggregateExec {
    Objects.requireNonNull(child, "child is null");
    Objects.requireNonNull(mode, "mode is null");
    groupings = List.copyOf(Objects.requireNonNull(groupings, "groupings is null"));
    aggregates = List.copyOf(Objects.requireNonNull(aggregates, "aggregates is null"));
    Objects.requireNonNull(schema, "schema is null");
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new HashAggregateExec(children.get(0), mode, groupings, aggregates, schema);
  }
}
