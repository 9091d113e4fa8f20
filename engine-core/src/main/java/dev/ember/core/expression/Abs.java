package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/** Absolute value of a number, of the child's type (INT/LONG wrap at their minimum, as Java and Spark). */
public record Abs(Expression child) implements Expression {
  public Abs {
    Objects.requireNonNull(child, "child is null");
  }

  @Override
  public ColumnType type() {
    return child.type();
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
    return new Abs(children.get(0));
  }

  @Override
  public String toString() {
    return "abs(" + child + ")";
  }
}
