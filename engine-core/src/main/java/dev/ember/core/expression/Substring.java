package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/**
 * Spark's {@code substring(str, pos, len)}: {@code pos} is 1-based, 0 acts as 1, a negative
 * {@code pos} counts from the end; a negative {@code len} gives the empty string.
 */
public record Substring(Expression child, int position, int length) implements Expression {
  public Substring {
    Objects.requireNonNull(child, "child is null");
  }

  @Override
  public ColumnType type() {
    return ColumnType.STRING;
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
    return new Substring(children.get(0), position, length);
  }

  @Override
  public String toString() {
    return "substring(" + child + ", " + position + ", " + length + ")";
  }
}
