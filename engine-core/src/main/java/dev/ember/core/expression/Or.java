package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/** Three-valued OR: true wins over null, null wins over false. */
public record Or(Expression left, Expression right) implements Expression {
  public Or {
    Objects.requireNonNull(left, "left is null");
    Objects.requireNonNull(right, "right is null");
  }

  @Override
  public ColumnType type() {
    return ColumnType.BOOLEAN;
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
    return new Or(children.get(0), children.get(1));
  }

  @Override
  public String toString() {
    return "(" + left + " OR " + right + ")";
  }
}
