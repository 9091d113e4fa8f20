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

  public AttributeReference toAttribute() {
    return new AttributeReference(name, function.resultType(), function.nullable(), id, "");
  }

  @Override
  public String toString() {
    return function + " AS " + name + "#" + id;
  }
}
