package dev.ember.core.operator;

import static dev.ember.core.operator.OperatorTesting.drain;
import static dev.ember.core.operator.OperatorTesting.multiset;
import static dev.ember.core.operator.OperatorTesting.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.expression.And;
import dev.ember.core.expression.Arithmetic;
import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.Or;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.operator.aggregate.HashAggregateOperator;
import dev.ember.core.operator.basic.FilterOperator;
import dev.ember.core.operator.basic.LimitOperator;
import dev.ember.core.operator.basic.ProjectOperator;
import dev.ember.core.operator.join.HashJoinOperator;
import dev.ember.core.operator.sort.SortOperator;
import dev.ember.core.plan.AggregateMode;
import dev.ember.core.plan.JoinType;
import dev.ember.core.testing.EngineHygiene;
import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.StringLayouts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pipelines over batches that carry selections, against plain-Java computations on the selected
 * rows. The sources plant <b>garbage rows</b> between the selected ones, with values no real row
 * has (and nulls): an operator that reads a physical column without its selection lets them into
 * its output and fails here.
 */
@ExtendWith(EngineHygiene.class)
class SelectionPipelineTest {
  // c0 INT, c1 STRING, c2 LONG, c3 DOUBLE, c4 DATE, c5 DECIMAL(12,2) (compact), c6 DECIMAL(25,3) (wide).
  private static final Schema SCHEMA = new Schema(List.of(
      Field.of("c0", ColumnType.INT), Field.of("c1", ColumnType.STRING), Field.of("c2", ColumnType.LONG),
      Field.of("c3", ColumnType.DOUBLE), Field.of("c4", ColumnType.DATE), Field.of("c5", ColumnType.decimal(12, 2)),
      Field.of("c6", ColumnType.decimal(25, 3))));
  private static final List<Object> GARBAGE = Arrays.asList(
      1_000_000, "GARBAGE", 1_000_000_000L, 9.0e9, 999_999, new BigDecimal("9999999.99"),
      new BigDecimal("999999999999999.999"));

  private static BoundReference column(int ordinal) {
    return new BoundReference(ordinal, SCHEMA.type(ordinal), true);
  }

  private static List<List<Object>> randomRows(Random random, int count, double nullRate) {
    List<List<Object>> rows = new ArrayList<>();
    for (int row = 0; row < count; row++) {
      rows.add(Arrays.asList(
          random.nextDouble() < nullRate ? null : random.nextInt(20) - 10,
          random.nextDouble() < nullRate ? null : "s" + random.nextInt(8),
          random.nextDouble() < nullRate ? null : (long) random.nextInt(2000) - 1000,
          random.nextDouble() < nullRate ? null : random.nextInt(400) / 4.0,
          random.nextDouble() < nullRate ? null : 18_000 + random.nextInt(1000),
          random.nextDouble() < nullRate ? null : BigDecimal.valueOf(random.nextInt(20_000) - 10_000, 2),
          random.nextDouble() < nullRate ? null : BigDecimal.valueOf(random.nextLong() / 3, 3)));
    }
    return rows;
  }

  /**
   * Batches whose selected rows are {@code rows} in order, with garbage rows (sometimes none,
   * sometimes most) planted between them, strings plain or dictionary-encoded; zero-row batches
   * and one-row batches included.
   */
  static List<Batch> plantedBatches(List<List<Object>> rows, Random random) {
    List<Batch> batches = new ArrayList<>();
    int position = 0;
    while (position < rows.size()) {
      int size = random.nextInt(8) == 0 ? 1 : 1 + random.nextInt(300);
      int end = Math.min(rows.size(), position + size);
      double garbageShare = switch (random.nextInt(4)) {
        case 0 -> 0.0;
        case 1 -> 0.1;
        case 2 -> 0.5;
        default -> 0.9;
      };
      List<List<Object>> physicalRows = new ArrayList<>();
      int[] selection = new int[2 * (end - position) + 64];
      int selected = 0;
      for (int row = position; row < end; row++) {
        while (random.nextDouble() < garbageShare && physicalRows.size() < selection.length - 1) {
          physicalRows.add(random.nextInt(5) == 0 ? Arrays.asList(new Object[SCHEMA.size()]) : GARBAGE);
        }
        selection[selected++] = physicalRows.size();
        physicalRows.add(rows.get(row));
      }
      if (random.nextBoolean()) {
        physicalRows.add(GARBAGE);
      }
      Batch physical = Batch.fromRows(SCHEMA, physicalRows);
      if (random.nextBoolean()) {
        physical = StringLayouts.withDictionaryStrings(physical);
      }
      ColumnVector[] columns = new ColumnVector[SCHEMA.size()];
      for (int i = 0; i < columns.length; i++) {
        columns[i] = physical.column(i);
      }
      batches.add(Batch.selected(columns, physicalRows.size(), selection, selected));
      if (random.nextInt(6) == 0) {
        batches.add(Batch.selected(columns, physicalRows.size(), new int[0], 0));
      }
      position = end;
    }
    return batches;
  }

  private static List<List<Object>> javaFilter(List<List<Object>> rows, Predicate<List<Object>> predicate) {
    return rows.stream().filter(predicate).toList();
  }

  private static int compareValues(Comparable<Object> left, Object right) {
    return left.compareTo(right);
  }

  @SuppressWarnings("unchecked")
  private static boolean compare(Object value, ComparisonOperator operator, Object constant) {
    if (value == null) {
      return false;
    }
    int order = ((Comparable<Object>) value).compareTo(constant);
    return switch (operator) {
      case EQUAL -> order == 0;
      case NOT_EQUAL -> order != 0;
      case LESS_THAN -> order < 0;
      case LESS_THAN_OR_EQUAL -> order <= 0;
      case GREATER_THAN -> order > 0;
      case GREATER_THAN_OR_EQUAL -> order >= 0;
    };
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6})
  void stackedFiltersKeepExactlyTheSelectedRowsThatPass(int seedOffset) {
    long seed = TestSeeds.seed(8100 + seedOffset);
    Random random = new Random(seed);
    List<List<Object>> input = randomRows(random, random.nextInt(2000), 0.15);
    ComparisonOperator intOperator = ComparisonOperator.values()[random.nextInt(6)];
    int intConstant = random.nextInt(20) - 10;
    ComparisonOperator longOperator = ComparisonOperator.values()[random.nextInt(6)];
    long longConstant = random.nextInt(2000) - 1000;
    ComparisonOperator dateOperator = ComparisonOperator.values()[random.nextInt(6)];
    int dateConstant = 18_000 + random.nextInt(1000);
    BigDecimal money = BigDecimal.valueOf(random.nextInt(20_000) - 10_000, 2);

    // Fast int path; constant on the left (flipped) on dates; a generic string test; a conjunction
    // of a fast long comparison with a generic double one; a generic decimal comparison; an OR.
    Operator plan = new BatchSource(plantedBatches(input, random));
    plan = new FilterOperator(plan, new Comparison(intOperator, column(0), Literal.of(intConstant)));
    plan = new FilterOperator(plan, new Comparison(dateOperator.flip(), new Literal(dateConstant, ColumnType.DATE), column(4)));
    plan = new FilterOperator(plan, new Comparison(ComparisonOperator.NOT_EQUAL, column(1), Literal.of("s3")));
    plan = new FilterOperator(plan, new And(
        new Comparison(longOperator, column(2), Literal.of(longConstant)),
        new Comparison(ComparisonOperator.LESS_THAN, column(3), Literal.of(80.0))));
    plan = new FilterOperator(plan, new Or(
        new Comparison(ComparisonOperator.GREATER_THAN_OR_EQUAL, column(5), new Literal(money, ColumnType.decimal(12, 2))),
        new Comparison(ComparisonOperator.EQUAL, column(1), Literal.of("s5"))));

    List<List<Object>> expected = javaFilter(input, row -> compare(row.get(0), intOperator, intConstant)
        && compare(row.get(4), dateOperator, dateConstant)
        && row.get(1) != null && !row.get(1).equals("s3")
        && compare(row.get(2), longOperator, longConstant)
        && compare(row.get(3), ComparisonOperator.LESS_THAN, 80.0)
        && (compare(row.get(5), ComparisonOperator.GREATER_THAN_OR_EQUAL, money) || "s5".equals(row.get(1))));
    assertThat(rows(drain(plan))).as(TestSeeds.describe(seed)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void filterProjectAggregateSeesOnlySelectedRows(int seedOffset) {
    long seed = TestSeeds.seed(8200 + seedOffset);
    Random random = new Random(seed);
    List<List<Object>> input = randomRows(random, random.nextInt(3000), 0.1);
    int threshold = random.nextInt(24) - 12;

    Operator plan = new FilterOperator(new BatchSource(plantedBatches(input, random)),
        new Comparison(ComparisonOperator.GREATER_THAN, column(0), Literal.of(threshold)));
    // [c1, c2 * 3, c5, c0, c6]: computed and passed-through columns.
    plan = new ProjectOperator(plan, List.of(column(1),
        new Arithmetic(ArithmeticOperator.MULTIPLY, column(2), Literal.of(3L)), column(5), column(0), column(6)));
    Schema projected = new Schema(List.of(Field.of("k", ColumnType.STRING), Field.of("x", ColumnType.LONG),
        Field.of("m", ColumnType.decimal(12, 2)), Field.of("i", ColumnType.INT), Field.of("w", ColumnType.decimal(25, 3))));
    List<AggregateFunction> aggregates = List.of(
        AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()),
        AggregateFunction.of(AggregateKind.SUM, List.of(new BoundReference(1, ColumnType.LONG, true))),
        AggregateFunction.of(AggregateKind.MIN, List.of(new BoundReference(2, projected.type(2), true))),
        AggregateFunction.of(AggregateKind.MAX, List.of(new BoundReference(3, ColumnType.INT, true))),
        AggregateFunction.of(AggregateKind.MAX, List.of(new BoundReference(4, projected.type(4), true))));
    plan = new HashAggregateOperator(plan, AggregateMode.COMPLETE,
        List.of(new BoundReference(0, ColumnType.STRING, true)), aggregates);

    Map<Object, List<Object>> expected = new HashMap<>();
    for (List<Object> row : input) {
      if (!compare(row.get(0), ComparisonOperator.GREATER_THAN, threshold)) {
        continue;
      }
      List<Object> group = expected.computeIfAbsent(row.get(1), key -> Arrays.asList(key, 0L, null, null, null, null));
      group.set(1, (Long) group.get(1) + 1);
      if (row.get(2) != null) {
        group.set(2, (group.get(2) == null ? 0L : (Long) group.get(2)) + 3 * (Long) row.get(2));
      }
      group.set(3, minOf((BigDecimal) group.get(3), (BigDecimal) row.get(5)));
      group.set(4, row.get(0) == null ? group.get(4) : Math.max(group.get(4) == null ? Integer.MIN_VALUE : (Integer) group.get(4), (Integer) row.get(0)));
      group.set(5, maxOf((BigDecimal) group.get(5), (BigDecimal) row.get(6)));
    }
    assertThat(multiset(rows(drain(plan)))).as(TestSeeds.describe(seed))
        .isEqualTo(multiset(new ArrayList<>(expected.values())));
  }

  private static BigDecimal minOf(BigDecimal current, BigDecimal value) {
    return value == null ? current : current == null || value.compareTo(current) < 0 ? value : current;
  }

  private static BigDecimal maxOf(BigDecimal current, BigDecimal value) {
    return value == null ? current : current == null || value.compareTo(current) > 0 ? value : current;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void filterProjectSortLimitSeesOnlySelectedRows(int seedOffset) {
    long seed = TestSeeds.seed(8300 + seedOffset);
    Random random = new Random(seed);
    List<List<Object>> input = randomRows(random, random.nextInt(2500), 0.1);
    long threshold = random.nextInt(2400) - 1200;
    int limit = random.nextInt(300);

    Operator plan = new FilterOperator(new BatchSource(plantedBatches(input, random)),
        new Comparison(ComparisonOperator.LESS_THAN_OR_EQUAL, column(2), Literal.of(threshold)));
    plan = new ProjectOperator(plan, List.of(column(2), column(1), column(3), column(4)));
    Schema projected = new Schema(List.of(Field.of("l", ColumnType.LONG), Field.of("s", ColumnType.STRING),
        Field.of("d", ColumnType.DOUBLE), Field.of("day", ColumnType.DATE)));
    List<SortOrder> orders = new ArrayList<>();
    for (int i = 0; i < projected.size(); i++) {
      orders.add(SortOrder.ascending(new BoundReference(i, projected.type(i), true)));
    }
    plan = new LimitOperator(new SortOperator(plan, projected, orders), limit);

    Comparator<Object> nullsFirst = Comparator.nullsFirst((left, right) -> compareValues(castComparable(left), right));
    Comparator<List<Object>> byAll = (left, right) -> {
      for (int i = 0; i < left.size(); i++) {
        int order = nullsFirst.compare(left.get(i), right.get(i));
        if (order != 0) {
          return order;
        }
      }
      return 0;
    };
    List<List<Object>> expected = javaFilter(input, row -> compare(row.get(2), ComparisonOperator.LESS_THAN_OR_EQUAL, threshold))
        .stream().map(row -> Arrays.asList(row.get(2), row.get(1), row.get(3), row.get(4))).sorted(byAll).limit(limit).toList();
    assertThat(rows(drain(plan))).as(TestSeeds.describe(seed)).isEqualTo(expected);
  }

  @SuppressWarnings("unchecked")
  private static Comparable<Object> castComparable(Object value) {
    return (Comparable<Object>) value;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void filteredSidesOfAHashJoinSeeOnlySelectedRows(int seedOffset) {
    long seed = TestSeeds.seed(8400 + seedOffset);
    Random random = new Random(seed);
    List<List<Object>> left = randomRows(random, random.nextInt(1500), 0.1);
    List<List<Object>> right = randomRows(random, random.nextInt(400), 0.1);
    long leftThreshold = random.nextInt(2000) - 1000;
    double rightThreshold = random.nextInt(100);

    for (JoinType joinType : new JoinType[] {JoinType.INNER, JoinType.LEFT_OUTER, JoinType.LEFT_SEMI, JoinType.LEFT_ANTI}) {
      Operator leftPlan = new FilterOperator(new BatchSource(plantedBatches(left, random)),
          new Comparison(ComparisonOperator.GREATER_THAN, column(2), Literal.of(leftThreshold)));
      Operator rightPlan = new FilterOperator(new BatchSource(plantedBatches(right, random)),
          new Comparison(ComparisonOperator.LESS_THAN, column(3), Literal.of(rightThreshold)));
      Operator join = new HashJoinOperator(leftPlan, rightPlan, joinType, List.of(column(0)), List.of(column(0)),
          (Expression) null, SCHEMA, SCHEMA);

      List<List<Object>> leftKept = javaFilter(left, row -> compare(row.get(2), ComparisonOperator.GREATER_THAN, leftThreshold));
      List<List<Object>> rightKept = javaFilter(right, row -> compare(row.get(3), ComparisonOperator.LESS_THAN, rightThreshold));
      List<List<Object>> expected = new ArrayList<>();
      for (List<Object> leftRow : leftKept) {
        boolean matched = false;
        for (List<Object> rightRow : rightKept) {
          if (leftRow.get(0) != null && Objects.equals(leftRow.get(0), rightRow.get(0))) {
            if (joinType == JoinType.INNER || joinType == JoinType.LEFT_OUTER) {
              List<Object> joined = new ArrayList<>(leftRow);
              joined.addAll(rightRow);
              expected.add(joined);
            }
            matched = true;
          }
        }
        if (joinType == JoinType.LEFT_SEMI && matched || joinType == JoinType.LEFT_ANTI && !matched) {
          expected.add(leftRow);
        }
        if (!matched && joinType == JoinType.LEFT_OUTER) {
          List<Object> joined = new ArrayList<>(leftRow);
          joined.addAll(Arrays.asList(new Object[SCHEMA.size()]));
          expected.add(joined);
        }
      }
      assertThat(multiset(rows(drain(join)))).as(TestSeeds.describe(seed) + " " + joinType).isEqualTo(multiset(expected));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void aProjectionOfBareColumnsKeepsTheSelectionAndTheJoinAboveSeesOnlySelectedRows(int seedOffset) {
    long seed = TestSeeds.seed(8450 + seedOffset);
    Random random = new Random(seed);
    List<List<Object>> left = randomRows(random, random.nextInt(1500), 0.1);
    List<List<Object>> right = randomRows(random, random.nextInt(400), 0.1);
    List<Batch> plantedLeft = plantedBatches(left, random);

    // The projection hands the selection on instead of gathering every projected column.
    List<Expression> pruned = List.of(column(2), column(0), column(1));
    List<Batch> projected = drain(new ProjectOperator(new BatchSource(plantedLeft), pruned));
    assertThat(projected).hasSameSizeAs(plantedLeft);
    for (int i = 0; i < projected.size(); i++) {
      assertThat(projected.get(i).hasSelection()).as("batch " + i).isEqualTo(plantedLeft.get(i).hasSelection());
      assertThat(projected.get(i).physicalRowCount()).isEqualTo(plantedLeft.get(i).physicalRowCount());
    }
    List<List<Object>> prunedLeft = left.stream().map(row -> Arrays.asList(row.get(2), row.get(0), row.get(1))).toList();
    assertThat(rows(projected)).isEqualTo(prunedLeft);

    Schema prunedSchema = new Schema(List.of(SCHEMA.field(2), SCHEMA.field(0), SCHEMA.field(1)));
    Operator join = new HashJoinOperator(
        new ProjectOperator(new BatchSource(plantedBatches(left, random)), pruned),
        new BatchSource(plantedBatches(right, random)), JoinType.INNER,
        List.of(new BoundReference(1, ColumnType.INT, true)), List.of(column(0)), (Expression) null, prunedSchema, SCHEMA);
    List<List<Object>> expected = new ArrayList<>();
    for (List<Object> leftRow : prunedLeft) {
      for (List<Object> rightRow : right) {
        if (leftRow.get(1) != null && Objects.equals(leftRow.get(1), rightRow.get(0))) {
          List<Object> joined = new ArrayList<>(leftRow);
          joined.addAll(rightRow);
          expected.add(joined);
        }
      }
    }
    assertThat(multiset(rows(drain(join)))).as(TestSeeds.describe(seed)).isEqualTo(multiset(expected));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 5000})
  void limitOverAFilterTakesTheFirstSelectedRows(int limit) {
    long seed = TestSeeds.seed(8500 + limit);
    Random random = new Random(seed);
    List<List<Object>> input = randomRows(random, 3000, 0.2);

    Operator plan = new LimitOperator(new FilterOperator(new BatchSource(plantedBatches(input, random)),
        new Comparison(ComparisonOperator.NOT_EQUAL, column(0), Literal.of(0))), limit);

    List<List<Object>> expected = javaFilter(input, row -> compare(row.get(0), ComparisonOperator.NOT_EQUAL, 0))
        .stream().limit(limit).toList();
    assertThat(rows(drain(plan))).as(TestSeeds.describe(seed)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void everyRowOrNoRowPassing(boolean keepAll) {
    long seed = TestSeeds.seed(8600);
    Random random = new Random(seed);
    List<List<Object>> input = randomRows(random, 1000, 0.0);
    // c4 is a date in [18000, 19000): >= 0 keeps every row, < 0 none.
    ComparisonOperator operator = keepAll ? ComparisonOperator.GREATER_THAN_OR_EQUAL : ComparisonOperator.LESS_THAN;

    List<Batch> output = drain(new ProjectOperator(new FilterOperator(new BatchSource(plantedBatches(input, random)),
        new Comparison(operator, column(4), new Literal(0, ColumnType.DATE))), List.of(column(4), column(1))));

    List<List<Object>> expected = keepAll ? input.stream().map(row -> Arrays.asList(row.get(4), row.get(1))).toList() : List.of();
    assertThat(rows(output)).isEqualTo(expected);
    assertThat(output).as("a filter skips batches it empties").allSatisfy(batch -> assertThat(batch.rowCount()).isPositive());
  }
}
