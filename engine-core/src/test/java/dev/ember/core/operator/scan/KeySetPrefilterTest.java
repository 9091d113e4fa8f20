package dev.ember.core.operator.scan;

import static dev.ember.core.operator.OperatorTesting.drainRows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.operator.FakeTaskContext;
import dev.ember.core.operator.Operator;
import dev.ember.core.operator.hash.KeyBitmap;
import dev.ember.core.plan.CachedScanExec;
import dev.ember.core.plan.InMemoryScanExec;
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
import java.util.List;
import java.util.Random;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cached scan under a join checks the join's key set on the stored keys (a runtime join filter)
 * while it drops rows: a set that keeps nearly every row of the first rows is no longer checked, as
 * its bit tests would cost more than they spare (the join probes every row it gets anyway). Rows
 * are checked against plain Java: never one the set lacks before the set is dropped, every one it
 * holds always.
 */
class KeySetPrefilterTest {
  private static final Schema SCHEMA = Schema.of(Field.of("k", ColumnType.LONG), Field.of("v", ColumnType.LONG));
  private static final int ROWS = 40_000;

  @TempDir
  Path directory;

  private record Scan(List<List<Object>> rows, int keySetsChecked) {}

  /** Stores {@code keys} as a cached block, then reads it back through a prefilter with the set of {@code setKeys}. */
  private Scan scan(long[] keys, long[] setKeys) {
    List<List<Object>> input = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      input.add(Arrays.asList(keys[i], (long) i));
    }
    List<Batch> batches = new ArrayList<>();
    for (int from = 0; from < input.size(); from += Batch.DEFAULT_ROWS) {
      batches.add(Batch.fromRows(SCHEMA, input.subList(from, Math.min(input.size(), from + Batch.DEFAULT_ROWS))));
    }
    CachedScanExec cached = new CachedScanExec(3, StorageMode.MEMORY_ONLY, new InMemoryScanExec(SCHEMA, List.of(Batch.concat(SCHEMA, batches))));
    KeyBitmap bitmap = KeyBitmap.covering(setKeys, setKeys.length, -1, 1L << 26);
    CachedScanOperator.Prefilter prefilter = CachedScanOperator.Prefilter.none()
        .withKeySets(List.of(new CachedScanOperator.KeySet(0, bitmap.lowest(), bitmap.bits(), bitmap.words())));
    UnifiedMemoryManager memory = new UnifiedMemoryManager(256L << 20, 0.5, directory);
    try (BlockManager blocks = new BlockManager(memory, directory.resolve("blocks"))) {
      FakeTaskContext context = new FakeTaskContext().withBlockManager(blocks);
      // The first read computes and stores the block; the second reads it as stored.
      drainRows(CachedScanOperator.create(cached, 0, context, () -> new dev.ember.core.operator.BatchSource(batches),
          prefilter, false));
      Operator stored = CachedScanOperator.create(cached, 0, context, () -> new dev.ember.core.operator.BatchSource(batches),
          prefilter, false);
      List<List<Object>> rows = drainRows(stored);
      return new Scan(rows, ((CachedScanOperator.PrefilteringOperator) stored).keySetsChecked());
    }
  }

  private static long[] keys(Random random, int count, int spread) {
    long[] keys = new long[count];
    for (int i = 0; i < count; i++) {
      keys[i] = 1_000 + random.nextInt(spread);
    }
    return keys;
  }

  private static long[] range(long from, long to, LongPredicate keep) {
    return java.util.stream.LongStream.range(from, to).filter(keep).toArray();
  }

  @Test
  void aSetHoldingEveryKeyIsDroppedAfterItsSampleAndEveryRowPasses() {
    Random random = new Random(TestSeeds.seed(61));
    long[] keys = keys(random, ROWS, 50_000);

    Scan scan = scan(keys, range(1_000, 51_000, key -> true));

    assertThat(scan.rows()).hasSize(ROWS);
    assertThat(scan.keySetsChecked()).as("a set that keeps every row is not worth its bit tests").isZero();
  }

  @Test
  void aSelectiveSetIsCheckedToTheEndAndKeepsExactlyItsKeys() {
    Random random = new Random(TestSeeds.seed(62));
    long[] keys = keys(random, ROWS, 50_000);
    LongPredicate inSet = key -> key % 10 == 3;

    Scan scan = scan(keys, range(1_000, 51_000, inSet));

    long expected = Arrays.stream(keys).filter(inSet).count();
    assertThat(scan.rows()).hasSize((int) expected).allSatisfy(row -> assertThat(inSet.test((Long) row.get(0))).isTrue());
    assertThat(scan.keySetsChecked()).isOne();
  }

  @Test
  void aSetDroppedEarlyKeepsEveryRowItHoldsAndOnlyThoseBeforeTheDrop() {
    // The first half of the rows has only keys in the set, the second half mostly others: the set is
    // dropped during the first half, so later rows pass unchecked (the join above still drops them).
    Random random = new Random(TestSeeds.seed(63));
    long[] keys = new long[ROWS];
    for (int i = 0; i < ROWS; i++) {
      keys[i] = i < ROWS / 2 ? 2 * (1_000 + random.nextInt(10_000)) : 1 + 2 * (1_000 + random.nextInt(10_000));
    }
    LongPredicate inSet = key -> key % 2 == 0;

    Scan scan = scan(keys, range(2_000, 22_000, inSet));

    assertThat(scan.keySetsChecked()).isZero();
    assertThat(scan.rows()).hasSize(ROWS);
    for (int i = 0; i < CachedScanOperator.PrefilteringOperator.KEY_SET_SAMPLE_ROWS; i++) {
      assertThat(inSet.test((Long) scan.rows().get(i).get(0))).isTrue();
    }
  }

  // ---- Rows of batches that keep few go up together ----

  private static final Schema WIDE = Schema.of(Field.of("day", ColumnType.DATE), Field.of("flag", ColumnType.STRING),
      Field.of("comment", ColumnType.STRING), Field.of("price", ColumnType.decimal(12, 2)));

  /** What a scan passed up: its rows (read before asking for the next batch) and each batch's row count. */
  private record Output(List<List<Object>> rows, List<Integer> batchSizes) {}

  /**
   * Stores {@code input} as a cached block of 4,096-row batches and reads it back under {@code
   * prefilter}, into scratch arrays when {@code scratch} (every batch read before the next is asked for).
   */
  private Output scanBatches(List<List<Object>> input, CachedScanOperator.Prefilter prefilter, boolean scratch) {
    List<Batch> batches = new ArrayList<>();
    for (int from = 0; from < input.size(); from += Batch.DEFAULT_ROWS) {
      batches.add(Batch.fromRows(WIDE, input.subList(from, Math.min(input.size(), from + Batch.DEFAULT_ROWS))));
    }
    CachedScanExec cached = new CachedScanExec(4, StorageMode.MEMORY_ONLY, new InMemoryScanExec(WIDE, batches));
    UnifiedMemoryManager memory = new UnifiedMemoryManager(256L << 20, 0.5, directory);
    try (BlockManager blocks = new BlockManager(memory, directory.resolve("wide-blocks"))) {
      FakeTaskContext context = new FakeTaskContext().withBlockManager(blocks);
      drainRows(CachedScanOperator.create(cached, 0, context, () -> new dev.ember.core.operator.BatchSource(batches),
          prefilter, false));
      Operator stored = CachedScanOperator.create(cached, 0, context, () -> new dev.ember.core.operator.BatchSource(batches),
          prefilter, scratch);
      List<List<Object>> rows = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      for (Batch batch = stored.next(); batch != null; batch = stored.next()) {
        rows.addAll(batch.rows());
        sizes.add(batch.rowCount());
      }
      stored.close();
      return new Output(rows, sizes);
    }
  }

  private static List<List<Object>> wideRows(Random random, int count) {
    String[] flags = {"A", "N", "R", "é"};
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(Arrays.asList(
          random.nextInt(50) == 0 ? null : 9_000 + random.nextInt(2_500),
          flags[random.nextInt(flags.length)],
          random.nextInt(30) == 0 ? null : "comment " + random.nextInt(1_000_000) + " ü",
          random.nextInt(40) == 0 ? null : java.math.BigDecimal.valueOf(random.nextInt(1_000_000), 2)));
    }
    return rows;
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "into scratch arrays: {0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void theRowsOfBatchesThatKeepFewGoUpTogetherInScanOrder(boolean scratch) {
    Random random = new Random(TestSeeds.seed(64));
    List<List<Object>> input = wideRows(random, 150_000);
    // 120 days of 2,500: about 200 rows of each 4,096.
    CachedScanOperator.Prefilter prefilter = new CachedScanOperator.Prefilter(
        List.of(new CachedScanOperator.ColumnRange(0, 10_000, 10_119)), List.of());

    Output output = scanBatches(input, prefilter, scratch);

    List<List<Object>> expected = input.stream()
        .filter(row -> row.get(0) != null && (Integer) row.get(0) >= 10_000 && (Integer) row.get(0) <= 10_119).toList();
    assertThat(output.rows()).containsExactlyElementsOf(expected);
    List<Integer> sizes = output.batchSizes();
    assertThat(expected.size()).as("rows enough for several batches").isGreaterThan(2 * CachedScanOperator.PrefilteringOperator.COALESCED_ROWS);
    assertThat(sizes).as("about 200 rows a stored batch, passed on a few thousand at a time").hasSizeLessThan(5);
    for (int i = 0; i + 1 < sizes.size(); i++) {
      assertThat(sizes.get(i)).isGreaterThanOrEqualTo(CachedScanOperator.PrefilteringOperator.COALESCED_ROWS);
    }
  }

  @Test
  void batchesThatKeepManyRowsGoUpOneByOne() {
    Random random = new Random(TestSeeds.seed(65));
    List<List<Object>> input = wideRows(random, 30_000);
    // Half the days: about 2,000 rows of each 4,096, more than enough to go up alone.
    CachedScanOperator.Prefilter prefilter = new CachedScanOperator.Prefilter(
        List.of(new CachedScanOperator.ColumnRange(0, 9_000, 10_249)), List.of());

    Output output = scanBatches(input, prefilter, true);

    List<List<Object>> expected = input.stream()
        .filter(row -> row.get(0) != null && (Integer) row.get(0) >= 9_000 && (Integer) row.get(0) <= 10_249).toList();
    assertThat(output.rows()).containsExactlyElementsOf(expected);
    assertThat(output.batchSizes()).hasSize((30_000 + Batch.DEFAULT_ROWS - 1) / Batch.DEFAULT_ROWS);
  }
}
