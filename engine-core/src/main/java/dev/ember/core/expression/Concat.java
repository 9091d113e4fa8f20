package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/** Concatenates STRING children; null if any child is null (Spark's concat). */
public record Concat(List<Expression> children) implements Expression {
  public Concat {
    children = List.copyOf(Objects.requireNonNull(children, "children is null"));
  }

  @Override
  public ColumnType type() {
    return ColumnType.STRING;
  }

  @Override
  public boolean nullable() {
    return children.stream().anyMatch(Expression::nullable);
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new Concat(newChildren);
  }

  @Override
  public String toString() {
    return "concat(" + String.join(", ", children.stream().map(Object::toString).toList()) + ")";
  }
}
