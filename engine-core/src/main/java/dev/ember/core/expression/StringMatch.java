package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/** {@code left.startsWith(right)} and friends on two STRING operands; null if either is null. */
public record StringMatch(StringMatchOperator operator, Expression left, Expression right) implements Expression {
  public StringMatch {
    Objects.requireNonNull(operator, "operator is null");
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
    return new StringMatch(operator, children.get(0), children.get(1));
  }

  @Override
  public String toString() {
    return operator.functionName() + "(" + left + ", " + right + ")";
  }
}
