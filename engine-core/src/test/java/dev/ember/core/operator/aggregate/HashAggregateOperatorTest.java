package dev.ember.core.operator.aggregate;

import static dev.ember.core.operator.OperatorTesting.drain;
import static dev.ember.core.operator.OperatorTesting.normalize;
import static dev.ember.core.operator.OperatorTesting.randomValue;
import static dev.ember.core.operator.OperatorTesting.rows;
import static dev.ember.core.operator.OperatorTesting.schema;
import static dev.ember.core.operator.OperatorTesting.split;
import static dev.ember.core.operator.OperatorTesting.toBatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.TestSeeds;
import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.memory.MemoryLimitExceededException;
import dev.ember.core.operator.BatchSource;
import dev.ember.core.operator.MemoryFixture;
import dev.ember.core.plan.AggregateMode;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.VectorHashing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(EngineHygiene.class)
class HashAggregateOperatorTest {
  // c0 INT key, c1 STRING key (colliding hash codes), c2 DOUBLE key (NaN, -0.0), then values.
  private static final Schema INPUT = schema(
      ColumnType.INT, ColumnType.STRING, ColumnType.DOUBLE, ColumnType.INT, ColumnType.LONG, ColumnType.DOUBLE,
      ColumnType.STRING, ColumnType.BOOLEAN, ColumnType.DATE);

  private static BoundReference column(int ordinal) {
    return new BoundReference(ordinal, INPUT.type(ordinal), true);
  }

  private static AggregateFunction call(AggregateKind kind, int... columns) {
    List<Expression> arguments = new ArrayList<>();
    for (int column : columns) {
      arguments.add(column(column));
    }
    return AggregateFunction.of(kind, arguments);
  }

  /** Every kind with a partial state, over every argument type it takes. */
  private static List<AggregateFunction> twoPhaseAggregates() {
    List<AggregateFunction> functions = new ArrayList<>(List.of(
        call(AggregateKind.COUNT_ROWS),
        call(AggregateKind.COUNT, 3),
        call(AggregateKind.COUNT, 3, 6),
        call(AggregateKind.SUM, 3),
        call(AggregateKind.SUM, 4),
        call(AggregateKind.SUM, 5),
        call(AggregateKind.AVG, 3),
        call(AggregateKind.AVG, 5)));
    for (int column : new int[] {2, 3, 4, 5, 6, 7, 8}) {
      functions.add(call(AggregateKind.MIN, column));
      functions.add(call(AggregateKind.MAX, column));
    }
    for (int column : new int[] {1, 3, 5, 7}) {
      functions.add(call(AggregateKind.FIRST, column));
    }
    return functions;
  }

  private static List<AggregateFunction> completeAggregates() {
    List<AggregateFunction> functions = new ArrayList<>(twoPhaseAggregates());
    functions.add(call(AggregateKind.COUNT_DISTINCT, 3));
    functions.add(call(AggregateKind.COUNT_DISTINCT, 5));
    functions.add(call(AggregateKind.COUNT_DISTINCT, 6, 7));
    return functions;
  }

  /** Strings whose hashCodes collide ("Aa" and "BB" hash alike), so the table must compare keys. */
  private static final String[] COLLIDING = {"AaAa", "AaBB", "BBAa", "BBBB", "Aa", "BB", ""};

  private static List<Object> randomRow(Random random, int keyDomain, double nullRate) {
    Object longValue = random.nextInt(4) == 0
        ? (Object) (Long.MAX_VALUE - random.nextInt(10))
        : randomValue(ColumnType.LONG, random, 1000, 0);
    return Arrays.asList(
        randomValue(ColumnType.INT, random, keyDomain, nullRate),
        random.nextDouble() < nullRate ? null : COLLIDING[random.nextInt(COLLIDING.length)],
        randomValue(ColumnType.DOUBLE, random, 6, nullRate),
        randomValue(ColumnType.INT, random, 1000, 0.2),
        random.nextDouble() < 0.2 ? null : longValue,
        randomValue(ColumnType.DOUBLE, random, 400, 0.2),
        randomValue(ColumnType.STRING, random, 50, 0.2),
        randomValue(ColumnType.BOOLEAN, random, 2, 0.2),
        randomValue(ColumnType.DATE, random, 20000, 0.2));
  }

  static Stream<Arguments> cases() {
    List<List<Integer>> groupings = List.of(List.of(), List.of(0), List.of(1), List.of(2), List.of(0, 1, 2), List.of(7, 1));
    List<Arguments> cases = new ArrayList<>();
    long seed = 1;
    for (List<Integer> grouping : groupings) {
      // rows, key domain, null rate, max batch rows
      cases.add(Arguments.of(seed++, grouping, 0, 8, 0.1, 100));
      cases.add(Arguments.of(seed++, grouping, 1, 8, 0.1, 100));
      cases.add(Arguments.of(seed++, grouping, 300, 8, 0.1, 37));
      cases.add(Arguments.of(seed++, grouping, 3000, 16, 0.5, 700));
    }
    // Many groups: table growth and several output batches.
    cases.add(Arguments.of(seed++, List.of(0), 7000, 100_000, 0.01, 5000));
    cases.add(Arguments.of(seed++, List.of(0, 1), 5000, 3000, 0.05, 4096));
    // Nearly unique keys over more rows than a PARTIAL aggregate reads before it stops grouping.
    cases.add(Arguments.of(seed++, List.of(0), 50_000, 50_000_000, 0.01, 4096));
    cases.add(Arguments.of(seed++, List.of(0, 1, 2), 40_000, 50_000_000, 0.02, 1000));
    return cases.stream();
  }

  @ParameterizedTest(name = "seed {0}, groupBy {1}, {2} rows")
  @MethodSource("cases")
  void completeModeMatchesTheModel(long seed, List<Integer> grouping, int rowCount, int keyDomain, double nullRate, int maxBatch) {
    Random random = new Random(TestSeeds.seed(seed));
    List<List<Object>> input = randomRows(random, rowCount, keyDomain, nullRate);
    List<AggregateFunction> aggregates = completeAggregates();
    HashAggregateOperator operator = new HashAggregateOperator(
        new BatchSource(toBatches(INPUT, input, random, maxBatch)), AggregateMode.COMPLETE, groupings(grouping),
        aggregates);

    assertMatches(drain(operator), AggregateModel.compute(input, grouping, aggregates), grouping.size());
  }

  @ParameterizedTest(name = "seed {0}, groupBy {1}, {2} rows")
  @MethodSource("cases")
  void partialThenFinalMatchesTheModel(
      long seed, List<Integer> grouping, int rowCount, int keyDomain, double nullRate, int maxBatch) {
    Random random = new Random(TestSeeds.seed(seed));
    List<List<Object>> input = randomRows(random, rowCount, keyDomain, nullRate);
    List<AggregateFunction> aggregates = twoPhaseAggregates();
    int partitions = 1 + random.nextInt(4);
    List<Batch> shuffled = new ArrayList<>();
    for (List<List<Object>> partition : split(input, partitions, random)) {
      HashAggregateOperator partial = new HashAggregateOperator(
          new BatchSource(toBatches(INPUT, partition, random, maxBatch)), AggregateMode.PARTIAL, groupings(grouping),
          aggregates);
      List<Batch> output = drain(partial);
      if (grouping.isEmpty()) {
        assertThat(rows(output)).as("a global PARTIAL emits one row, even for empty input").hasSize(1);
      }
      shuffled.addAll(output);
    }
    List<Expression> finalGroupings = new ArrayList<>();
    for (int i = 0; i < grouping.size(); i++) {
      finalGroupings.add(new BoundReference(i, INPUT.type(grouping.get(i)), true));
    }
    // As the shuffle would: each partial row goes to the reduce partition of its keys' hash, in map order.
    int reducers = grouping.isEmpty() ? 1 : 1 + random.nextInt(3);
    List<List<Batch>> reduceInputs = new ArrayList<>();
    for (int r = 0; r < reducers; r++) {
      reduceInputs.add(new ArrayList<>());
    }
    for (Batch batch : shuffled) {
      int rows = batch.rowCount();
      int[] hashes = new int[rows];
      ColumnVector[] keys = new ColumnVector[grouping.size()];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = batch.column(i);
      }
      VectorHashing.hashRows(keys, rows, hashes);
      for (int r = 0; r < reducers; r++) {
        int[] positions = new int[rows];
        int count = 0;
        for (int row = 0; row < rows; row++) {
          if (VectorHashing.partitionOf(hashes[row], reducers) == r) {
            positions[count++] = row;
          }
        }
        reduceInputs.get(r).add(batch.gather(positions, count));
      }
    }
    List<Batch> output = new ArrayList<>();
    for (List<Batch> reduceInput : reduceInputs) {
      output.addAll(drain(
          new HashAggregateOperator(new BatchSource(reduceInput), AggregateMode.FINAL, finalGroupings, aggregates)));
    }

    assertMatches(output, AggregateModel.compute(input, grouping, aggregates), grouping.size());
  }

  @TempDir
  Path directory;

  static Stream<Arguments> dictionaryCases() {
    List<Arguments> cases = new ArrayList<>();
    long seed = 500;
    for (List<Integer> grouping : List.of(List.of(1), List.of(6), List.of(1, 6), List.of(6, 1))) {
      cases.add(Arguments.of(seed++, grouping, 300, 8, 0.1, 37));
      cases.add(Arguments.of(seed++, grouping, 3000, 16, 0.5, 700));
    }
    return cases.stream();
  }

  /**
   * String keys in the dictionary layout (each batch its own dictionary, as from different cached
   * partitions): small dictionaries group through the code cache ({@link DictionaryGroupCache}),
   * with and without spilling, and the groups equal the model's.
   */
  @ParameterizedTest(name = "seed {0}, groupBy {1}, {2} rows")
  @MethodSource("dictionaryCases")
  void dictionaryStringKeysMatchTheModel(long seed, List<Integer> grouping, int rowCount, int keyDomain, double nullRate, int maxBatch) {
    Random random = new Random(TestSeeds.seed(seed));
    List<List<Object>> input = randomRows(random, rowCount, keyDomain, nullRate);
    List<Batch> batches = toBatches(INPUT, input, random, maxBatch).stream()
        .map(dev.ember.core.vector.StringLayouts::withDictionaryStrings).toList();
    List<AggregateFunction> complete = completeAggregates();
    assertMatches(drain(new HashAggregateOperator(new BatchSource(batches), AggregateMode.COMPLETE, groupings(grouping),
        complete)), AggregateModel.compute(input, grouping, complete), grouping.size());
    List<AggregateFunction> twoPhase = twoPhaseAggregates();
    MemoryFixture fixture = new MemoryFixture(directory, budget(seed));
    assertMatches(drain(new HashAggregateOperator(new BatchSource(batches), AggregateMode.COMPLETE, groupings(grouping),
        twoPhase, fixture.context)), AggregateModel.compute(input, grouping, twoPhase), grouping.size());
    fixture.assertClean();
  }

  /** Budgets that make the aggregate spill after every batch, or now and then. */
  private static long budget(long seed) {
    return seed % 2 == 0 ? 1 : 60_000;
  }

  @ParameterizedTest(name = "seed {0}, groupBy {1}, {2} rows")
  @MethodSource("cases")
  void spillingCompleteModeMatchesTheModel(
      long seed, List<Integer> grouping, int rowCount, int keyDomain, double nullRate, int maxBatch) {
    Random random = new Random(TestSeeds.seed(seed));
    List<List<Object>> input = randomRows(random, rowCount, keyDomain, nullRate);
    List<AggregateFunction> aggregates = twoPhaseAggregates();
    MemoryFixture fixture = new MemoryFixture(directory, budget(seed));
    HashAggregateOperator operator = new HashAggregateOperator(
        new BatchSource(toBatches(INPUT, input, random, maxBatch)), AggregateMode.COMPLETE, groupings(grouping),
        aggregates, fixture.context);

    assertMatches(drain(operator), AggregateModel.compute(input, grouping, aggregates), grouping.size());
    if (!grouping.isEmpty() && rowCount >= 300 && budget(seed) == 1) {
      assertThat(fixture.metrics.spillCount()).isPositive();
    }
    fixture.assertClean();
  }

  @ParameterizedTest(name = "seed {0}, groupBy {1}, {2} rows")
  @MethodSource("cases")
  void spillingPartialThenFinalMatchesTheModel(
      long seed, List<Integer> grouping, int rowCount, int keyDomain, double nullRate, int maxBatch) {
    Random random = new Random(TestSeeds.seed(seed));
    List<List<Object>> input = randomRows(random, rowCount, keyDomain, nullRate);
    List<AggregateFunction> aggregates = twoPhaseAggregates();
    MemoryFixture fixture = new MemoryFixture(directory, budget(seed));
    List<Batch> partials = new ArrayList<>();
    for (List<List<Object>> partition : split(input, 2, random)) {
      partials.addAll(drain(new HashAggregateOperator(new BatchSource(toBatches(INPUT, partition, random, maxBatch)),
          AggregateMode.PARTIAL, groupings(grouping), aggregates, fixture.context)));
    }
    List<Expression> finalGroupings = new ArrayList<>();
    for (int i = 0; i < grouping.size(); i++) {
      finalGroupings.add(new BoundReference(i, INPUT.type(grouping.get(i)), true));
    }
    // Partial rows of one key from both partitions reach one FINAL aggregate, which spills too.
    List<Batch> output = drain(new HashAggregateOperator(
        new BatchSource(partials), AggregateMode.FINAL, finalGroupings, aggregates, fixture.context));

    assertMatches(output, AggregateModel.compute(input, grouping, aggregates), grouping.size());
    fixture.assertClean();
  }

  @Test
  void countDistinctThatCannotGetMemoryFailsWithATypedError() {
    MemoryFixture fixture = new MemoryFixture(directory, 1);
    List<List<Object>> input = randomRows(new Random(9), 500, 50, 0.1);
    HashAggregateOperator operator = new HashAggregateOperator(
        new BatchSource(toBatches(INPUT, input, new Random(9), 100)), AggregateMode.COMPLETE, groupings(List.of(0)),
        List.of(call(AggregateKind.COUNT_DISTINCT, 3)), fixture.context);

    assertThatThrownBy(operator::next)
        .isInstanceOf(MemoryLimitExceededException.class)
        .hasMessageContaining("count(DISTINCT)")
        .hasMessageContaining("ember.executor.memory");
    operator.close();
    fixture.assertClean();
  }

  /**
   * What the groups hold is reserved: the table's bytes (a lower bound computed from the groups, not
   * from the table) are all covered by the aggregate's reservation while it emits.
   */
  @Test
  void whatTheGroupsHoldIsReserved() {
    MemoryFixture fixture = new MemoryFixture(directory, 256L << 20);
    int groups = 40_000;
    List<List<Object>> rows = new ArrayList<>();
    for (long i = 0; i < 3L * groups; i++) {
      rows.add(List.of(i % groups, i));
    }
    HashAggregateOperator operator = longSumAggregate(rows, fixture);

    assertThat(operator.next()).isNotNull();

    assertThat(fixture.metrics.spillCount()).as("fits in memory").isZero();
    // Per group at least: the LONG key, the LONG sum and the LONG count, 8 bytes each.
    long heldAtLeast = groups * 24L;
    assertThat(operator.retainedBytes()).as("bytes the table holds for %d groups", groups)
        .isGreaterThanOrEqualTo(heldAtLeast);
    assertThat(fixture.memory.usedBy(operator)).as("reserved").isGreaterThanOrEqualTo(operator.retainedBytes());
    operator.close();
    fixture.assertClean();
  }

  /** An input whose groups do not fit the budget must spill, however the budget compares to one batch. */
  @ParameterizedTest(name = "budget {0}")
  @org.junit.jupiter.params.provider.ValueSource(longs = {1, 100_000, 400_000})
  void groupsBeyondTheBudgetAreSpilled(long budget) {
    MemoryFixture fixture = new MemoryFixture(directory, budget);
    int groups = 40_000;
    List<List<Object>> rows = new ArrayList<>();
    for (long i = 0; i < 2L * groups; i++) {
      rows.add(List.of(i % groups, i));
    }
    HashAggregateOperator operator = longSumAggregate(rows, fixture);

    List<List<Object>> output = rows(drain(operator));

    assertThat(groups * 24L).as("the groups' bytes exceed the budget").isGreaterThan(budget);
    assertThat(fixture.metrics.spillCount()).isPositive();
    assertThat(output).hasSize(groups);
    for (List<Object> row : output) {
      long key = (Long) row.get(0);
      assertThat(row.get(1)).isEqualTo(key + key + groups);
      assertThat(row.get(2)).isEqualTo(2L);
    }
    fixture.assertClean();
  }

  /**
   * One INT or LONG grouping key takes the primitive table: keys at the type's edges, negative keys,
   * a skewed key, nulls (one group) and duplicates, in memory and spilled to sorted runs, against a
   * plain-Java group-by of sum(value), count(value) and min(value).
   */
  @ParameterizedTest(name = "{0} key, budget {1}")
  @org.junit.jupiter.params.provider.CsvSource({
      "bigint, 0", "bigint, 60000", "int, 0", "int, 60000", "timestamp, 0", "date, 60000"})
  void oneIntegralKeyGroupsAsAPlainJavaGroupBy(String keyTypeName, long budget) {
    ColumnType keyType = switch (keyTypeName) {
      case "bigint" -> ColumnType.LONG;
      case "int" -> ColumnType.INT;
      case "timestamp" -> ColumnType.TIMESTAMP;
      default -> ColumnType.DATE;
    };
    boolean ints = keyType.equals(ColumnType.INT) || keyType.equals(ColumnType.DATE);
    long[] edges = ints
        ? new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, 1}
        : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, 1, 1L << 32};
    Random random = new Random(TestSeeds.seed(keyTypeName.hashCode() + budget));
    List<List<Object>> rows = new ArrayList<>();
    Map<Object, long[]> expected = new HashMap<>();
    for (int i = 0; i < 30_000; i++) {
      int pick = random.nextInt(20);
      Long key = pick == 0 ? null
          : pick == 1 ? edges[random.nextInt(edges.length)]
          : pick < 8 ? 7L
          : ints ? (long) random.nextInt() % 20_000 : random.nextLong() % 20_000;
      Long value = random.nextInt(10) == 0 ? null : (long) random.nextInt(1000) - 500;
      Object keyValue = key == null ? null : ints ? (Object) (int) (long) key : key;
      rows.add(Arrays.asList(keyValue, value));
      long[] state = expected.computeIfAbsent(keyValue, ignored -> new long[] {0, 0, Long.MAX_VALUE});
      if (value != null) {
        state[0] += value;
        state[1]++;
        state[2] = Math.min(state[2], value);
      }
    }
    Schema schema = schema(keyType, ColumnType.LONG);
    BoundReference key = new BoundReference(0, keyType, true);
    BoundReference value = new BoundReference(1, ColumnType.LONG, true);
    List<AggregateFunction> aggregates = List.of(AggregateFunction.of(AggregateKind.SUM, List.of(value)),
        AggregateFunction.of(AggregateKind.COUNT, List.of(value)), AggregateFunction.of(AggregateKind.MIN, List.of(value)));
    MemoryFixture fixture = new MemoryFixture(directory, budget == 0 ? Long.MAX_VALUE / 4 : budget);
    HashAggregateOperator operator = new HashAggregateOperator(
        new BatchSource(toBatches(schema, rows, random, 3000)), AggregateMode.COMPLETE, List.of(key), aggregates,
        fixture.context);

    List<List<Object>> output = rows(drain(operator));

    if (budget > 0) {
      assertThat(fixture.metrics.spillCount()).as("spilled").isPositive();
    }
    Map<Object, List<Object>> actual = new HashMap<>();
    for (List<Object> row : output) {
      assertThat(actual.put(row.get(0), row.subList(1, 4))).as("one row for key %s", row.get(0)).isNull();
    }
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((group, state) -> assertThat(actual.get(group)).as("key %s", group).isEqualTo(
        state[1] == 0 ? Arrays.asList(null, 0L, null) : Arrays.asList(state[0], state[1], state[2])));
    operator.close();
    fixture.assertClean();
  }

  /** sum(value) and count(*) grouped by a LONG key, over (key, value) rows in batches of 2,000. */
  private static HashAggregateOperator longSumAggregate(List<List<Object>> rows, MemoryFixture fixture) {
    Schema schema = schema(ColumnType.LONG, ColumnType.LONG);
    BoundReference key = new BoundReference(0, ColumnType.LONG, false);
    BoundReference value = new BoundReference(1, ColumnType.LONG, false);
    List<AggregateFunction> aggregates = List.of(AggregateFunction.of(AggregateKind.SUM, List.of(value)),
        AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()));
    return new HashAggregateOperator(new BatchSource(toBatches(schema, rows, new Random(1), 2000)),
        AggregateMode.COMPLETE, List.of(key), aggregates, fixture.context);
  }

  @Test
  void anAggregateAskedToSpillByAnotherConsumerWritesItsGroups() {
    MemoryFixture fixture = new MemoryFixture(directory, 10_000_000);
    Schema schema = schema(ColumnType.LONG, ColumnType.LONG);
    List<List<Object>> rows = new ArrayList<>();
    for (long i = 0; i < 30_000; i++) {
      rows.add(List.of(i % 7000, i));
    }
    List<Batch> batches = toBatches(schema, rows, new Random(1), 2000);
    BoundReference key = new BoundReference(0, ColumnType.LONG, false);
    BoundReference value = new BoundReference(1, ColumnType.LONG, false);
    // The source asks for most of the memory half-way: the aggregate above it must give its groups back.
    dev.ember.core.memory.MemoryConsumer greedy = new dev.ember.core.memory.MemoryConsumer() {
      @Override
      public String name() {
        return "greedy";
      }

      @Override
      public long spill(long bytes) {
        return 0;
      }
    };
    long[] granted = new long[1];
    BatchSource source = new BatchSource(batches);
    dev.ember.core.operator.Operator input = new dev.ember.core.operator.Operator() {
      int pulled;

      @Override
      public Batch next() {
        if (++pulled == batches.size() / 2) {
          granted[0] = fixture.memory.reserve(10_000_000, greedy);
        }
        return source.next();
      }

      @Override
      public void close() {
        source.close();
      }
    };
    List<AggregateFunction> aggregates = List.of(AggregateFunction.of(AggregateKind.SUM, List.of(value)),
        AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()));

    List<List<Object>> output = rows(drain(new HashAggregateOperator(
        input, AggregateMode.COMPLETE, List.of(key), aggregates, fixture.context)));

    assertThat(fixture.metrics.spillCount()).isPositive();
    Map<Object, List<Object>> byKey = new HashMap<>();
    for (List<Object> row : output) {
      assertThat(byKey.put(row.get(0), row)).isNull();
    }
    assertThat(byKey).hasSize(7000);
    for (long k = 0; k < 7000; k++) {
      long count = (30_000 - k + 6999) / 7000;
      long sum = k * count + 7000 * count * (count - 1) / 2;
      assertThat(byKey.get(k)).containsExactly(k, sum, count);
    }
    fixture.memory.release(granted[0], greedy);
    fixture.assertClean();
  }

  private static List<List<Object>> randomRows(Random random, int count, int keyDomain, double nullRate) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(randomRow(random, keyDomain, nullRate));
    }
    if (count >= 3000) {
      // A heavily skewed key: thousands of rows of one group.
      List<Object> hot = randomRow(random, keyDomain, 0);
      for (int i = 0; i < 3000; i++) {
        List<Object> row = new ArrayList<>(randomRow(random, keyDomain, nullRate));
        row.set(0, hot.get(0));
        row.set(1, hot.get(1));
        row.set(2, hot.get(2));
        rows.add(random.nextInt(rows.size() + 1), row);
      }
    }
    return rows;
  }

  private static List<Expression> groupings(List<Integer> columns) {
    return columns.stream().<Expression>map(HashAggregateOperatorTest::column).toList();
  }

  private static void assertMatches(List<Batch> output, Map<List<Object>, List<Object>> expected, int keyCount) {
    Map<List<Object>, List<Object>> actual = new HashMap<>();
    for (List<Object> row : rows(output)) {
      List<Object> key = normalize(row.subList(0, keyCount));
      assertThat(actual.put(key, row)).as("group %s appears once", key).isNull();
    }
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    Map<List<Object>, List<Object>> actualValues = new HashMap<>();
    Map<List<Object>, List<Object>> expectedValues = new HashMap<>();
    for (Map.Entry<List<Object>, List<Object>> entry : expected.entrySet()) {
      actualValues.put(entry.getKey(), normalize(actual.get(entry.getKey())));
      expectedValues.put(entry.getKey(), normalize(entry.getValue()));
    }
    assertThat(actualValues).isEqualTo(expectedValues);
  }

  // ---- A PARTIAL aggregate that does not reduce ----

  private static final ColumnType PRICE = ColumnType.decimal(12, 2);
  /** c0 LONG key, c1 STRING key, c2 DECIMAL(12,2) price, c3 LONG quantity (Q10's shape: customer keys, revenue). */
  private static final Schema ORDERS = schema(ColumnType.LONG, ColumnType.STRING, PRICE, ColumnType.LONG);

  private static List<AggregateFunction> ordersAggregates() {
    BoundReference price = new BoundReference(2, PRICE, true);
    BoundReference quantity = new BoundReference(3, ColumnType.LONG, true);
    BoundReference name = new BoundReference(1, ColumnType.STRING, true);
    return List.of(
        AggregateFunction.of(AggregateKind.SUM, List.of(price)),
        AggregateFunction.of(AggregateKind.AVG, List.of(price)),
        AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()),
        AggregateFunction.of(AggregateKind.SUM, List.of(quantity)),
        AggregateFunction.of(AggregateKind.MIN, List.of(name)),
        AggregateFunction.of(AggregateKind.FIRST, List.of(quantity)));
  }

  /** One row per key of {@code keyOrder}, in that order: a name derived from the key (multi-byte too), some nulls. */
  private static List<List<Object>> ordersRows(List<Long> keyOrder, Random random) {
    List<List<Object>> rows = new ArrayList<>();
    for (long key : keyOrder) {
      rows.add(Arrays.asList(
          random.nextInt(500) == 0 ? null : key,
          "customer#" + (key % 1000) + "-" + "é".repeat((int) (key % 3)),
          random.nextInt(20) == 0 ? null : java.math.BigDecimal.valueOf(random.nextInt(10_000_000) - 1_000_000, 2),
          random.nextInt(20) == 0 ? null : (Object) (long) random.nextInt(50)));
    }
    return rows;
  }

  private static List<Batch> partialThenFinal(List<List<Object>> rows, Random random, List<Batch> partialOutput) {
    List<AggregateFunction> aggregates = ordersAggregates();
    List<Expression> keys = List.of(new BoundReference(0, ColumnType.LONG, true), new BoundReference(1, ColumnType.STRING, true));
    partialOutput.addAll(drain(new HashAggregateOperator(new BatchSource(toBatches(ORDERS, rows, random, 4096)),
        AggregateMode.PARTIAL, keys, aggregates)));
    return drain(new HashAggregateOperator(new BatchSource(partialOutput), AggregateMode.FINAL, keys, aggregates));
  }

  /**
   * Plain Java: per (key, name) in first-seen order, the exact decimal sum, the average as Spark
   * rounds it (HALF_UP to the division's scale, then to the avg type's), the row count, the long sum,
   * the least name and the first quantity.
   */
  private static Map<List<Object>, List<Object>> ordersModel(List<List<Object>> rows) {
    ColumnType sumType = dev.ember.core.types.DecimalTypes.sumType(PRICE);
    ColumnType averageType = dev.ember.core.types.DecimalTypes.averageType(PRICE);
    ColumnType divisionType = dev.ember.core.types.DecimalTypes.resultType(
        dev.ember.core.types.DecimalTypes.Operation.DIVIDE, sumType, ColumnType.decimal(20, 0));
    Map<List<Object>, List<List<Object>>> groups = new java.util.LinkedHashMap<>();
    for (List<Object> row : rows) {
      groups.computeIfAbsent(Arrays.asList(row.get(0), row.get(1)), key -> new ArrayList<>()).add(row);
    }
    Map<List<Object>, List<Object>> expected = new HashMap<>();
    for (Map.Entry<List<Object>, List<List<Object>>> group : groups.entrySet()) {
      java.math.BigDecimal sum = null;
      long priced = 0;
      Long quantitySum = null;
      String least = null;
      for (List<Object> row : group.getValue()) {
        if (row.get(2) instanceof java.math.BigDecimal price) {
          sum = sum == null ? price : sum.add(price);
          priced++;
        }
        if (row.get(3) instanceof Long quantity) {
          quantitySum = quantitySum == null ? quantity : quantitySum + quantity;
        }
        String name = (String) row.get(1);
        least = least == null || name.compareTo(least) < 0 ? name : least;
      }
      java.math.BigDecimal average = sum == null ? null
          : sum.divide(java.math.BigDecimal.valueOf(priced), new java.math.MathContext(38, java.math.RoundingMode.HALF_UP))
              .setScale(divisionType.scale(), java.math.RoundingMode.HALF_UP)
              .setScale(averageType.scale(), java.math.RoundingMode.HALF_UP);
      List<Object> output = new ArrayList<>(group.getKey());
      output.addAll(Arrays.asList(sum == null ? null : sum.setScale(sumType.scale()), average,
          (long) group.getValue().size(), quantitySum, least, group.getValue().get(0).get(3)));
      expected.put(group.getKey(), output);
    }
    return expected;
  }

  @Test
  void aPartialAggregateWhoseKeysAreNearlyUniqueStopsGroupingAndTheFinalStillCombinesThem() {
    Random random = new Random(TestSeeds.seed(4242));
    // 12,000 keys once each, then each of them once more: after 8,192 rows every row was a new group.
    List<Long> keyOrder = new ArrayList<>();
    for (long key = 0; key < 12_000; key++) {
      keyOrder.add(key * 7919 % 12_000);
    }
    List<Long> again = new ArrayList<>(keyOrder);
    java.util.Collections.shuffle(again, random);
    keyOrder.addAll(again);
    List<List<Object>> rows = ordersRows(keyOrder, random);

    List<Batch> partialOutput = new ArrayList<>();
    List<Batch> output = partialThenFinal(rows, random, partialOutput);

    int decided = HashAggregateOperator.PASS_THROUGH_AFTER_ROWS;
    long groupsBeforeDecision = rows.subList(0, decided).stream().map(row -> Arrays.asList(row.get(0), row.get(1)))
        .distinct().count();
    assertThat(rows(partialOutput).size())
        .as("grouped the first 8,192 rows (a few null keys share a group), then passed the other 15,808 through")
        .isEqualTo(groupsBeforeDecision + (rows.size() - decided));
    assertMatches(output, ordersModel(rows), 2);
  }

  @Test
  void aPartialAggregateThatReducesKeepsGrouping() {
    Random random = new Random(TestSeeds.seed(4243));
    List<Long> keyOrder = new ArrayList<>();
    for (int i = 0; i < 24_000; i++) {
      keyOrder.add((long) random.nextInt(2_000));
    }
    List<List<Object>> rows = ordersRows(keyOrder, random);

    List<Batch> partialOutput = new ArrayList<>();
    List<Batch> output = partialThenFinal(rows, random, partialOutput);

    Map<List<Object>, List<Object>> expected = ordersModel(rows);
    assertThat(rows(partialOutput)).as("one row a group").hasSize(expected.size());
    assertMatches(output, expected, 2);
  }

  @Test
  void fewerRowsThanTheDecisionNeedsAreGroupedHoweverUnique() {
    Random random = new Random(TestSeeds.seed(4244));
    List<Long> keyOrder = new ArrayList<>();
    for (long key = 0; key < HashAggregateOperator.PASS_THROUGH_AFTER_ROWS - 1; key++) {
      keyOrder.add(key);
    }
    keyOrder.add(5L); // one repeat among unique keys: grouping merges it
    List<List<Object>> rows = ordersRows(keyOrder, random);

    List<Batch> partialOutput = new ArrayList<>();
    List<Batch> output = partialThenFinal(rows, random, partialOutput);

    Map<List<Object>, List<Object>> expected = ordersModel(rows);
    assertThat(rows(partialOutput)).hasSize(expected.size());
    assertMatches(output, expected, 2);
  }

  @Test
  void aCompleteAggregateOfUniqueKeysNeverPassesRowsThrough() {
    Random random = new Random(TestSeeds.seed(4245));
    List<Long> keyOrder = new ArrayList<>();
    for (long key = 0; key < 20_000; key++) {
      keyOrder.add(key % 15_000);
    }
    List<List<Object>> rows = ordersRows(keyOrder, random);
    List<Expression> keys = List.of(new BoundReference(0, ColumnType.LONG, true), new BoundReference(1, ColumnType.STRING, true));

    List<Batch> output = drain(new HashAggregateOperator(new BatchSource(toBatches(ORDERS, rows, random, 4096)),
        AggregateMode.COMPLETE, keys, ordersAggregates()));

    assertMatches(output, ordersModel(rows), 2);
  }

  // ---- Hand-written edge cases ----

  private static final Schema SMALL = schema(ColumnType.STRING, ColumnType.LONG, ColumnType.DOUBLE);

  private static List<Object> run(AggregateMode mode, List<Expression> groupings, List<AggregateFunction> aggregates,
      List<Batch> input) {
    return rows(drain(new HashAggregateOperator(new BatchSource(input), mode, groupings, aggregates))).stream()
        .map(row -> (Object) row).toList();
  }

  @Test
  void globalAggregateOfNothingIsOneRowOfEmptyResults() {
    BoundReference value = new BoundReference(1, ColumnType.LONG, true);
    List<AggregateFunction> aggregates = List.of(
        AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()),
        AggregateFunction.of(AggregateKind.COUNT, List.of(value)),
        AggregateFunction.of(AggregateKind.SUM, List.of(value)),
        AggregateFunction.of(AggregateKind.AVG, List.of(value)),
        AggregateFunction.of(AggregateKind.MIN, List.of(value)),
        AggregateFunction.of(AggregateKind.FIRST, List.of(value)),
        AggregateFunction.of(AggregateKind.COUNT_DISTINCT, List.of(value)));

    assertThat(run(AggregateMode.COMPLETE, List.of(), aggregates, List.of()))
        .containsExactly(Arrays.asList(0L, 0L, null, null, null, null, 0L));
    assertThat(run(AggregateMode.COMPLETE, List.of(), aggregates, List.of(Batch.empty(SMALL), Batch.empty(SMALL))))
        .containsExactly(Arrays.asList(0L, 0L, null, null, null, null, 0L));
  }

  @Test
  void groupedAggregateOfNothingIsNoRows() {
    List<Expression> groupings = List.of(new BoundReference(0, ColumnType.STRING, true));
    List<AggregateFunction> aggregates = List.of(AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()));
    for (AggregateMode mode : List.of(AggregateMode.PARTIAL, AggregateMode.COMPLETE)) {
      assertThat(run(mode, groupings, aggregates, List.of())).isEmpty();
      assertThat(run(mode, groupings, aggregates, List.of(Batch.empty(SMALL)))).isEmpty();
    }
  }

  @Test
  void sumWrapsAroundAndFirstKeepsALeadingNull() {
    BoundReference value = new BoundReference(1, ColumnType.LONG, true);
    List<Batch> input = List.of(Batch.fromRows(SMALL, List.of(
        Arrays.asList("a", null, 1.0), Arrays.asList("a", Long.MAX_VALUE, 2.0), Arrays.asList("a", 2L, 3.0))));
    List<AggregateFunction> aggregates = List.of(
        AggregateFunction.of(AggregateKind.SUM, List.of(value)),
        AggregateFunction.of(AggregateKind.FIRST, List.of(value)),
        AggregateFunction.of(AggregateKind.MAX, List.of(value)));

    assertThat(run(AggregateMode.COMPLETE, List.of(new BoundReference(0, ColumnType.STRING, true)), aggregates, input))
        .containsExactly(Arrays.asList("a", Long.MIN_VALUE + 1, null, Long.MAX_VALUE));
  }

  @Test
  void nanGroupsWithNanAndNegativeZeroWithZeroAndNullIsAGroup() {
    BoundReference key = new BoundReference(2, ColumnType.DOUBLE, true);
    List<Batch> input = List.of(
        Batch.fromRows(SMALL, List.of(Arrays.asList("a", 1L, Double.NaN), Arrays.asList("b", 1L, -0.0))),
        Batch.fromRows(SMALL, List.of(
            Arrays.asList("c", 1L, 0.0), Arrays.asList("d", 1L, Double.NaN), Arrays.asList("e", 1L, null),
            Arrays.asList("f", 1L, null))));
    List<Object> output = run(AggregateMode.COMPLETE, List.of(key),
        List.of(AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of())), input);

    assertThat(output).containsExactlyInAnyOrder(
        Arrays.asList(Double.NaN, 2L), Arrays.asList(-0.0, 2L), Arrays.asList(null, 2L));
  }

  @Test
  void maxOfDoublesPutsNanAboveInfinity() {
    BoundReference value = new BoundReference(2, ColumnType.DOUBLE, true);
    List<Batch> input = List.of(Batch.fromRows(SMALL, List.of(
        Arrays.asList("a", 1L, Double.POSITIVE_INFINITY), Arrays.asList("a", 1L, Double.NaN),
        Arrays.asList("a", 1L, Double.NEGATIVE_INFINITY))));

    assertThat(run(AggregateMode.COMPLETE, List.of(), List.of(
        AggregateFunction.of(AggregateKind.MAX, List.of(value)), AggregateFunction.of(AggregateKind.MIN, List.of(value))),
        input)).containsExactly(Arrays.asList(Double.NaN, Double.NEGATIVE_INFINITY));
  }

  @Test
  void finalFirstIgnoresPartialsThatSawNoRow() {
    // Layout of a global PARTIAL first(x): value, seen.
    Schema partial = schema(ColumnType.LONG, ColumnType.BOOLEAN);
    List<Batch> input = List.of(
        Batch.fromRows(partial, List.of(Arrays.asList(null, false))),
        Batch.fromRows(partial, List.of(Arrays.asList(null, true))),
        Batch.fromRows(partial, List.of(Arrays.asList(7L, true))));
    AggregateFunction first = AggregateFunction.of(AggregateKind.FIRST, List.of(new BoundReference(0, ColumnType.LONG, true)));

    assertThat(run(AggregateMode.FINAL, List.of(), List.of(first), input)).containsExactly(Arrays.asList((Object) null));
    assertThat(run(AggregateMode.FINAL, List.of(), List.of(first), List.of(input.get(0), input.get(2))))
        .containsExactly(List.of(7L));
  }

  @Test
  void countDistinctOutsideCompleteModeIsRejected() {
    AggregateFunction distinct = AggregateFunction.of(AggregateKind.COUNT_DISTINCT, List.of(new BoundReference(1, ColumnType.LONG, true)));

    assertThatThrownBy(() -> new HashAggregateOperator(new BatchSource(List.of()), AggregateMode.PARTIAL, List.of(), List.of(distinct)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("COMPLETE");
  }

  @Test
  void finalInputWithTheWrongLayoutIsRejectedWithTheExpectedLayout() {
    AggregateFunction average = AggregateFunction.of(AggregateKind.AVG, List.of(new BoundReference(1, ColumnType.LONG, true)));
    HashAggregateOperator operator = new HashAggregateOperator(
        new BatchSource(List.of(Batch.fromRows(SMALL, List.of(Arrays.asList("a", 1L, 1.0))))), AggregateMode.FINAL,
        List.of(new BoundReference(0, ColumnType.STRING, true)), List.of(average));

    assertThatThrownBy(operator::next)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partial state column 1")
        .hasMessageContaining("double");
  }

  @Test
  void closeClosesTheChildOnceAndStopsOutput() {
    BatchSource source = new BatchSource(List.of(Batch.fromRows(SMALL, List.of(Arrays.asList("a", 1L, 1.0)))));
    HashAggregateOperator operator = new HashAggregateOperator(source, AggregateMode.COMPLETE,
        List.of(new BoundReference(0, ColumnType.STRING, true)), List.of(AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of())));

    operator.close();
    operator.close();

    assertThat(source.closeCount()).isEqualTo(1);
    assertThat(operator.next()).isNull();
  }
}
