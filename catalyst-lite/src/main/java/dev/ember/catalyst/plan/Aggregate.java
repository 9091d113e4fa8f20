package dev.ember.catalyst.plan;

import dev.ember.core.expression.Alias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Groups by {@code groupings} (each an {@link AttributeReference} or an {@link Alias}) and computes
 * {@code aggregates}; output: the grouping attributes, then the aggregates. No groupings is a global
 * aggregate with exactly one output row. Expressions over aggregates ({@code sum(a) + 1}) are a
 * {@link Project} above.
 */
public record Aggregate(List<Expression> groupings, List<NamedAggregate> aggregates, LogicalPlan child)
    implements LogicalPlan {
  // Written out, not generated: a record's equals and hashCode run through method handles, and the
  // optimizer compares a plan a rule rewrote with the one before, mostly interpreted in a young JVM.
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof Aggregate that
        && Objects.equals(groupings, that.groupings)
        && Objects.equals(aggregates, that.aggregates)
        && Objects.equals(child, that.child);
  }

  @Override
  public int hashCode() {
    int hash = Objects.hashCode(groupings);
    hash = 31 * hash + Objects.hashCode(aggregates);
    hash = 31 * hash + Objects.hashCode(child);
    return hash;
  }

  public Aggregate {
    groupings = List.copyOf(Objects.requireNonNull(groupings, "groupings is null"));
    aggregates = List.copyOf(Objects.requireNonNull(aggregates, "aggregates is null"));
    Objects.requireNonNull(child, "child is null");
    for (Expression grouping : groupings) {
      if (!(grouping instanceof AttributeReference) && !(grouping instanceof Alias)) {
        throw new IllegalArgumentException("a grouping must be a named expression, got " + grouping);
      }
    }
  }

  @Override
  public List<AttributeReference> output() {
    List<AttributeReference> output = new ArrayList<>(groupings.size() + aggregates.size());
    for (Expression grouping : groupings) {
      output.add(Project.toAttribute(grouping));
    }
    for (NamedAggregate aggregate : aggregates) {
      output.add(aggregate.toAttribute());
    }
    return output;
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(child);
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    return new Aggregate(groupings, aggregates, children.get(0));
  }
}
