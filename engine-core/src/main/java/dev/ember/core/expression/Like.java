package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/** SQL LIKE: {@code _} matches one character, {@code %} any run, backslash escapes. */
public record Like(Expression child, String pattern) implements Expression {
  public Like {
    Objects.requireNonNull(child, "child is null");
    Objects.requireNonNull(pattern, "pattern is null");
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
    return new Like(children.get(0), pattern);
  }

  @Override
  public String toString() {
    return child + " LIKE '" + pattern + "'";
  }
}
