package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/**
 * {@code left op right} on two operands of the same type (the analyzer inserts the casts); null
 * when either side is null. Doubles compare as Spark does: NaN equals NaN and is above all numbers.
 */
public record Comparison(ComparisonOperator operator, Expression left, Expression right) implements Expression {
  public Comparison {
    Objects.requireNonNull(operator, "operator is null");
    Objects.requireNonNull(left, "left is null");
    Objects.requireNonNull(right, "right is null");
    if (!left.type().equals(right.type())) {
      throw new IllegalArgumentException(
          "comparison needs operands of one type, got " + left.type() + " " + operator.symbol() + " " + right.type());
    }
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
    return new Comparison(operator, children.get(0), children.get(1));
  }

  @Override
  public String toString() {
    return "(" + left + " " + operator.symbol() + " " + right + ")";
  }
}
