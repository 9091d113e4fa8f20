package dev.ember.catalyst.planner;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Binds logical expressions to a physical input: each {@link AttributeReference} becomes the
 * {@link BoundReference} of the input column with the same id; aliases disappear (the operator's
 * schema carries the names). An id the input does not have is a planner or analyzer bug.
 */
final class Binder {
  private Binder() {}

  static Expression bind(Expression expression, List<AttributeReference> input) {
    return Expressions.transformUp(expression, node -> {
      if (node instanceof AttributeReference attribute) {
        return reference(attribute, input);
      }
      return node instanceof Alias alias ? alias.child() : node;
    });
  }

  static List<Expression> bindAll(List<Expression> expressions, List<AttributeReference> input) {
    // Loops, not streams, here and below: binding runs on every action, mostly interpreted in a young JVM.
    List<Expression> bound = new ArrayList<>(expressions.size());
    for (Expression expression : expressions) {
      bound.add(bind(expression, input));
    }
    return Collections.unmodifiableList(bound);
  }

  static List<SortOrder> bindOrders(List<SortOrder> orders, List<AttributeReference> input) {
    List<SortOrder> bound = new ArrayList<>(orders.size());
    for (SortOrder order : orders) {
      bound.add(order.withChild(bind(order.child(), input)));
    }
    return Collections.unmodifiableList(bound);
  }

  static AggregateFunction bind(AggregateFunction function, List<AttributeReference> input) {
    return function.withArguments(bindAll(function.arguments(), input));
  }

  static BoundReference reference(AttributeReference attribute, List<AttributeReference> input) {
    for (int i = 0; i < input.size(); i++) {
      AttributeReference candidate = input.get(i);
      if (candidate.id() == attribute.id()) {
        if (!candidate.type().equals(attribute.type())) {
          throw new IllegalStateException("attribute " + attribute + " has type " + attribute.type()
              + " but the input column " + candidate + " has type " + candidate.type());
        }
        return new BoundReference(i, candidate.type(), candidate.nullable());
      }
    }
    throw new IllegalStateException("attribute " + attribute + " is not in the input " + input
        + ": the logical plan refers to a column its child does not produce");
  }

  static Schema schema(List<AttributeReference> attributes) {
    List<Field> fields = new ArrayList<>(attributes.size());
    for (AttributeReference attribute : attributes) {
      fields.add(new Field(attribute.name(), attribute.type(), attribute.nullable()));
    }
    return new Schema(fields);
  }
}
