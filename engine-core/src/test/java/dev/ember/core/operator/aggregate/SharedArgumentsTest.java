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

  /**
   * An aggregate evaluates each batch's arguments into the same arrays: a batch whose rows are null
   * where the batch before had large products (128-bit, the checked loops) must sum to the same as
   * plain Java, and so must min and max, which read the slots of every row they keep.
   */
  @Test
  void argumentsOfEachBatchLeaveNothingOfTheBatchBeforeInNullRows() {
    ColumnType wide = ColumnType.decimal(20, 0);
    Schema input = schema(ColumnType.INT, wide, wide);
    Expression product = new Arithmetic(ArithmeticOperator.MULTIPLY,
        new BoundReference(1, wide, true), new BoundReference(2, wide, true));
    Expression sum = new Arithmetic(ArithmeticOperator.ADD, new BoundReference(1, wide, true), new BoundReference(2, wide, true));
    List<AggregateFunction> aggregates = List.of(
        AggregateFunction.of(AggregateKind.SUM, List.of(product)),
        AggregateFunction.of(AggregateKind.MIN, List.of(product)),
        AggregateFunction.of(AggregateKind.MAX, List.of(sum)),
        AggregateFunction.of(AggregateKind.COUNT, List.of(product)));
    Random random = new Random(47);
    // Products past 2^62 (each operand past 2^31): the per-row loop with 128-bit products.
    BigDecimal big = new BigDecimal("3000000000");
    List<List<Object>> batchRows = new ArrayList<>();
    List<List<List<Object>>> batches = new ArrayList<>();
    for (int batch = 0; batch < 6; batch++) {
      List<List<Object>> rows = new ArrayList<>();
      for (int i = 0; i < 700; i++) {
        boolean nullRow = batch % 2 == 1 && random.nextInt(3) != 0;
        BigDecimal a = nullRow ? null : big.add(BigDecimal.valueOf(random.nextInt(1000)));
        BigDecimal b = nullRow && random.nextBoolean() ? null : big.subtract(BigDecimal.valueOf(random.nextInt(1000)));
        rows.add(Arrays.asList(batch % 3, a, b));
      }
      batches.add(rows);
      batchRows.addAll(rows);
    }
    Map<Integer, BigDecimal[]> expected = new HashMap<>();
    Map<Integer, Long> counts = new HashMap<>();
    for (List<Object> row : batchRows) {
      int group = (Integer) row.get(0);
      BigDecimal[] values = expected.computeIfAbsent(group, key -> new BigDecimal[3]);
      counts.putIfAbsent(group, 0L);
      BigDecimal a = (BigDecimal) row.get(1);
      BigDecimal b = (BigDecimal) row.get(2);
      if (a == null || b == null) {
        continue;
      }
      BigDecimal p = a.multiply(b);
      values[0] = values[0] == null ? p : values[0].add(p);
      values[1] = values[1] == null || p.compareTo(values[1]) < 0 ? p : values[1];
      BigDecimal s = a.add(b);
      values[2] = values[2] == null || s.compareTo(values[2]) > 0 ? s : values[2];
      counts.merge(group, 1L, Long::sum);
    }
    List<dev.ember.core.vector.Batch> input0 = new ArrayList<>();
    for (List<List<Object>> rows : batches) {
      input0.add(dev.ember.core.vector.Batch.fromRows(input, rows));
    }
    List<List<Object>> output = drainRows(new HashAggregateOperator(new BatchSource(input0), AggregateMode.COMPLETE,
        List.of(new BoundReference(0, ColumnType.INT, true)), aggregates));
    assertThat(output).hasSize(expected.size());
    for (List<Object> row : output) {
      int group = (Integer) row.get(0);
      BigDecimal[] values = expected.get(group);
      for (int i = 0; i < 3; i++) {
        assertThat(row.get(1 + i) == null ? null : ((BigDecimal) row.get(1 + i)).stripTrailingZeros())
            .as("group %d aggregate %d", group, i).isEqualTo(values[i] == null ? null : values[i].stripTrailingZeros());
      }
      assertThat(row.get(4)).as("group %d count", group).isEqualTo(counts.get(group));
    }
  }
}
