package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/** Boolean negation; null stays null. */
public record Not(Expression child) implements Expression {
  public Not {
    Objects.requireNonNull(child, "child is null");
  }

  @Override
  public ColumnType type() {
    return ColumnType.BOOLEAN;
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new Not(children.get(0));
  }

  @Override
  public String toString() {
    return "NOT " + child;
  }
}
