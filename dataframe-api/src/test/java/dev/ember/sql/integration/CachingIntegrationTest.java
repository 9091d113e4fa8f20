package dev.ember.sql.integration;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.catalyst.plan.InMemoryRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.planner.SizeEstimation;
import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.StorageLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * cache() / persist() seen from a session: the first action computes and stores each partition,
 * later actions on the DataFrame and on DataFrames derived from it read the blocks (task metrics
 * count blocks read and computed), answers equal the uncached ones at every level, evicted or lost
 * blocks are recomputed, unpersist() stops the reuse, and stop() leaves the local directory empty.
 */
@ExtendWith(EngineHygiene.class)
class CachingIntegrationTest {
  private static final long ROWS = 20_000;
  private static final int KEYS = 97;
  private static final int PARTITIONS = 3;

  @TempDir
  Path localDirectory;

  private EmberSession session;
  private final List<TaskEndEvent> tasks = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stop() {
    if (session != null) {
      session.stop();
    }
  }

  private EmberSession start(Map<String, String> settings) {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    EmberSession.Builder builder = EmberSession.builder().appName("caching").master("local[2]")
        .config("ember.sql.shuffle.partitions", String.valueOf(PARTITIONS))
        .config("ember.local.dir", localDirectory.toString());
    settings.forEach(builder::config);
    session = builder.getOrCreate();
    session.addJobListener(new JobListener() {
      @Override
      public void onTaskEnd(TaskEndEvent event) {
        tasks.add(event);
      }
    });
    return session;
  }

  private static DataFrame sumsByKey(EmberSession session) {
    return session.range(0, ROWS, 1, 4)
        .withColumn("key", col("id").mod(lit(KEYS)))
        .groupBy(col("key"))
        .agg(count(col("id")).as("n"), sum(col("id")).as("total"));
  }

  private static Map<Long, List<Long>> actual(List<Row> rows) {
    Map<Long, List<Long>> result = new TreeMap<>();
    for (Row row : rows) {
      assertThat(result.put(row.getLong(0), List.of(row.getLong(1), row.getLong(2)))).as("duplicate key").isNull();
    }
    return result;
  }

  /** Plain Java: per key id % 97 the count and sum of the ids, keys below {@code keyLimit}. */
  private static Map<Long, List<Long>> expected(long keyLimit) {
    Map<Long, List<Long>> result = new TreeMap<>();
    for (long key = 0; key < Math.min(KEYS, keyLimit); key++) {
      long n = 0;
      long total = 0;
      for (long id = key; id < ROWS; id += KEYS) {
        n++;
        total += id;
      }
      result.put(key, List.of(n, total));
    }
    return result;
  }

  /** Blocks read from the cache and blocks computed by cached scans in the actions {@code action} runs. */
  private long[] cacheCounts(Runnable action) {
    assertThat(session.waitUntilListenerBusEmpty(java.time.Duration.ofSeconds(30))).isTrue();
    tasks.clear();
    action.run();
    assertThat(session.waitUntilListenerBusEmpty(java.time.Duration.ofSeconds(30))).isTrue();
    long read = 0;
    long computed = 0;
    synchronized (tasks) {
      for (TaskEndEvent task : tasks) {
        read += task.metrics().cachedBlocksRead();
        computed += task.metrics().cachedBlocksComputed();
      }
    }
    return new long[] {read, computed};
  }

  private List<Path> blockFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(localDirectory)) {
      return walk.filter(Files::isRegularFile)
          .filter(path -> path.getParent().getFileName().toString().startsWith("blocks-"))
          .toList();
    }
  }

  private List<Path> everything() throws IOException {
    try (Stream<Path> walk = Files.walk(localDirectory)) {
      return walk.filter(path -> !path.equals(localDirectory)).toList();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"MEMORY_ONLY", "MEMORY_AND_DISK", "DISK_ONLY"})
  void theSecondActionReadsTheCacheAndAnswersAsUncached(String levelName) throws IOException {
    StorageLevel level = switch (levelName) {
      case "MEMORY_ONLY" -> StorageLevel.MEMORY_ONLY;
      case "MEMORY_AND_DISK" -> StorageLevel.MEMORY_AND_DISK;
      default -> StorageLevel.DISK_ONLY;
    };
    EmberSession session = start(Map.of());
    DataFrame sums = sumsByKey(session);
    Map<Long, List<Long>> uncached = actual(sums.collectAsList());
    assertThat(uncached).isEqualTo(expected(KEYS));

    sums.persist(level);
    assertThat(sums.storageLevel()).isEqualTo(level);
    List<List<Row>> results = new ArrayList<>();
    long[] first = cacheCounts(() -> results.add(sums.collectAsList()));
    assertThat(first).containsExactly(0, PARTITIONS);
    assertThat(blockFiles()).hasSize(level == StorageLevel.DISK_ONLY ? PARTITIONS : 0);
    long[] second = cacheCounts(() -> results.add(sums.collectAsList()));
    assertThat(second).containsExactly(PARTITIONS, 0);
    long[] counted = new long[1];
    long[] third = cacheCounts(() -> counted[0] = sums.count());
    assertThat(third).containsExactly(PARTITIONS, 0);
    assertThat(counted[0]).isEqualTo(KEYS);
    for (List<Row> rows : results) {
      assertThat(actual(rows)).isEqualTo(uncached);
    }
  }

  @Test
  void derivedDataFramesReadTheCacheAndExplainShowsTheInMemoryScan() {
    EmberSession session = start(Map.of());
    DataFrame sums = sumsByKey(session).cache();
    sums.count();
    DataFrame small = sums.filter(col("key").lt(lit(10)));
    assertThat(small.explainString("simple")).contains("InMemoryTableScan").contains("MEMORY_AND_DISK");
    List<Row> rows = new ArrayList<>();
    long[] counts = cacheCounts(() -> rows.addAll(small.collectAsList()));
    assertThat(counts).containsExactly(PARTITIONS, 0);
    assertThat(actual(rows)).isEqualTo(expected(10));
    // Joining the cached data with itself reads it on both sides.
    DataFrame other = sums.select(col("key").as("k"), col("n").as("m"));
    long[] joined = cacheCounts(() -> assertThat(sums.join(other, col("key").equalTo(col("k"))).count()).isEqualTo(KEYS));
    assertThat(joined[0]).isEqualTo(2L * PARTITIONS);
    assertThat(joined[1]).isZero();
  }

  /**
   * Once every block of a cache is stored, plans made after count its exact rows (Spark's statistics
   * of a materialized cache) instead of guessing from its plan; unpersisted and cached again, the
   * new cache starts unknown.
   */
  @Test
  void aStoredCacheTellsLaterPlansItsExactRows() {
    EmberSession session = start(Map.of());
    DataFrame even = session.range(0, ROWS, 1, 4).filter(col("id").mod(lit(2)).equalTo(lit(0))).cache();
    // An equality keeps a tenth of the rows, by the estimate.
    assertThat(SizeEstimation.rowCount(cachedRelation(even.select(col("id")).queryExecution().optimized())))
        .isEqualTo(ROWS / 10.0);
    assertThat(even.count()).isEqualTo(ROWS / 2);
    assertThat(SizeEstimation.rowCount(cachedRelation(even.select(col("id")).queryExecution().optimized())))
        .isEqualTo(ROWS / 2.0);
    even.unpersist();
    even.cache();
    assertThat(SizeEstimation.rowCount(cachedRelation(even.select(col("id")).queryExecution().optimized())))
        .as("a new cache, not stored yet").isEqualTo(ROWS / 10.0);
  }

  private static InMemoryRelation cachedRelation(LogicalPlan plan) {
    if (plan instanceof InMemoryRelation relation) {
      return relation;
    }
    return plan.children().stream().map(CachingIntegrationTest::cachedRelation).filter(java.util.Objects::nonNull)
        .findFirst().orElse(null);
  }

  @Test
  void aCacheOfACachedDataFrameReadsTheInnerCacheWhenItComputes() {
    EmberSession session = start(Map.of());
    DataFrame sums = sumsByKey(session).cache();
    sums.count();
    DataFrame small = sums.filter(col("key").lt(lit(10))).persist(StorageLevel.MEMORY_ONLY);
    assertThat(small.explainString("extended")).contains("InMemoryRelation").contains("MEMORY_ONLY");
    List<Row> rows = new ArrayList<>();
    // The outer cache computes its partitions from the inner one's blocks.
    assertThat(cacheCounts(() -> rows.addAll(small.collectAsList()))).containsExactly(PARTITIONS, PARTITIONS);
    assertThat(cacheCounts(() -> rows.addAll(small.collectAsList()))).containsExactly(PARTITIONS, 0);
    assertThat(actual(rows.subList(0, 10))).isEqualTo(expected(10));
    assertThat(actual(rows.subList(10, 20))).isEqualTo(expected(10));
  }

  @Test
  void unpersistDropsTheBlocksAndActionsRecompute() throws IOException {
    EmberSession session = start(Map.of());
    DataFrame sums = sumsByKey(session).persist(StorageLevel.DISK_ONLY);
    sums.count();
    assertThat(blockFiles()).hasSize(PARTITIONS);
    sums.unpersist();
    assertThat(sums.storageLevel()).isEqualTo(StorageLevel.NONE);
    assertThat(blockFiles()).isEmpty();
    assertThat(sums.explainString("simple")).doesNotContain("InMemoryTableScan");
    List<Row> rows = new ArrayList<>();
    long[] counts = cacheCounts(() -> rows.addAll(sums.collectAsList()));
    assertThat(counts).containsExactly(0, 0);
    assertThat(actual(rows)).isEqualTo(expected(KEYS));
  }

  @Test
  void aLostBlockFileIsRecomputedFromLineage() throws IOException {
    EmberSession session = start(Map.of());
    DataFrame sums = sumsByKey(session).persist(StorageLevel.DISK_ONLY);
    sums.count();
    List<Path> files = blockFiles();
    assertThat(files).hasSize(PARTITIONS);
    Files.delete(files.get(1));
    List<Row> rows = new ArrayList<>();
    long[] counts = cacheCounts(() -> rows.addAll(sums.collectAsList()));
    assertThat(counts).containsExactly(PARTITIONS - 1, 1);
    assertThat(actual(rows)).isEqualTo(expected(KEYS));
    assertThat(cacheCounts(sums::count)).containsExactly(PARTITIONS, 0);
  }

  @Test
  void aTinyStorageBudgetEvictsAndStaysCorrect() {
    // 8 partitions of 25,000 rows x 3 longs against about 1 MB of unified memory. Cached blocks are
    // compressed (id in 2 bytes, key in 1), so "scaled" spreads over more than 4 bytes per row to keep
    // each block above 275 KB.
    EmberSession session = start(Map.of("ember.executor.memory", "2m"));
    DataFrame wide = session.range(0, 200_000, 1, 8)
        .withColumn("scaled", col("id").multiply(lit(100_000_007L)))
        .withColumn("key", col("id").mod(lit(KEYS)));
    long expectedTotal = 0;
    for (long id = 0; id < 200_000; id++) {
      expectedTotal += id * 100_000_007L + id % KEYS;
    }
    DataFrame memoryOnly = wide.persist(StorageLevel.MEMORY_ONLY);
    DataFrame totals = memoryOnly.agg(sum(col("scaled").plus(col("key"))).as("total"));
    for (int run = 0; run < 2; run++) {
      List<Row> rows = new ArrayList<>();
      long[] counts = cacheCounts(() -> rows.addAll(totals.collectAsList()));
      assertThat(rows.get(0).getLong(0)).isEqualTo(expectedTotal);
      assertThat(counts[0] + counts[1]).isEqualTo(8);
      if (run == 1) {
        assertThat(counts[1]).as("blocks that did not fit are computed again").isPositive();
      }
    }
    memoryOnly.unpersist();
    DataFrame spilling = wide.persist(StorageLevel.MEMORY_AND_DISK);
    DataFrame spillingTotals = spilling.agg(sum(col("scaled").plus(col("key"))).as("total"));
    assertThat(spillingTotals.collectAsList().get(0).getLong(0)).isEqualTo(expectedTotal);
    List<Row> rows = new ArrayList<>();
    long[] counts = cacheCounts(() -> rows.addAll(spillingTotals.collectAsList()));
    assertThat(counts).containsExactly(8, 0);
    assertThat(rows.get(0).getLong(0)).isEqualTo(expectedTotal);
  }

  @Test
  void persistRejectsNoneAndStopLeavesTheLocalDirectoryEmpty() throws IOException {
    EmberSession session = start(Map.of());
    DataFrame sums = sumsByKey(session);
    assertThatThrownBy(() -> sums.persist(StorageLevel.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NONE");
    sums.persist(StorageLevel.DISK_ONLY).count();
    sumsByKey(session).persist(StorageLevel.MEMORY_AND_DISK).count();
    assertThat(blockFiles()).isNotEmpty();
    session.stop();
    assertThat(everything()).isEmpty();
  }
}
