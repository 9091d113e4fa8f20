package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.types.TypeKind;
import java.util.List;
import java.util.Objects;

/**
 * {@code left op right} on two operands of the same numeric type (the analyzer inserts the casts);
 * the result has that type. Integer overflow wraps, as in Spark's non-ANSI mode. Two DECIMAL
 * operands may differ in precision and scale; the result type is Spark's for the operator
 * ({@link DecimalTypes#resultType}), and a result that does not fit it is null.
 */
public record Arithmetic(ArithmeticOperator operator, Expression left, Expression right) implements Expression {
  public Arithmetic {
    Objects.requireNonNull(operator, "operator is null");
    Objects.requireNonNull(left, "left is null");
    Objects.requireNonNull(right, "right is null");
    // Each operand's type once: an operand's type() walks its subtree (an arithmetic's asks its own
    // operands), so asking twice at every level made a deep expression cost 3^depth.
    ColumnType leftType = left.type();
    ColumnType rightType = right.type();
    boolean decimals = leftType.kind() == TypeKind.DECIMAL && rightType.kind() == TypeKind.DECIMAL;
    if ((!decimals && !leftType.equals(rightType)) || !leftType.isNumeric()) {
      throw new IllegalArgumentException(
          "arithmetic needs two operands of one numeric type, got " + leftType + " " + operator.symbol() + " " + rightType);
    }
  }

  @Override
  public ColumnType type() {
    ColumnType leftType = left.type();
    if (leftType.kind() == TypeKind.DECIMAL) {
      return DecimalTypes.resultType(decimalOperation(operator), leftType, right.type());
    }
    return leftType;
  }

  private static DecimalTypes.Operation decimalOperation(ArithmeticOperator operator) {
    return switch (operator) {
      case ADD -> DecimalTypes.Operation.ADD;
      case SUBTRACT -> DecimalTypes.Operation.SUBTRACT;
      case MULTIPLY -> DecimalTypes.Operation.MULTIPLY;
      case DIVIDE -> DecimalTypes.Operation.DIVIDE;
      case REMAINDER -> DecimalTypes.Operation.REMAINDER;
    };
  }

  @Override
  public boolean nullable() {
    return left.nullable() || right.nullable()
        || operator == ArithmeticOperator.DIVIDE || operator == ArithmeticOperator.REMAINDER
        || left.type().kind() == TypeKind.DECIMAL;
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
