package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/** A DATE plus an INT number of days (negative allowed). */
public record DateAdd(Expression left, Expression right) implements Expression {
  public DateAdd {
    Objects.requireNonNull(left, "left is null");
    Objects.requireNonNull(right, "right is null");
  }

  @Override
  public ColumnType type() {
    return ColumnType.DATE;
  }

  @Override
  public boolean nullable() {
    return left.nullable() || right.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(left, right);
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new DateAdd(children.get(0), children.get(1));
  }

  @Override
  public String toString() {
    return "date_add(" + left + ", " + right + ")";
  }
}
