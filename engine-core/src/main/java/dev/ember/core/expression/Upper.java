package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/** Upper-cases a string (Locale.ROOT). */
public record Upper(Expression child) implements Expression {
  public Upper {
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
    return new Upper(children.get(0));
  }

  @Override
  public String toString() {
    return "upper(" + child + ")";
  }
}
