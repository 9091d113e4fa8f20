package dev.ember.core.task;

import static dev.ember.core.operator.OperatorTesting.drainRows;
import static dev.ember.core.operator.OperatorTesting.multiset;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Literal;
import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.metrics.OperatorMetric;
import dev.ember.core.operator.BroadcastTableCache;
import dev.ember.core.operator.FakeTaskContext;
import dev.ember.core.operator.hash.KeyBitmap;
import dev.ember.core.operator.join.HashJoinOperator;
import dev.ember.core.plan.BroadcastReadExec;
import dev.ember.core.plan.CachedScanExec;
import dev.ember.core.plan.FilterExec;
import dev.ember.core.plan.HashJoinExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.JoinType;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.ProjectExec;
import dev.ember.core.storage.BlockManager;
import dev.ember.core.storage.StorageMode;
import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hash join over a broadcast whose probe side is a cached scan: the scan drops the rows whose key
 * the broadcast lacks before widening them (checked on the stored form against the table's key
 * bitmap), for inner and left semi joins only. Answers are checked against a join in plain Java,
 * and the scan's own output rows show the filter ran (or, for a left outer join, did not).
 */
class RuntimeJoinFilterTest {
  private static final int BROADCAST_ID = 5;
  private static final int CACHE_ID = 9;

  @TempDir
  Path directory;
  private int filteredRounds;

  private record Case(JoinType joinType, boolean filterAbove, boolean projectAbove, ColumnType keyType, int keySpread) {}

  @ParameterizedTest(name = "seed offset {0}")
  @ValueSource(ints = {1, 2, 3, 4})
  void theScanUnderAJoinWidensOnlyRowsWhoseKeyTheBuildHas(int seedOffset) {
    long seed = TestSeeds.seed(8800 + seedOffset);
    Random random = new Random(seed);
    JoinType[] joinTypes = {JoinType.INNER, JoinType.LEFT_SEMI, JoinType.LEFT_OUTER};
    filteredRounds = 0;
    for (int round = 0; round < 16; round++) {
      ColumnType keyType = random.nextBoolean() ? ColumnType.INT : ColumnType.LONG;
      // Narrow (1-byte offsets), 2-byte, 4-byte and beyond-int spreads of the probe keys.
      int[] spreads = {200, 50_000, 3_000_000};
      Case shape = new Case(joinTypes[random.nextInt(joinTypes.length)], random.nextBoolean(), random.nextBoolean(), keyType,
          spreads[random.nextInt(spreads.length)]);
      run(shape, random, TestSeeds.describe(seed) + ", round " + round + ", " + shape);
    }
    assertThat(filteredRounds).as(TestSeeds.describe(seed) + ": rounds where the scan checked the keys").isPositive();
  }

  private void run(Case shape, Random random, String why) {
    Schema probeSchema = Schema.of(Field.of("k", shape.keyType()), Field.of("v", ColumnType.LONG));
    Schema buildSchema = Schema.of(Field.of("bk", shape.keyType()), Field.of("name", ColumnType.LONG));
    long base = shape.keyType() == ColumnType.LONG && random.nextBoolean() ? 1L << 40 : -1000;
    List<List<Object>> probeRows = new ArrayList<>();
    int rows = random.nextInt(6) == 0 ? random.nextInt(3) : 2_000 + random.nextInt(8_000);
    for (int i = 0; i < rows; i++) {
      Object key = random.nextInt(20) == 0 ? null : key(shape.keyType(), base + random.nextInt(shape.keySpread()));
      probeRows.add(Arrays.asList(key, (long) i));
    }
    List<List<Object>> buildRows = new ArrayList<>();
    int buildKeys = 1 + random.nextInt(Math.min(4_000, shape.keySpread()));
    for (int i = 0; i < buildKeys; i++) {
      Object key = key(shape.keyType(), base + random.nextInt(shape.keySpread()));
      buildRows.add(Arrays.asList(key, (long) i));
      if (random.nextInt(4) == 0) {
        buildRows.add(Arrays.asList(key, (long) -i)); // duplicate build keys: a probe row matches twice
      }
    }
    buildRows.add(Arrays.asList(null, -1L)); // never matches
    long threshold = random.nextInt(rows + 1);

    // Probe side: the cached scan, maybe under a filter (v >= threshold) and a projection that moves the key.
    PhysicalPlan probe = new CachedScanExec(CACHE_ID, StorageMode.MEMORY_ONLY,
        new InMemoryScanExec(probeSchema, List.of(Batch.fromRows(probeSchema, probeRows))));
    int scanSlot = 1;
    if (shape.filterAbove()) {
      probe = new FilterExec(probe, new Comparison(ComparisonOperator.GREATER_THAN_OR_EQUAL,
          new BoundReference(1, ColumnType.LONG, true), Literal.of(threshold)));
    }
    int keyOrdinal = 0;
    Schema probeOutput = probeSchema;
    if (shape.projectAbove()) {
      probeOutput = Schema.of(Field.of("v", ColumnType.LONG), Field.of("k", shape.keyType()));
      probe = new ProjectExec(probe, List.of(new BoundReference(1, ColumnType.LONG, true),
          new BoundReference(0, shape.keyType(), true)), probeOutput);
      keyOrdinal = 1;
    }
    List<Expression> leftKeys = List.of(new BoundReference(keyOrdinal, shape.keyType(), true));
    List<Expression> rightKeys = List.of(new BoundReference(0, shape.keyType(), true));
    Schema output = shape.joinType() == JoinType.LEFT_SEMI ? probeOutput : probeOutput.concat(buildSchema);
    HashJoinExec join = new HashJoinExec(probe, new BroadcastReadExec(BROADCAST_ID, buildSchema), shape.joinType(),
        leftKeys, rightKeys, null, output);

    UnifiedMemoryManager memory = new UnifiedMemoryManager(256L << 20, 0.5, directory);
    BlockManager blocks = new BlockManager(memory, directory.resolve("blocks-" + System.nanoTime()));
    BroadcastTableCache tables = new BroadcastTableCache(memory);
    List<Batch> broadcast = List.of(Batch.fromRows(buildSchema, buildRows));
    // The first task computes and stores the block; the second reads it as stored, under the filter.
    for (int task = 0; task < 2; task++) {
      FakeTaskContext context = new FakeTaskContext().withBroadcast(BROADCAST_ID, broadcast).inJob(1, tables)
          .withBlockManager(blocks);
      List<List<Object>> actual = drainRows(OperatorFactory.create(join, 0, context));
      List<List<Object>> expected = expected(shape, probeRows, buildRows, threshold);
      assertThat(multiset(actual)).as(why + ", task " + task).isEqualTo(multiset(expected));
      if (task == 1) {
        // The same table the join used (one per job and broadcast in the executor's cache).
        KeyBitmap bitmap = new HashJoinOperator.SharedBuild(tables, new BroadcastTableCache.Key(1, BROADCAST_ID, rightKeys),
            () -> Batch.concat(buildSchema, broadcast)).keyBitmap(rightKeys);
        boolean filtered = bitmap != null && shape.joinType() != JoinType.LEFT_OUTER;
        filteredRounds += filtered ? 1 : 0;
        long scanned = context.metrics().operatorValue(scanSlot, OperatorMetric.OUTPUT_ROWS);
        Set<Object> buildKeySet = new HashSet<>();
        buildRows.forEach(row -> buildKeySet.add(row.get(0)));
        long candidates = probeRows.stream()
            .filter(row -> !shape.filterAbove() || (Long) row.get(1) >= threshold)
            .filter(row -> !filtered || row.get(0) != null && buildKeySet.contains(row.get(0)))
            .count();
        assertThat(scanned).as(why + ": rows the scan passed on").isEqualTo(candidates);
      }
    }
    tables.releaseAll();
    blocks.close();
  }

  private static Object key(ColumnType type, long value) {
    return type == ColumnType.INT ? (Object) (int) value : (Object) value;
  }

  /** The join in plain Java: output rows in probe columns (maybe projected) then build columns. */
  private static List<List<Object>> expected(Case shape, List<List<Object>> probeRows, List<List<Object>> buildRows,
      long threshold) {
    Map<Object, List<List<Object>>> byKey = new HashMap<>();
    for (List<Object> build : buildRows) {
      if (build.get(0) != null) {
        byKey.computeIfAbsent(build.get(0), key -> new ArrayList<>()).add(build);
      }
    }
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> probe : probeRows) {
      if (shape.filterAbove() && (Long) probe.get(1) < threshold) {
        continue;
      }
      List<Object> left = shape.projectAbove() ? Arrays.asList(probe.get(1), probe.get(0)) : probe;
      List<List<Object>> matches = probe.get(0) == null ? List.of() : byKey.getOrDefault(probe.get(0), List.of());
      switch (shape.joinType()) {
        case LEFT_SEMI -> {
          if (!matches.isEmpty()) {
            rows.add(left);
          }
        }
        case INNER -> matches.forEach(match -> rows.add(concat(left, match)));
        case LEFT_OUTER -> {
          if (matches.isEmpty()) {
            rows.add(concat(left, Arrays.asList(null, null)));
          } else {
            matches.forEach(match -> rows.add(concat(left, match)));
          }
        }
        default -> throw new AssertionError(shape.joinType());
      }
    }
    return rows;
  }

  private static List<Object> concat(List<Object> left, List<Object> right) {
    List<Object> row = new ArrayList<>(left);
    row.addAll(right);
    return row;
  }

  @ParameterizedTest(name = "upper join {0}")
  @ValueSource(strings = {"INNER", "LEFT_SEMI"})
  void aFewSpreadKeysOfAnUpperJoinReachTheScanThroughALowerJoinsProbeSide(String upperType) {
    JoinType upper = JoinType.valueOf(upperType);
    long seed = TestSeeds.seed(8810);
    Random random = new Random(seed);
    Schema probeSchema = Schema.of(Field.of("k", ColumnType.LONG), Field.of("c", ColumnType.INT));
    Schema lowerBuildSchema = Schema.of(Field.of("lc", ColumnType.INT), Field.of("label", ColumnType.LONG));
    Schema upperBuildSchema = Schema.of(Field.of("uk", ColumnType.LONG));
    List<List<Object>> probeRows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      probeRows.add(Arrays.asList(random.nextInt(50) == 0 ? null : (long) random.nextInt(3_000_000), random.nextInt(10)));
    }
    List<List<Object>> lowerBuild = new ArrayList<>();
    for (int c = 0; c < 8; c++) { // c = 8, 9 have no match below
      lowerBuild.add(Arrays.asList(c, (long) c * 100));
    }
    // Twenty keys far apart (no bitmap of the table's own: too sparse for its slots), most of them probe keys.
    List<List<Object>> upperBuild = new ArrayList<>();
    Set<Object> upperKeys = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      Object key = i % 4 == 0 ? (Object) (long) random.nextInt(3_000_000) : probeRows.get(random.nextInt(probeRows.size())).get(0);
      if (key != null && upperKeys.add(key)) {
        upperBuild.add(Arrays.asList(key));
      }
    }
    PhysicalPlan scan = new CachedScanExec(CACHE_ID, StorageMode.MEMORY_ONLY,
        new InMemoryScanExec(probeSchema, List.of(Batch.fromRows(probeSchema, probeRows))));
    Schema lowerOutput = probeSchema.concat(lowerBuildSchema);
    HashJoinExec lower = new HashJoinExec(scan, new BroadcastReadExec(BROADCAST_ID, lowerBuildSchema), JoinType.INNER,
        List.of(new BoundReference(1, ColumnType.INT, true)), List.of(new BoundReference(0, ColumnType.INT, true)), null,
        lowerOutput);
    Schema upperOutput = upper == JoinType.LEFT_SEMI ? lowerOutput : lowerOutput.concat(upperBuildSchema);
    List<Expression> upperBuildKeys = List.of(new BoundReference(0, ColumnType.LONG, true));
    HashJoinExec join = new HashJoinExec(lower, new BroadcastReadExec(BROADCAST_ID + 1, upperBuildSchema), upper,
        List.of(new BoundReference(0, ColumnType.LONG, true)), upperBuildKeys, null, upperOutput);

    List<List<Object>> expected = new ArrayList<>();
    for (List<Object> row : probeRows) {
      if (row.get(0) != null && upperKeys.contains(row.get(0)) && (Integer) row.get(1) < 8) {
        List<Object> out = new ArrayList<>(row);
        out.addAll(List.of((Integer) row.get(1), (long) (Integer) row.get(1) * 100));
        if (upper == JoinType.INNER) {
          out.add(row.get(0));
        }
        expected.add(out);
      }
    }
    UnifiedMemoryManager memory = new UnifiedMemoryManager(256L << 20, 0.5, directory);
    BlockManager blocks = new BlockManager(memory, directory.resolve("blocks-upper"));
    BroadcastTableCache tables = new BroadcastTableCache(memory);
    for (int task = 0; task < 2; task++) {
      FakeTaskContext context = new FakeTaskContext()
          .withBroadcast(BROADCAST_ID, List.of(Batch.fromRows(lowerBuildSchema, lowerBuild)))
          .withBroadcast(BROADCAST_ID + 1, List.of(Batch.fromRows(upperBuildSchema, upperBuild)))
          .inJob(1, tables).withBlockManager(blocks);
      List<List<Object>> actual = drainRows(OperatorFactory.create(join, 0, context));
      assertThat(multiset(actual)).as(TestSeeds.describe(seed) + ", task " + task).isEqualTo(multiset(expected));
      if (task == 1) {
        long keyed = probeRows.stream().filter(row -> row.get(0) != null && upperKeys.contains(row.get(0))
            && (Integer) row.get(1) < 8).count();
        assertThat(context.metrics().operatorValue(1, OperatorMetric.OUTPUT_ROWS))
            .as("the scan passed on only rows with an upper key and a lower match").isEqualTo(keyed);
      }
    }
    tables.releaseAll();
    blocks.close();
  }
}
