package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/** True when the child is null; never null itself. */
public record IsNull(Expression child) implements Expression {
  public IsNull {
    Objects.requireNonNull(child, "child is null");
  }

  @Override
  public ColumnType type() {
    return ColumnType.BOOLEAN;
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new IsNull(children.get(0));
  }

  @Override
  public String toString() {
    return child + " IS NULL";
  }
}
