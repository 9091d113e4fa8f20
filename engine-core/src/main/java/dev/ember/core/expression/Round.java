package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/**
 * Rounds HALF_UP to {@code scale} decimal places (negative scales round to tens, hundreds, ...);
 * the result has the child's type, as Spark's {@code round}.
 */
public record Round(Expression child, int scale) implements Expression {
  public Round {
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
    return new Round(children.get(0), scale);
  }

  @Override
  public String toString() {
    return "round(" + child + ", " + scale + ")";
  }
}
