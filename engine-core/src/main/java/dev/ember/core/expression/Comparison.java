package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/**
 * {@code left op right} on two operands of the same type (the analyzer inserts the casts); null
 * when either side is null. Doubles compare as Spark does: NaN equals NaN and is above all numbers.
 */
public record Comparison(ComparisonOperator operator, Expression left, Expression right) implements Expression {
  // Written out, not generated: a record's equals and hashCode run through method handles (see
  // ColumnType), and a stage's plan is hashed and compared once per query (StagePlans).
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof Comparison that
        && Objects.equals(operator, that.operator)
        && Objects.equals(left, that.left)
        && Objects.equals(right, that.right);
  }

  @Override
  public int hashCode() {
    int hash = Objects.hashCode(operator);
    hash = 31 * hash + Objects.hashCode(left);
    hash = 31 * hash + Objects.hashCode(right);
    return hash;
  }

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
