package dev.ember.core.expression.evaluation;

import static dev.ember.core.expression.evaluation.RandomBatches.DATE;
import static dev.ember.core.expression.evaluation.RandomBatches.DATE2;
import static dev.ember.core.expression.evaluation.RandomBatches.INT;
import static dev.ember.core.expression.evaluation.RandomBatches.INT2;
import static dev.ember.core.expression.evaluation.RandomBatches.LONG;
import static dev.ember.core.expression.evaluation.RandomBatches.LONG2;
import static dev.ember.core.expression.evaluation.RandomBatches.SCHEMA;
import static dev.ember.core.expression.evaluation.RandomBatches.TIMESTAMP;
import static dev.ember.core.expression.evaluation.RandomBatches.TIMESTAMP2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.expression.And;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Cast;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.IsNotNull;
import dev.ember.core.expression.Length;
import dev.ember.core.expression.Not;
import dev.ember.core.expression.Coalesce;
import dev.ember.core.expression.IsNull;
import dev.ember.core.expression.Like;
import dev.ember.core.expression.In;
import dev.ember.core.expression.Literal;
import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringLayouts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Filter conditions compiled to {@link RowSelector}s against the row-at-a-time reference: random
 * batches with nulls and edge values, candidate sets from none to all (both sides of the
 * all-rows-or-gathered decision), written apart from the candidates and in place.
 */
class RowSelectorDifferentialTest {
  private static final Map<ColumnType, int[]> COLUMNS = Map.of(
      ColumnType.BOOLEAN, new int[] {RandomBatches.BOOLEAN, RandomBatches.BOOLEAN2},
      ColumnType.INT, new int[] {INT, INT2},
      ColumnType.LONG, new int[] {LONG, LONG2},
      ColumnType.DOUBLE, new int[] {RandomBatches.DOUBLE, RandomBatches.DOUBLE2},
      ColumnType.STRING, new int[] {RandomBatches.STRING, RandomBatches.STRING2},
      ColumnType.DATE, new int[] {DATE, DATE2},
      ColumnType.TIMESTAMP, new int[] {TIMESTAMP, TIMESTAMP2});
  private static final Map<ColumnType, List<Object>> LITERALS = Map.of(
      ColumnType.BOOLEAN, List.of(true, false),
      ColumnType.INT, List.of(0, 3, -1, Integer.MIN_VALUE, Integer.MAX_VALUE),
      ColumnType.LONG, List.of(0L, -7L, Long.MIN_VALUE, Long.MAX_VALUE),
      ColumnType.DOUBLE, List.of(0.0, -0.0, 2.5, Double.NaN, Double.NEGATIVE_INFINITY),
      ColumnType.STRING, List.of("", "abc", "a", "😀x"),
      ColumnType.DATE, List.of(0, 18321, -719528),
      ColumnType.TIMESTAMP, List.of(0L, -1L, 1_000_000L));
  /** Columns whose bounds merge into ranges. */
  private static final int[] RANGE_COLUMNS = {INT, INT2, LONG, LONG2, DATE, DATE2, TIMESTAMP, TIMESTAMP2};
  private static final int[] DIRECT_COLUMNS = {INT, INT2, LONG, LONG2, DATE, DATE2, TIMESTAMP, TIMESTAMP2,
      RandomBatches.DOUBLE, RandomBatches.DOUBLE2};

  private static BoundReference column(int ordinal) {
    return new BoundReference(ordinal, SCHEMA.type(ordinal), true);
  }

  /**
   * {@code column op literal} or {@code literal op column} on an int, long or double column: a direct
   * selector (a NaN literal compares through its kernel; NaN, -0.0 and infinities are among the values).
   */
  private static Expression directComparison(Random random) {
    int ordinal = DIRECT_COLUMNS[random.nextInt(DIRECT_COLUMNS.length)];
    ColumnType type = SCHEMA.type(ordinal);
    List<Object> literals = LITERALS.get(type);
    Literal literal = new Literal(literals.get(random.nextInt(literals.size())), type);
    ComparisonOperator operator = ComparisonOperator.values()[random.nextInt(6)];
    return random.nextBoolean()
        ? new Comparison(operator, column(ordinal), literal)
        : new Comparison(operator, literal, column(ordinal));
  }

  private static Expression randomCondition(Random random, RandomExpressions generator) {
    List<Expression> conjuncts = new ArrayList<>();
    int count = 1 + random.nextInt(4);
    for (int i = 0; i < count; i++) {
      conjuncts.add(switch (random.nextInt(5)) {
        case 0, 1 -> directComparison(random);
        // The optimizer's join-key guards: a direct selector over the validity array.
        case 2 -> new IsNotNull(column(random.nextInt(SCHEMA.size())));
        default -> generator.generate(ColumnType.BOOLEAN, 3);
      });
    }
    Expression condition = conjuncts.get(0);
    for (int i = 1; i < count; i++) {
      condition = random.nextBoolean() ? new And(condition, conjuncts.get(i)) : new And(conjuncts.get(i), condition);
    }
    return condition;
  }

  private static int[] candidates(Random random, int rowCount) {
    double share = switch (random.nextInt(6)) {
      case 0 -> 0.0;
      case 1 -> 0.05;
      case 2 -> 0.45;
      case 3 -> 0.55;
      case 4 -> 0.95;
      default -> 1.0;
    };
    int[] rows = new int[rowCount];
    int count = 0;
    for (int row = 0; row < rowCount; row++) {
      if (random.nextDouble() < share) {
        rows[count++] = row;
      }
    }
    return Arrays.copyOf(rows, count);
  }

  @Test
  void selectorsKeepTheCandidatesTheReferenceFindsTrue() {
    long seed = TestSeeds.seed(9100);
    Random random = new Random(seed);
    RandomExpressions generator = new RandomExpressions(random, COLUMNS, LITERALS);
    for (int round = 0; round < 400; round++) {
      Expression condition = randomCondition(random, generator);
      RowSelector selector = Selections.compile(condition);
      Batch batch = RandomBatches.batch(random, random.nextInt(3) == 0 ? 1 + random.nextInt(3) : random.nextInt(400));
      if (random.nextBoolean()) {
        batch = StringLayouts.withDictionaryStrings(batch); // conditions on one string column run per entry
      }
      int[] rows = candidates(random, batch.rowCount());
      List<Integer> expected = new ArrayList<>();
      for (int row : rows) {
        if (Boolean.TRUE.equals(ReferenceEvaluator.evaluate(condition, batch.row(row)))) {
          expected.add(row);
        }
      }
      boolean inPlace = random.nextBoolean();
      int[] out = inPlace ? rows.clone() : new int[rows.length];
      int[] candidates = inPlace ? out : rows.clone();

      int kept = selector.select(batch, candidates, rows.length, out);

      assertThat(Arrays.stream(out, 0, kept).boxed().toList())
          .as("%s, round %d: %s over %d of %d rows%s", TestSeeds.describe(seed), round, condition, rows.length,
              batch.rowCount(), inPlace ? " in place" : "")
          .isEqualTo(expected);
      if (!inPlace) {
        assertThat(candidates).as("the candidates are read, not written").isEqualTo(rows);
      }
    }
  }

  @Test
  void intLongAndDoubleComparisonsWithConstantsCompileToDirectSelectors() {
    assertThat(Selections.compile(new Comparison(ComparisonOperator.LESS_THAN, column(INT), Literal.of(3))))
        .isInstanceOf(RowSelector.IntColumnComparison.class);
    assertThat(Selections.compile(new Comparison(ComparisonOperator.LESS_THAN, new Literal(5, ColumnType.DATE), column(DATE))))
        .isEqualTo(new RowSelector.IntColumnComparison(ComparisonOperator.GREATER_THAN, DATE, ColumnType.DATE, 5));
    // The analyzer's cast of a date string folds to a constant.
    assertThat(Selections.compile(new Comparison(ComparisonOperator.GREATER_THAN_OR_EQUAL, column(DATE),
        new Cast(Literal.of("1994-01-01"), ColumnType.DATE))))
        .isEqualTo(new RowSelector.IntColumnComparison(ComparisonOperator.GREATER_THAN_OR_EQUAL, DATE, ColumnType.DATE, 8766));
    assertThat(Selections.compile(new Comparison(ComparisonOperator.EQUAL, column(TIMESTAMP), new Literal(7L, ColumnType.TIMESTAMP))))
        .isInstanceOf(RowSelector.LongColumnComparison.class);
    RowSelector between = Selections.compile(new And(
        new Comparison(ComparisonOperator.GREATER_THAN_OR_EQUAL, column(LONG), Literal.of(1L)),
        new And(new Comparison(ComparisonOperator.LESS_THAN, column(LONG), Literal.of(9L)),
            new Comparison(ComparisonOperator.EQUAL, column(RandomBatches.DOUBLE), Literal.of(2.5)))));
    assertThat(between).isInstanceOf(RowSelector.Conjunction.class);
    assertThat(((RowSelector.Conjunction) between).conjuncts()).hasSize(2);
    assertThat(((RowSelector.Conjunction) between).conjuncts().get(0))
        .as("a lower and an upper bound of one column: one range").isEqualTo(new RowSelector.LongColumnRange(LONG, ColumnType.LONG, 1, 8));
    assertThat(((RowSelector.Conjunction) between).conjuncts().get(1))
        .as("a double against a number: direct, NaN rows placed above it")
        .isEqualTo(new RowSelector.DoubleColumnComparison(ComparisonOperator.EQUAL, RandomBatches.DOUBLE, ColumnType.DOUBLE, 2.5));
    assertThat(Selections.compile(new Comparison(ComparisonOperator.GREATER_THAN, column(RandomBatches.DOUBLE), Literal.of(Double.NaN))))
        .as("against NaN: the general kernel").isInstanceOf(RowSelector.Evaluated.class);
    assertThat(Selections.compile(new Comparison(ComparisonOperator.EQUAL, column(INT), Literal.nullOf(ColumnType.INT))))
        .as("a null constant keeps nothing, through the general kernel").isInstanceOf(RowSelector.Evaluated.class);
  }

  private static Comparison bound(ComparisonOperator operator, int ordinal, Object constant) {
    return new Comparison(operator, column(ordinal), new Literal(constant, SCHEMA.type(ordinal)));
  }

  @Test
  void boundsOnOneColumnMergeIntoARangeOnlyWhenTheyMakeOne() {
    ComparisonOperator ge = ComparisonOperator.GREATER_THAN_OR_EQUAL;
    ComparisonOperator lt = ComparisonOperator.LESS_THAN;
    ComparisonOperator gt = ComparisonOperator.GREATER_THAN;
    // The upper bound first, an unrelated conjunct between: still one range, at the first bound's place.
    RowSelector dates = Selections.compile(new And(bound(lt, DATE, 9131), new And(bound(ge, INT, 0), bound(ge, DATE, 8766))));
    assertThat(((RowSelector.Conjunction) dates).conjuncts()).containsExactly(
        new RowSelector.IntColumnRange(DATE, ColumnType.DATE, 8766, 9130),
        new RowSelector.IntColumnComparison(ge, INT, ColumnType.INT, 0));
    // Must not merge: two columns, two lower bounds, a bound that keeps nothing, an empty range.
    assertThat(Selections.compile(new And(bound(ge, INT, 1), bound(lt, INT2, 5)))).isInstanceOf(RowSelector.Conjunction.class);
    assertThat(((RowSelector.Conjunction) Selections.compile(new And(bound(ge, INT, 1), bound(gt, INT, 5)))).conjuncts()).hasSize(2);
    assertThat(((RowSelector.Conjunction) Selections.compile(new And(bound(gt, INT, Integer.MAX_VALUE), bound(lt, INT, 5))))
        .conjuncts()).hasSize(2);
    assertThat(((RowSelector.Conjunction) Selections.compile(new And(bound(ge, LONG, 9L), bound(lt, LONG, 9L)))).conjuncts())
        .hasSize(2);
  }

  @Test
  void rangesKeepTheRowsTheReferenceFindsInRange() {
    long seed = TestSeeds.seed(9160);
    Random random = new Random(seed);
    ComparisonOperator[] lower = {ComparisonOperator.GREATER_THAN, ComparisonOperator.GREATER_THAN_OR_EQUAL};
    ComparisonOperator[] upper = {ComparisonOperator.LESS_THAN, ComparisonOperator.LESS_THAN_OR_EQUAL};
    int merged = 0;
    for (int round = 0; round < 600; round++) {
      int ordinal = RANGE_COLUMNS[random.nextInt(RANGE_COLUMNS.length)];
      Batch batch = RandomBatches.batch(random, random.nextInt(300));
      Object low = boundValue(random, batch, ordinal);
      Object high = boundValue(random, batch, ordinal);
      Expression lowBound = bound(lower[random.nextInt(2)], ordinal, low);
      Expression highBound = bound(upper[random.nextInt(2)], ordinal, high);
      Expression condition = random.nextBoolean() ? new And(lowBound, highBound) : new And(highBound, lowBound);
      RowSelector selector = Selections.compile(condition);
      merged += selector instanceof RowSelector.IntColumnRange || selector instanceof RowSelector.LongColumnRange ? 1 : 0;
      int[] rows = candidates(random, batch.rowCount());
      List<Integer> expected = new ArrayList<>();
      for (int row : rows) {
        if (Boolean.TRUE.equals(ReferenceEvaluator.evaluate(condition, batch.row(row)))) {
          expected.add(row);
        }
      }
      int[] out = rows.clone();
      int kept = selector.select(batch, out, rows.length, out);
      assertThat(Arrays.stream(out, 0, kept).boxed().toList())
          .as("%s, round %d: %s", TestSeeds.describe(seed), round, condition).isEqualTo(expected);
    }
    assertThat(merged).as("the non-empty ranges (about half the rounds) compile to range selectors").isGreaterThan(100);
  }

  /** A bound near the column's values (often one of them), sometimes an extreme of its type. */
  private static Object boundValue(Random random, Batch batch, int ordinal) {
    boolean isInt = SCHEMA.type(ordinal).equals(ColumnType.INT) || SCHEMA.type(ordinal).equals(ColumnType.DATE);
    if (random.nextInt(10) == 0) {
      return isInt ? (Object) (random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE)
          : (Object) (random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE);
    }
    if (batch.rowCount() > 0 && random.nextBoolean()) {
      Object value = batch.row(random.nextInt(batch.rowCount())).get(ordinal);
      if (value != null) {
        return value;
      }
    }
    return isInt ? (Object) (random.nextInt(2001) - 1000) : (Object) (long) (random.nextInt(2001) - 1000);
  }

  @Test
  void isNotNullOfAColumnCompilesToAValiditySelector() {
    assertThat(Selections.compile(new IsNotNull(column(RandomBatches.STRING))))
        .isEqualTo(new RowSelector.NotNullColumn(RandomBatches.STRING, ColumnType.STRING));
    assertThat(Selections.compile(new IsNotNull(new Cast(column(INT), ColumnType.LONG))))
        .as("not a bare column: the general kernel").isInstanceOf(RowSelector.Evaluated.class);
  }

  @Test
  void conditionsOnOneStringColumnRunOverTheDictionaryAndAgreeWithTheReference() {
    long seed = TestSeeds.seed(9170);
    Random random = new Random(seed);
    BoundReference text = column(RandomBatches.STRING);
    List<Expression> conditions = List.of(
        new In(text, List.of(Literal.of("a"), Literal.of(""), Literal.of("😀x"))),
        new Like(text, "a%"),
        new IsNull(text),
        new Comparison(ComparisonOperator.EQUAL, new Coalesce(List.of(text, Literal.of("none"))), Literal.of("none")),
        new Not(new Comparison(ComparisonOperator.EQUAL, text, Literal.of("abc"))),
        new Comparison(ComparisonOperator.GREATER_THAN, new Length(text), Literal.of(2)));
    for (Expression condition : conditions) {
      RowSelector selector = Selections.compile(condition);
      assertThat(selector).as("%s", condition).isInstanceOf(RowSelector.DictionaryCondition.class);
      for (int round = 0; round < 60; round++) {
        Batch batch = RandomBatches.batch(random, random.nextInt(500));
        if (round % 3 != 0) {
          batch = StringLayouts.withDictionaryStrings(batch);
        }
        int[] rows = candidates(random, batch.rowCount());
        List<Integer> expected = new ArrayList<>();
        for (int row : rows) {
          if (Boolean.TRUE.equals(ReferenceEvaluator.evaluate(condition, batch.row(row)))) {
            expected.add(row);
          }
        }
        int[] out = rows.clone();
        int kept = selector.select(batch, out, rows.length, out);
        assertThat(Arrays.stream(out, 0, kept).boxed().toList())
            .as("%s, round %d: %s", TestSeeds.describe(seed), round, condition).isEqualTo(expected);
      }
    }
    assertThat(Selections.compile(new Comparison(ComparisonOperator.EQUAL, text, column(RandomBatches.STRING2))))
        .as("two columns: the general kernel").isInstanceOf(RowSelector.Evaluated.class);
  }

  @Test
  void aUserFunctionOnAStringColumnRunsPerRowNeverPerDictionaryEntry() {
    // Per entry it would also see the values of rows earlier conjuncts removed, and might throw on them.
    dev.ember.core.expression.UserFunction isShort = dev.ember.core.expression.UserFunction.of(
        "isShort", arguments -> arguments[0] != null && ((String) arguments[0]).length() < 3, "test", 1, ColumnType.BOOLEAN, true);
    Expression call = new dev.ember.core.expression.UserFunctionCall(isShort, List.of(column(RandomBatches.STRING)));
    assertThat(Selections.compile(call)).isInstanceOf(RowSelector.Evaluated.class);
  }

  @Test
  void directSelectorsRunBeforeKernelsWhateverTheWrittenOrder() {
    RowSelector selector = Selections.compile(new And(
        new Comparison(ComparisonOperator.EQUAL, column(RandomBatches.DOUBLE), Literal.of(Double.NaN)),
        new And(new Like(column(RandomBatches.STRING), "a%"), new IsNotNull(column(INT)))));
    assertThat(((RowSelector.Conjunction) selector).conjuncts()).extracting(Object::getClass).containsExactly(
        RowSelector.NotNullColumn.class, RowSelector.DictionaryCondition.class, RowSelector.Evaluated.class);
  }

  @Test
  void nonBooleanConditionsAreRejected() {
    assertThatThrownBy(() -> Selections.compile(column(INT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a filter condition must be boolean, got int");
  }

  @Test
  void theAllRowsDecisionSplitsAtHalf() {
    assertThat(Selections.cheaperOverAllRows(2048, 4096)).isTrue();
    assertThat(Selections.cheaperOverAllRows(2047, 4096)).isFalse();
    assertThat(Selections.cheaperOverAllRows(1, 1)).isTrue();
    assertThat(Selections.cheaperOverAllRows(0, 1)).isFalse();
  }

  @Test
  void compactDecimalsAgainstAConstantOfTheirScaleCompareTheirUnscaledLongs() {
    ColumnType money = ColumnType.decimal(15, 2);
    Random random = new Random(TestSeeds.seed(9150));
    int rowCount = 500;
    long[] unscaled = new long[rowCount];
    boolean[] nulls = new boolean[rowCount];
    for (int row = 0; row < rowCount; row++) {
      unscaled[row] = random.nextInt(9) == 0 ? 0 : random.nextLong(-2_000, 2_000);
      nulls[row] = random.nextInt(7) == 0;
    }
    Batch batch = new Batch(new ColumnVector[] {new LongVector(money, unscaled, nulls, rowCount)}, rowCount);
    BoundReference column = new BoundReference(0, money, true);
    for (ComparisonOperator operator : ComparisonOperator.values()) {
      for (String text : List.of("0.00", "5.07", "-12.50", "19.99")) {
        java.math.BigDecimal constant = new java.math.BigDecimal(text);
        RowSelector selector = Selections.compile(new Comparison(operator, column, new Literal(constant, money)));
        assertThat(selector).isInstanceOf(RowSelector.LongColumnComparison.class);
        int[] rows = new int[rowCount];
        for (int row = 0; row < rowCount; row++) {
          rows[row] = row;
        }
        int kept = selector.select(batch, rows, rowCount, rows);
        List<Integer> expected = new ArrayList<>();
        for (int row = 0; row < rowCount; row++) {
          int order = java.math.BigDecimal.valueOf(unscaled[row], 2).compareTo(constant);
          boolean holds = switch (operator) {
            case EQUAL -> order == 0;
            case NOT_EQUAL -> order != 0;
            case LESS_THAN -> order < 0;
            case LESS_THAN_OR_EQUAL -> order <= 0;
            case GREATER_THAN -> order > 0;
            case GREATER_THAN_OR_EQUAL -> order >= 0;
          };
          if (!nulls[row] && holds) {
            expected.add(row);
          }
        }
        assertThat(Arrays.stream(rows, 0, kept).boxed().toList()).as("%s %s", operator, text).isEqualTo(expected);
      }
    }
    // A wide decimal (two longs per value) takes the general kernel.
    ColumnType wide = ColumnType.decimal(20, 2);
    assertThat(Selections.compile(new Comparison(ComparisonOperator.LESS_THAN, new BoundReference(0, wide, true),
        new Literal(new java.math.BigDecimal("1.50"), wide)))).isInstanceOf(RowSelector.Evaluated.class);
  }
}
