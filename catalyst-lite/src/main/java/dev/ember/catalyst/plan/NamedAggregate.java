package dev.ember.catalyst.plan;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AttributeReference;
import java.util.Objects;

/** An aggregate call and the attribute (name, id) that holds its result in the output. */
public record NamedAggregate(AggregateFunction function, String name, long id) {
  public NamedAggregate {
    Objects.requireNonNull(function, "function is null");
    Objects.requireNonNull(name, "name is null");
  }

  // Written out, not generated: a record's equals and hashCode run through method handles, and a
  // query's plan is hashed and compared once per action (the session's plan cache).
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof NamedAggregate that && id == that.id && name.equals(that.name)
        && function.equals(that.function);
  }

  @Override
  public int hashCode() {
    return (function.hashCode() * 31 + name.hashCode()) * 31 + Long.hashCode(id);
  }

  public AttributeReference toAttribute() {
    return new AttributeReference(name, function.resultType(), function.nullable(), id, "");
  }

  @Override
  public String toString() {
    return function + " AS " + name + "#" + id;
  }
}
