package dev.ember.core.operator.join;

import static dev.ember.core.operator.OperatorTesting.drain;
import static dev.ember.core.operator.OperatorTesting.multiset;
import static dev.ember.core.operator.OperatorTesting.rows;
import static dev.ember.core.operator.OperatorTesting.toBatches;
import static dev.ember.core.operator.join.JoinTestData.SIDE;
import static dev.ember.core.operator.join.JoinTestData.WIDTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.TestSeeds;
import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.operator.BatchSource;
import dev.ember.core.operator.MemoryFixture;
import dev.ember.core.operator.Operator;
import dev.ember.core.operator.OperatorTesting;
import dev.ember.core.plan.JoinType;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(EngineHygiene.class)
class HashJoinOperatorTest {
  enum Condition { NONE, LEFT_VALUE_BELOW_RIGHT_VALUE, RIGHT_FLAG }

  private static final List<List<Integer>> KEY_SETS = List.of(List.of(0), List.of(1), List.of(2), List.of(0, 1));

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    long seed = 100;
    for (JoinType joinType : JoinType.values()) {
      for (Condition condition : Condition.values()) {
        for (List<Integer> keys : KEY_SETS) {
          // left rows, right rows, key domain, null rate, max batch rows, skewed
          cases.add(Arguments.of(seed++, joinType, condition, keys, 150, 120, 10, 0.15, 40, false));
        }
        cases.add(Arguments.of(seed++, joinType, condition, List.of(0), 0, 50, 10, 0.1, 10, false));
        cases.add(Arguments.of(seed++, joinType, condition, List.of(0), 50, 0, 10, 0.1, 10, false));
        cases.add(Arguments.of(seed++, joinType, condition, List.of(1), 1, 1, 3, 0.0, 1, false));
        cases.add(Arguments.of(seed++, joinType, condition, List.of(0, 1), 200, 300, 4, 0.1, 4096, true));
      }
    }
    return cases.stream();
  }

  enum Algorithm { HASH, SORT_MERGE, HASH_FALLING_BACK }

  /** Runs one join algorithm on random sides and compares with {@link JoinModel}; spilling ones under a small budget. */
  static void check(Path directory, Algorithm algorithm, long seed, JoinType joinType, Condition condition,
      List<Integer> keys, int leftCount, int rightCount, int keyDomain, double nullRate, int maxBatch, boolean skewed) {
    Random random = new Random(TestSeeds.seed(seed));
    List<List<Object>> left = JoinTestData.rows(random, leftCount, keyDomain, nullRate);
    List<List<Object>> right = JoinTestData.rows(random, rightCount, keyDomain, nullRate);
    if (skewed) {
      // Thousands of build rows under one key, and several probe rows with it: pairs stream over many batches.
      left.addAll(JoinTestData.hotRows(random, 3));
      right.addAll(JoinTestData.hotRows(random, 5000));
    }
    List<Expression> keyExpressions = keys.stream()
        .<Expression>map(key -> new BoundReference(key, SIDE.type(key), true)).toList();
    VectorExpression compiled = null;
    Function<List<Object>, Boolean> model = null;
    switch (condition) {
      case NONE -> {}
      case LEFT_VALUE_BELOW_RIGHT_VALUE -> {
        LessThanCondition lessThan = new LessThanCondition(3, WIDTH + 3);
        compiled = lessThan;
        model = lessThan::test;
      }
      case RIGHT_FLAG -> {
        compiled = ExpressionCompiler.compile(new BoundReference(WIDTH + 4, ColumnType.BOOLEAN, true));
        model = pair -> (Boolean) pair.get(WIDTH + 4);
      }
    }
    BatchSource leftSource = new BatchSource(toBatches(SIDE, left, random, maxBatch));
    BatchSource rightSource = new BatchSource(toBatches(SIDE, right, random, maxBatch));
    // Budget 1 spills every sorted batch and refuses the whole build side.
    long budget = seed % 3 == 0 ? 1 : 20_000;
    MemoryFixture fixture = new MemoryFixture(directory, budget);
    Operator join = switch (algorithm) {
      case HASH -> new HashJoinOperator(
          leftSource, rightSource, joinType, keyExpressions, keyExpressions, compiled, SIDE, SIDE);
      case SORT_MERGE -> new SortMergeJoinOperator(
          leftSource, rightSource, joinType, keyExpressions, keyExpressions, compiled, SIDE, SIDE, fixture.context);
      case HASH_FALLING_BACK -> new HashJoinOperator(
          leftSource, rightSource, joinType, keyExpressions, keyExpressions, compiled, SIDE, SIDE, fixture.context);
    };

    List<Batch> output = drain(join);
    if (algorithm == Algorithm.HASH_FALLING_BACK && rightCount > 0 && budget == 1) {
      assertThat(((HashJoinOperator) join).fellBack()).as("the build side did not fit").isTrue();
    }
    if (algorithm != Algorithm.HASH && budget == 1 && leftCount > 1 && rightCount > 1) {
      assertThat(fixture.metrics.spillCount()).as("sorted runs written").isPositive();
    }
    fixture.assertClean();

    List<int[]> keyPairs = keys.stream().map(key -> new int[] {key, key}).toList();
    List<List<Object>> expected = JoinModel.join(left, right, WIDTH, WIDTH, joinType, keyPairs, model);
    assertThat(multiset(rows(output))).isEqualTo(multiset(expected));
    for (Batch batch : output) {
      assertThat(batch.columnCount()).isEqualTo(joinType.outputsRight() ? 2 * WIDTH : WIDTH);
    }
    assertThat(leftSource.closeCount()).isEqualTo(1);
    assertThat(rightSource.closeCount()).isEqualTo(1);
  }

  @TempDir
  Path directory;

  @ParameterizedTest(name = "seed {0}: {1} on {3}, condition {2}, {4} x {5} rows, skewed {9}")
  @MethodSource("cases")
  void matchesNestedLoopsOverLists(long seed, JoinType joinType, Condition condition, List<Integer> keys, int leftCount,
      int rightCount, int keyDomain, double nullRate, int maxBatch, boolean skewed) {
    check(directory, Algorithm.HASH, seed, joinType, condition, keys, leftCount, rightCount, keyDomain, nullRate, maxBatch, skewed);
  }


  private void check(Algorithm algorithm, long seed, JoinType joinType, Condition condition, List<Integer> keys,
      int leftCount, int rightCount, int keyDomain, double nullRate, int maxBatch, boolean skewed) {
    Random random = new Random(TestSeeds.seed(seed));
    List<List<Object>> left = JoinTestData.rows(random, leftCount, keyDomain, nullRate);
    List<List<Object>> right = JoinTestData.rows(random, rightCount, keyDomain, nullRate);
    if (skewed) {
      // Thousands of build rows under one key, and several probe rows with it: pairs stream over many batches.
      left.addAll(JoinTestData.hotRows(random, 3));
      right.addAll(JoinTestData.hotRows(random, 5000));
    }
    List<Expression> keyExpressions = keys.stream()
        .<Expression>map(key -> new BoundReference(key, SIDE.type(key), true)).toList();
    VectorExpression compiled = null;
    Function<List<Object>, Boolean> model = null;
    switch (condition) {
      case NONE -> {}
      case LEFT_VALUE_BELOW_RIGHT_VALUE -> {
        LessThanCondition lessThan = new LessThanCondition(3, WIDTH + 3);
        compiled = lessThan;
        model = lessThan::test;
      }
      case RIGHT_FLAG -> {
        compiled = ExpressionCompiler.compile(new BoundReference(WIDTH + 4, ColumnType.BOOLEAN, true));
        model = pair -> (Boolean) pair.get(WIDTH + 4);
      }
    }
    BatchSource leftSource = new BatchSource(toBatches(SIDE, left, random, maxBatch));
    BatchSource rightSource = new BatchSource(toBatches(SIDE, right, random, maxBatch));
    // Budget 1 spills every sorted batch and refuses the whole build side.
    long budget = seed % 3 == 0 ? 1 : 20_000;
    MemoryFixture fixture = new MemoryFixture(directory, budget);
    Operator join = switch (algorithm) {
      case HASH -> new HashJoinOperator(
          leftSource, rightSource, joinType, keyExpressions, keyExpressions, compiled, SIDE, SIDE);
      case SORT_MERGE -> new SortMergeJoinOperator(
          leftSource, rightSource, joinType, keyExpressions, keyExpressions, compiled, SIDE, SIDE, fixture.context);
      case HASH_FALLING_BACK -> new HashJoinOperator(
          leftSource, rightSource, joinType, keyExpressions, keyExpressions, compiled, SIDE, SIDE, fixture.context);
    };

    List<Batch> output = drain(join);
    if (algorithm == Algorithm.HASH_FALLING_BACK && rightCount > 0 && budget == 1) {
      assertThat(((HashJoinOperator) join).fellBack()).as("the build side did not fit").isTrue();
    }
    if (algorithm != Algorithm.HASH && budget == 1 && leftCount > 1 && rightCount > 1) {
      assertThat(fixture.metrics.spillCount()).as("sorted runs written").isPositive();
    }
    fixture.assertClean();

    List<int[]> keyPairs = keys.stream().map(key -> new int[] {key, key}).toList();
    List<List<Object>> expected = JoinModel.join(left, right, WIDTH, WIDTH, joinType, keyPairs, model);
    assertThat(multiset(rows(output))).isEqualTo(multiset(expected));
    for (Batch batch : output) {
      assertThat(batch.columnCount()).isEqualTo(joinType.outputsRight() ? 2 * WIDTH : WIDTH);
    }
    assertThat(leftSource.closeCount()).isEqualTo(1);
    assertThat(rightSource.closeCount()).isEqualTo(1);
  }

  private static final BoundReference KEY = new BoundReference(0, ColumnType.INT, true);

  private static Batch side(List<?>... rows) {
    List<List<Object>> list = new ArrayList<>();
    for (List<?> row : rows) {
      list.add(new ArrayList<>(row));
    }
    return Batch.fromRows(SIDE, list);
  }

  private static List<List<Object>> run(JoinType joinType, Batch left, Batch right) {
    return rows(drain(new HashJoinOperator(new BatchSource(List.of(left)), new BatchSource(List.of(right)), joinType,
        List.of(KEY), List.of(KEY), (VectorExpression) null, SIDE, SIDE)));
  }

  @Test
  void nullKeysNeverMatchButAntiJoinKeepsThem() {
    Batch left = side(Arrays.asList(null, "a", 1.0, 1, true), Arrays.asList(1, "b", 1.0, 1, true));
    Batch right = side(Arrays.asList(null, "c", 1.0, 1, true), Arrays.asList(1, "d", 1.0, 1, true));

    assertThat(run(JoinType.INNER, left, right)).containsExactly(
        Arrays.asList(1, "b", 1.0, 1, true, 1, "d", 1.0, 1, true));
    assertThat(run(JoinType.LEFT_ANTI, left, right)).containsExactly(Arrays.asList(null, "a", 1.0, 1, true));
    assertThat(run(JoinType.LEFT_SEMI, left, right)).containsExactly(Arrays.asList(1, "b", 1.0, 1, true));
    assertThat(run(JoinType.FULL_OUTER, left, right)).containsExactlyInAnyOrder(
        Arrays.asList(1, "b", 1.0, 1, true, 1, "d", 1.0, 1, true),
        Arrays.asList(null, "a", 1.0, 1, true, null, null, null, null, null),
        Arrays.asList(null, null, null, null, null, null, "c", 1.0, 1, true));
  }

  @Test
  void oneProbeRowMatchingManyBuildRowsStreamsBoundedBatches() {
    List<List<Object>> build = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      build.add(Arrays.asList(5, "x", 0.0, i, true));
    }
    List<Batch> output = drain(new HashJoinOperator(
        new BatchSource(List.of(side(Arrays.asList(5, "p", 0.0, 0, true)))),
        new BatchSource(List.of(Batch.fromRows(SIDE, build))), JoinType.INNER, List.of(KEY), List.of(KEY),
        (VectorExpression) null, SIDE, SIDE));

    assertThat(output).hasSizeGreaterThanOrEqualTo(3);
    assertThat(output.stream().mapToInt(Batch::rowCount).sum()).isEqualTo(10_000);
  }

  @Test
  void aProbeBatchLargerThanOneOutputBatchIsEmittedInBoundedBatches() {
    List<List<Object>> probe = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      probe.add(Arrays.asList(i % 3 == 0 ? null : i % 50, "p", 0.0, i, true));
    }
    Batch left = Batch.fromRows(SIDE, probe);
    Batch right = side(Arrays.asList(1, "r", 0.0, 0, true));
    for (JoinType joinType : List.of(JoinType.LEFT_OUTER, JoinType.LEFT_ANTI, JoinType.FULL_OUTER)) {
      List<List<Object>> expected = JoinModel.join(probe, right.rows(), WIDTH, WIDTH, joinType,
          List.<int[]>of(new int[] {0, 0}), null);

      assertThat(multiset(run(joinType, left, right))).as("%s", joinType).isEqualTo(multiset(expected));
    }
  }

  @Test
  void theBuildSideIsAccountedWhileProbingAndReleasedAtTheEnd() {
    Batch left = side(Arrays.asList(1, "a", 1.0, 1, true), Arrays.asList(1, "b", 1.0, 1, true));
    HashJoinOperator join = new HashJoinOperator(new BatchSource(List.of(left)), new BatchSource(List.of(left)),
        JoinType.INNER, List.of(KEY), List.of(KEY), (VectorExpression) null, SIDE, SIDE);

    assertThat(join.retainedBytes()).isZero();
    assertThat(join.next()).isNotNull();
    assertThat(join.retainedBytes()).isPositive();
    assertThat(join.next()).isNull();
    assertThat(join.retainedBytes()).isZero();
    join.close();
  }

  /**
   * What the build side holds is reserved: its bytes (a lower bound computed from the rows, not from
   * the table) are covered by the join's reservation while it probes.
   */
  @Test
  void whatTheBuildSideHoldsIsReserved() {
    MemoryFixture fixture = new MemoryFixture(directory, 256L << 20);
    int buildRows = 50_000;
    HashJoinOperator join = longKeyJoin(buildRows, fixture);

    assertThat(join.next()).isNotNull();

    assertThat(join.fellBack()).isFalse();
    // Per build row at least: the LONG key and the LONG value (8 bytes each) and two int links of the table.
    long heldAtLeast = buildRows * 24L;
    assertThat(join.retainedBytes()).as("bytes the build side holds").isGreaterThanOrEqualTo(heldAtLeast);
    assertThat(fixture.memory.usedBy(join)).as("reserved").isGreaterThanOrEqualTo(join.retainedBytes());
    join.close();
    fixture.assertClean();
  }

  /** A build side larger than the budget never stays in memory: the join falls back to sorting and spills. */
  @ParameterizedTest(name = "budget {0}")
  @org.junit.jupiter.params.provider.ValueSource(longs = {1, 200_000, 600_000})
  void aBuildSideBeyondTheBudgetIsSpilled(long budget) {
    MemoryFixture fixture = new MemoryFixture(directory, budget);
    int buildRows = 50_000;
    HashJoinOperator join = longKeyJoin(buildRows, fixture);

    List<List<Object>> output = rows(drain(join));

    assertThat(buildRows * 24L).as("the build side's bytes exceed the budget").isGreaterThan(budget);
    assertThat(join.fellBack()).isTrue();
    assertThat(fixture.metrics.spillCount()).isPositive();
    // Probe keys 0, 2, 4, ... each meet the one build row of their key.
    assertThat(output).hasSize(buildRows / 2);
    for (List<Object> row : output) {
      assertThat(row.get(0)).isEqualTo(row.get(2));
      assertThat(row.get(3)).isEqualTo(-(Long) row.get(2));
    }
    fixture.assertClean();
  }

  /** Probe keys 0, 2, ..., 2(n-1) joined with build rows (k, -k) for k in [0, n). */
  /**
   * One LONG key takes the primitive table: keys at the type's edges, negative keys, duplicates on
   * both sides, a hot key, nulls (never matching) and a build side that grows the table many times,
   * against the nested-loop model, for every join type.
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.EnumSource(JoinType.class)
  void oneLongKeyJoinsAsNestedLoops(JoinType joinType) {
    dev.ember.core.types.Schema schema = OperatorTesting.schema(ColumnType.LONG, ColumnType.INT);
    long[] edges = {Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, 1, 1L << 32};
    Random random = new Random(TestSeeds.seed(joinType.ordinal() + 900));
    List<List<Object>> left = new ArrayList<>();
    List<List<Object>> right = new ArrayList<>();
    for (List<List<Object>> side : List.of(left, right)) {
      int count = side == left ? 3000 : 5000;
      for (int i = 0; i < count; i++) {
        int pick = random.nextInt(20);
        Long key = pick == 0 ? null
            : pick == 1 ? edges[random.nextInt(edges.length)]
            : pick == 2 ? -42L
            : random.nextLong() % 3000;
        side.add(Arrays.asList(key, i));
      }
    }
    BoundReference key = new BoundReference(0, ColumnType.LONG, true);
    HashJoinOperator join = new HashJoinOperator(new BatchSource(toBatches(schema, left, random, 700)),
        new BatchSource(toBatches(schema, right, random, 900)), joinType, List.of(key), List.of(key),
        (VectorExpression) null, schema, schema);

    List<List<Object>> output = rows(drain(join));

    List<List<Object>> expected = JoinModel.join(left, right, 2, 2, joinType, List.<int[]>of(new int[] {0, 0}), null);
    assertThat(multiset(output)).isEqualTo(multiset(expected));
  }

  enum UniqueBuild { ASCENDING, SHUFFLED, SHUFFLED_WITH_NULL_KEYS, TWO_KEYS_SHUFFLED }

  /**
   * Build sides whose keys each occur once (a dimension table's key) keep no chains, and no first
   * rows when key id i is row i: checked on the table itself, and the join against the nested-loop
   * model for every join type, with and without a condition, probe keys repeated and missing.
   */
  @ParameterizedTest(name = "{0}, {1}, condition {2}")
  @MethodSource("uniqueBuildCases")
  void aBuildSideOfUniqueKeysJoinsWithoutChains(UniqueBuild shape, JoinType joinType, Condition condition) {
    Random random = new Random(TestSeeds.seed(7100 + 100 * shape.ordinal() + 10 * joinType.ordinal() + condition.ordinal()));
    int buildRows = 3000;
    List<Integer> buildKeys = new ArrayList<>();
    for (int key = 0; key < buildRows; key++) {
      buildKeys.add(3 * key - 1000);
    }
    if (shape != UniqueBuild.ASCENDING) {
      java.util.Collections.shuffle(buildKeys, random);
    }
    List<List<Object>> right = new ArrayList<>();
    for (int i = 0; i < buildRows; i++) {
      Integer key = shape == UniqueBuild.SHUFFLED_WITH_NULL_KEYS && i % 17 == 0 ? null : buildKeys.get(i);
      // With two keys, c1 is a second key column that is the same for every row: the tuples stay unique.
      right.add(Arrays.asList(key, "AaBB", (double) i, random.nextInt(100), random.nextBoolean()));
    }
    List<List<Object>> left = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      // Keys of the build side (some several times), keys between them, and nulls.
      Integer key = random.nextInt(20) == 0 ? null : 3 * (random.nextInt(buildRows + 200) - 100) - 1000 + random.nextInt(2);
      left.add(Arrays.asList(key, random.nextInt(9) == 0 ? "BBBB" : "AaBB", 0.5, random.nextInt(100), random.nextBoolean()));
    }
    List<Integer> keys = shape == UniqueBuild.TWO_KEYS_SHUFFLED ? List.of(0, 1) : List.of(0);
    List<Expression> keyExpressions = keys.stream().<Expression>map(key -> new BoundReference(key, SIDE.type(key), true)).toList();

    Batch build = Batch.fromRows(SIDE, right);
    VectorExpression[] compiledKeys = keyExpressions.stream().map(ExpressionCompiler::compile).toArray(VectorExpression[]::new);
    JoinHashTable table = new JoinHashTable(build, compiledKeys);
    assertThat(table.nextRows()).as("no chains when every key has one row").isNull();
    if (shape == UniqueBuild.SHUFFLED_WITH_NULL_KEYS) {
      assertThat(table.firstRows()).as("rows with null keys are not in the table: ids are not rows").isNotNull();
    }

    VectorExpression compiled = null;
    Function<List<Object>, Boolean> model = null;
    if (condition == Condition.LEFT_VALUE_BELOW_RIGHT_VALUE) {
      LessThanCondition lessThan = new LessThanCondition(3, WIDTH + 3);
      compiled = lessThan;
      model = lessThan::test;
    } else if (condition == Condition.RIGHT_FLAG) {
      compiled = ExpressionCompiler.compile(new BoundReference(WIDTH + 4, ColumnType.BOOLEAN, true));
      model = pair -> (Boolean) pair.get(WIDTH + 4);
    }
    HashJoinOperator join = new HashJoinOperator(new BatchSource(toBatches(SIDE, left, random, 700)),
        new BatchSource(toBatches(SIDE, right, random, 900)), joinType, keyExpressions, keyExpressions, compiled, SIDE, SIDE);

    List<List<Object>> output = rows(drain(join));

    List<int[]> keyPairs = keys.stream().map(key -> new int[] {key, key}).toList();
    assertThat(multiset(output)).isEqualTo(multiset(JoinModel.join(left, right, WIDTH, WIDTH, joinType, keyPairs, model)));
  }

  static Stream<Arguments> uniqueBuildCases() {
    List<Arguments> cases = new ArrayList<>();
    for (UniqueBuild shape : UniqueBuild.values()) {
      for (JoinType joinType : JoinType.values()) {
        for (Condition condition : Condition.values()) {
          cases.add(Arguments.of(shape, joinType, condition));
        }
      }
    }
    return cases.stream();
  }

  /** A build side in ascending key order with no null key: key id i is row i, so the table keeps neither chains nor first rows. */
  @Test
  void ascendingUniqueKeysNeedNeitherChainsNorFirstRows() {
    List<List<Object>> right = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      right.add(Arrays.asList(2 * i, "x", 0.0, i, true));
    }
    JoinHashTable table = new JoinHashTable(Batch.fromRows(SIDE, right),
        new VectorExpression[] {ExpressionCompiler.compile(new BoundReference(0, ColumnType.INT, false))});

    assertThat(table.firstRows()).isNull();
    assertThat(table.nextRows()).isNull();
  }

  /** One repeated key brings the chains back (the rule must not fire). */
  @Test
  void aRepeatedKeyKeepsTheChains() {
    List<List<Object>> right = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      right.add(Arrays.asList(i == 4999 ? 17 : i, "x", 0.0, i, true));
    }
    JoinHashTable table = new JoinHashTable(Batch.fromRows(SIDE, right),
        new VectorExpression[] {ExpressionCompiler.compile(new BoundReference(0, ColumnType.INT, false))});

    assertThat(table.nextRows()).isNotNull();
    assertThat(table.nextRows()[17]).isEqualTo(4999);
  }

  private static HashJoinOperator longKeyJoin(int buildRows, MemoryFixture fixture) {
    dev.ember.core.types.Schema schema = OperatorTesting.schema(ColumnType.LONG, ColumnType.LONG);
    List<List<Object>> build = new ArrayList<>();
    List<List<Object>> probe = new ArrayList<>();
    for (long k = 0; k < buildRows; k++) {
      build.add(List.of(k, -k));
      probe.add(List.of(2 * k, k));
    }
    BoundReference key = new BoundReference(0, ColumnType.LONG, false);
    Random random = new Random(3);
    return new HashJoinOperator(new BatchSource(toBatches(schema, probe, random, 4096)),
        new BatchSource(toBatches(schema, build, random, 4096)), JoinType.INNER, List.of(key), List.of(key),
        (VectorExpression) null, schema, schema, fixture.context);
  }

  @Test
  void keysOfDifferentTypesAreRejected() {
    BoundReference longKey = new BoundReference(0, ColumnType.LONG, true);

    assertThatThrownBy(() -> new HashJoinOperator(new BatchSource(List.of()), new BatchSource(List.of()),
        JoinType.INNER, List.of(KEY), List.of(longKey), (VectorExpression) null, SIDE, SIDE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("join key 0");
  }

  @Test
  void closeIsIdempotentAndClosesBothSides() {
    BatchSource left = new BatchSource(List.of());
    BatchSource right = new BatchSource(List.of());
    HashJoinOperator join = new HashJoinOperator(left, right, JoinType.INNER, List.of(KEY), List.of(KEY),
        (VectorExpression) null, SIDE, SIDE);

    join.close();
    join.close();

    assertThat(left.closeCount()).isEqualTo(1);
    assertThat(right.closeCount()).isEqualTo(1);
    assertThat(join.next()).isNull();
  }
}
