package dev.ember.core.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An arithmetic's type is its operands' types combined once per level: deep expressions (the
 * optimizer's equivalence test generates some) type in time linear in their size, not 3^depth.
 */
class ArithmeticTypeTest {
  private static final ColumnType MONEY = ColumnType.decimal(15, 2);

  @Test
  void aDeepDecimalExpressionIsBuiltAndTypedAtOnce() {
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      Expression expression = new BoundReference(0, MONEY, true);
      ColumnType expected = MONEY;
      ArithmeticOperator[] operators = {ArithmeticOperator.ADD, ArithmeticOperator.SUBTRACT, ArithmeticOperator.MULTIPLY};
      for (int level = 0; level < 40; level++) {
        ArithmeticOperator operator = operators[level % operators.length];
        BoundReference operand = new BoundReference(level % 3, MONEY, false);
        // Deep on the left, except every fifth level on the right: both operands' types are asked for at depth.
        expression = level % 5 != 4 ? new Arithmetic(operator, expression, operand) : new Arithmetic(operator, operand, expression);
        DecimalTypes.Operation operation = switch (operator) {
          case ADD -> DecimalTypes.Operation.ADD;
          case SUBTRACT -> DecimalTypes.Operation.SUBTRACT;
          case MULTIPLY -> DecimalTypes.Operation.MULTIPLY;
          case DIVIDE, REMAINDER -> throw new AssertionError();
        };
        expected = level % 5 != 4 ? DecimalTypes.resultType(operation, expected, MONEY) : DecimalTypes.resultType(operation, MONEY, expected);
      }
      assertThat(expression.type()).isEqualTo(expected);
      assertThat(expression.nullable()).isTrue();
    });
  }

  @Test
  void aDeepLongExpressionKeepsItsOperandsType() {
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      Expression expression = new BoundReference(0, ColumnType.LONG, false);
      for (int level = 0; level < 60; level++) {
        Expression operand = new BoundReference(1, ColumnType.LONG, false);
        expression = new Arithmetic(level % 2 == 0 ? ArithmeticOperator.ADD : ArithmeticOperator.MULTIPLY, expression, operand);
      }
      assertThat(expression.type()).isEqualTo(ColumnType.LONG);
      assertThat(expression.nullable()).isFalse();
    });
  }
}
