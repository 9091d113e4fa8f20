package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/** The number of characters (code points) of a string, as INT. */
public record Length(Expression child) implements Expression {
  public Length {
    Objects.requireNonNull(child, "child is null");
  }

  @Override
  public ColumnType type() {
    return ColumnType.INT;
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
    return new Length(children.get(0));
  }

  @Override
  public String toString() {
    return "length(" + child + ")";
  }
}
