package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/** The first non-null of its children, which all have one type. */
public record Coalesce(List<Expression> children) implements Expression {
  public Coalesce {
    children = List.copyOf(Objects.requireNonNull(children, "children is null"));
    if (children.isEmpty()) {
      throw new IllegalArgumentException("coalesce needs at least one argument");
    }
    for (Expression child : children) {
      if (!child.type().equals(children.get(0).type())) {
        throw new IllegalArgumentException("coalesce arguments must have one type: " + children);
      }
    }
  }

  @Override
  public ColumnType type() {
    return children.get(0).type();
  }

  @Override
  public boolean nullable() {
    return children.stream().allMatch(Expression::nullable);
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new Coalesce(newChildren);
  }

  @Override
  public String toString() {
    return "coalesce(" + String.join(", ", children.stream().map(Object::toString).toList()) + ")";
  }
}
