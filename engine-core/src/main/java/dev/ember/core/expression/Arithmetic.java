package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/**
 * {@code left op right} on two operands of the same numeric type (the analyzer inserts the casts);
 * the result has that type. Integer overflow wraps, as in Spark's non-ANSI mode.
 */
public record Arithmetic(ArithmeticOperator operator, Expression left, Expression right) implements Expression {
  public Arithmetic {
    Objects.requireNonNull(operator, "operator is null");
    Objects.requireNonNull(left, "left is null");
    Objects.requireNonNull(right, "right is null");
    if (!left.type().equals(right.type()) || !left.type().isNumeric()) {
      throw new IllegalArgumentException(
          "arithmetic needs two operands of one numeric type, got " + left.type() + " " + operator.symbol() + " " + right.type());
    }
  }

  @Override
  public ColumnType type() {
    return left.type();
  }

  @Override
  public boolean nullable() {
    return left.nullable() || right.nullable()
        || operator == ArithmeticOperator.DIVIDE || operator == ArithmeticOperator.REMAINDER;
  }

  @Override
  public List<Expression> children() {
    return List.of(left, right);
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new Arithmetic(operator, children.get(0), children.get(1));
  }

  @Override
  public String toString() {
    return "(" + left + " " + operator.symbol() + " " + right + ")";
  }
}
