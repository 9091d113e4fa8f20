package dev.ember.core.operator.aggregate;

import static dev.ember.core.operator.OperatorTesting.drainRows;
import static dev.ember.core.operator.OperatorTesting.schema;
import static dev.ember.core.operator.OperatorTesting.toBatches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.expression.Arithmetic;
import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Literal;
import dev.ember.core.operator.BatchSource;
import dev.ember.core.plan.AggregateMode;
import dev.ember.core.testing.EngineHygiene;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Aggregates whose arguments repeat a subexpression (TPC-H Q1's shape) compute it once a batch and
 * give the same results as plain Java over the same rows: decimals with nulls, several groups,
 * batches of random sizes; arguments that repeat nothing share nothing.
 */
@ExtendWith(EngineHygiene.class)
class SharedArgumentsTest {
  private static final ColumnType MONEY = ColumnType.decimal(15, 2);
  // c0 group (INT), c1 price, c2 discount, c3 tax.
  private static final Schema INPUT = schema(ColumnType.INT, MONEY, MONEY, MONEY);

  private static Expression column(int ordinal) {
    return new BoundReference(ordinal, INPUT.type(ordinal), true);
  }

  private static Expression one() {
    return new Literal(BigDecimal.ONE, ColumnType.decimal(1, 0));
  }

  @Test
  void q1sRepeatedProductIsComputedOnceAndEveryAggregateMatchesPlainJava() {
    Expression discounted = new Arithmetic(ArithmeticOperator.MULTIPLY, column(1),
        new Arithmetic(ArithmeticOperator.SUBTRACT, one(), column(2)));
    Expression charged = new Arithmetic(ArithmeticOperator.MULTIPLY, discounted,
        new Arithmetic(ArithmeticOperator.ADD, one(), column(3)));
    List<AggregateFunction> aggregates = List.of(
        AggregateFunction.of(AggregateKind.SUM, List.of(column(1))),
        AggregateFunction.of(AggregateKind.SUM, List.of(discounted)),
        AggregateFunction.of(AggregateKind.SUM, List.of(charged)),
        AggregateFunction.of(AggregateKind.AVG, List.of(column(1))),
        AggregateFunction.of(AggregateKind.COUNT, List.of(discounted)));
    // 1 - discount and the product are each computed once for the two sums and the count.
    assertThat(SharedArguments.compile(aggregates).sharedCount()).isEqualTo(2);

    Random random = new Random(31);
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      rows.add(Arrays.asList(random.nextInt(4),
          random.nextInt(15) == 0 ? null : BigDecimal.valueOf(random.nextInt(10_000_000), 2),
          random.nextInt(15) == 0 ? null : BigDecimal.valueOf(random.nextInt(11), 2),
          random.nextInt(15) == 0 ? null : BigDecimal.valueOf(random.nextInt(9), 2)));
    }
    Map<Integer, BigDecimal[]> expected = new HashMap<>();
    Map<Integer, long[]> counts = new HashMap<>();
    for (List<Object> row : rows) {
      BigDecimal[] sums = expected.computeIfAbsent((Integer) row.get(0), key -> new BigDecimal[3]);
      long[] groupCounts = counts.computeIfAbsent((Integer) row.get(0), key -> new long[2]);
      BigDecimal price = (BigDecimal) row.get(1);
      BigDecimal discount = (BigDecimal) row.get(2);
      BigDecimal tax = (BigDecimal) row.get(3);
      if (price != null) {
        sums[0] = sums[0] == null ? price : sums[0].add(price);
        groupCounts[0]++;
      }
      if (price != null && discount != null) {
        BigDecimal product = price.multiply(BigDecimal.ONE.subtract(discount));
        sums[1] = sums[1] == null ? product : sums[1].add(product);
        groupCounts[1]++;
        if (tax != null) {
          BigDecimal charge = product.multiply(BigDecimal.ONE.add(tax));
          sums[2] = sums[2] == null ? charge : sums[2].add(charge);
        }
      }
    }
    HashAggregateOperator aggregate = new HashAggregateOperator(new BatchSource(toBatches(INPUT, rows, random, 3_000)),
        AggregateMode.COMPLETE, List.of(column(0)), aggregates);
    List<List<Object>> output = drainRows(aggregate);
    assertThat(output).hasSize(expected.size());
    for (List<Object> row : output) {
      int group = (Integer) row.get(0);
      BigDecimal[] sums = expected.get(group);
      for (int i = 0; i < 3; i++) {
        assertThat(((BigDecimal) row.get(1 + i)).compareTo(sums[i])).as("group %d sum %d", group, i).isZero();
      }
      BigDecimal average = sums[0].divide(BigDecimal.valueOf(counts.get(group)[0]), 6, java.math.RoundingMode.HALF_UP);
      assertThat(((BigDecimal) row.get(4)).compareTo(average)).as("group %d avg", group).isZero();
      assertThat(row.get(5)).as("group %d count", group).isEqualTo(counts.get(group)[1]);
    }
  }

  @Test
  void argumentsThatRepeatNothingShareNothing() {
    Expression left = new Arithmetic(ArithmeticOperator.MULTIPLY, column(1), column(2));
    Expression right = new Arithmetic(ArithmeticOperator.MULTIPLY, column(1), column(3));
    Expression constant = new Arithmetic(ArithmeticOperator.ADD, one(), one());
    List<AggregateFunction> aggregates = List.of(
        AggregateFunction.of(AggregateKind.SUM, List.of(left)),
        AggregateFunction.of(AggregateKind.SUM, List.of(right)),
        // Columns and computations of literals alone are not worth sharing.
        AggregateFunction.of(AggregateKind.SUM, List.of(column(1))),
        AggregateFunction.of(AggregateKind.MAX, List.of(column(1))),
        AggregateFunction.of(AggregateKind.SUM, List.of(constant)),
        AggregateFunction.of(AggregateKind.MIN, List.of(constant)));
    assertThat(SharedArguments.compile(aggregates).sharedCount()).isZero();
  }
}
