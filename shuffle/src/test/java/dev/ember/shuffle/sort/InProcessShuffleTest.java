package dev.ember.shuffle.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.memory.MemoryConsumer;
import dev.ember.core.memory.TaskMemoryManager;
import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.operator.Operator;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.shuffle.ShuffleDependency;
import dev.ember.core.shuffle.ShuffleWriter;
import dev.ember.core.testing.EngineHygiene;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.VectorHashing;
import dev.ember.shuffle.TestBatches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process store of {@link DiskShuffleManager} (local mode): map outputs held as batches and
 * read by reference, their storage memory reserved while held and released on replacement,
 * removal and close, eviction to the encoded files when execution needs the memory, concurrent
 * readers, and failed attempts that leave nothing reserved. Expected rows come from plain Java.
 */
@ExtendWith(EngineHygiene.class)
class InProcessShuffleTest {
  private static final BoundReference KEY = new BoundReference(2, ColumnType.LONG, true);

  @TempDir
  Path localDirectory;

  private final List<DiskShuffleManager> managers = new ArrayList<>();

  @AfterEach
  void closeManagers() {
    for (DiskShuffleManager manager : managers) {
      manager.close();
      assertThat(manager.heldMemory().storageUsed()).as("storage memory after close").isZero();
      assertThat(manager.heldMemory().executionUsed()).as("execution memory after close").isZero();
    }
  }

  private DiskShuffleManager manager(long memoryBytes) {
    DiskShuffleManager manager = DiskShuffleManager.inProcess("local", DiskShuffleSettings.defaults(localDirectory),
        root -> UnifiedMemoryManager.forExecution(memoryBytes, root.resolve("spill")));
    managers.add(manager);
    return manager;
  }

  private static ShuffleDependency dependency(int shuffleId, int maps, int reducers) {
    return new ShuffleDependency(shuffleId, maps, new Partitioning.Hash(List.of(KEY), reducers), TestBatches.ALL_TYPES, null);
  }

  /** Writes one map attempt as a task would: its own task memory, released (and checked for leaks) at the end. */
  private static MapStatus writeMap(DiskShuffleManager manager, ShuffleDependency dependency, int map, long attempt,
      List<List<Object>> rows) {
    try (TaskMemoryManager memory = manager.heldMemory().newTaskMemory(attempt);
        ShuffleWriter writer = manager.writer(dependency, map, attempt, new TaskMetrics(), memory)) {
      for (Batch batch : TestBatches.batches(rows, new Random(attempt), 900)) {
        writer.write(batch);
      }
      MapStatus status = writer.commit();
      assertThat(memory.used()).as("execution memory of map %d after its commit", map).isZero();
      return status;
    }
  }

  private static List<List<List<Object>>> inputs(int maps, int rowsPerMap, long seed) {
    Random random = new Random(seed);
    List<List<List<Object>>> inputs = new ArrayList<>();
    for (int map = 0; map < maps; map++) {
      // Skew: every third map is empty or tiny; nulls in every column.
      int rows = map % 3 == 2 ? random.nextInt(3) : rowsPerMap;
      inputs.add(TestBatches.rows(random, rows, 9));
    }
    return inputs;
  }

  private static int partitionOf(Object key, int reducers) {
    int hash = key == null ? VectorHashing.SEED : VectorHashing.hashLong((Long) key, VectorHashing.SEED);
    return VectorHashing.partitionOf(hash, reducers);
  }

  /** Plain Java: each reducer's rows, map after map, in input order. */
  private static List<List<List<Object>>> expected(List<List<List<Object>>> inputs, int reducers) {
    List<List<List<Object>>> byReducer = new ArrayList<>();
    for (int reducer = 0; reducer < reducers; reducer++) {
      byReducer.add(new ArrayList<>());
    }
    for (List<List<Object>> rows : inputs) {
      for (List<Object> row : rows) {
        byReducer.get(partitionOf(row.get(2), reducers)).add(row);
      }
    }
    return byReducer;
  }

  private static List<Batch> readBatches(DiskShuffleManager manager, int shuffleId, int reducer, List<MapStatus> statuses) {
    List<Batch> batches = new ArrayList<>();
    try (Operator reader = manager.reader(shuffleId, reducer, statuses, new TaskMetrics())) {
      for (Batch batch = reader.next(); batch != null; batch = reader.next()) {
        batches.add(batch);
      }
    }
    return batches;
  }

  private static List<List<Object>> readRows(DiskShuffleManager manager, int shuffleId, int reducer, List<MapStatus> statuses) {
    List<List<Object>> rows = new ArrayList<>();
    for (Batch batch : readBatches(manager, shuffleId, reducer, statuses)) {
      rows.addAll(batch.rows());
    }
    return rows;
  }

  private static long sum(long[] values) {
    long total = 0;
    for (long value : values) {
      total += value;
    }
    return total;
  }

  private static boolean anyFile(Path directory) throws Exception {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.anyMatch(Files::isRegularFile);
    }
  }

  @Test
  void heldOutputsAreReadByReferenceCompactedAndReserveStorageUntilTheirShuffleIsRemoved() throws Exception {
    DiskShuffleManager manager = manager(256L << 20);
    int reducers = 5;
    List<List<List<Object>>> inputs = inputs(6, 5000, 1);
    ShuffleDependency dependency = dependency(7, inputs.size(), reducers);
    List<MapStatus> statuses = new ArrayList<>();
    for (int map = 0; map < inputs.size(); map++) {
      statuses.add(writeMap(manager, dependency, map, map, inputs.get(map)));
    }
    long held = statuses.stream().mapToLong(status -> sum(status.blockSizes())).sum();
    assertThat(held).isPositive();
    assertThat(manager.heldMemory().storageUsed()).isEqualTo(held);
    assertThat(anyFile(manager.rootDirectory())).as("a held output makes no file").isFalse();
    for (int map = 0; map < inputs.size(); map++) {
      assertThat(manager.isHeld(7, map)).isTrue();
      assertThat(manager.isInMemory(7, map)).isFalse();
      assertThat(sum(statuses.get(map).blockRecords())).isEqualTo(inputs.get(map).size());
    }

    List<List<List<Object>>> expected = expected(inputs, reducers);
    for (int reducer = 0; reducer < reducers; reducer++) {
      List<Batch> first = readBatches(manager, 7, reducer, statuses);
      List<Batch> second = readBatches(manager, 7, reducer, statuses);
      List<List<Object>> rows = new ArrayList<>();
      for (int i = 0; i < first.size(); i++) {
        assertThat(second.get(i)).as("the same batch, not a copy").isSameAs(first.get(i));
        rows.addAll(first.get(i).rows());
      }
      assertThat(rows).isEqualTo(expected.get(reducer));
      // 900-row input batches split five ways are coalesced: at most 4096 rows, and few batches per map.
      assertThat(first).allSatisfy(batch -> assertThat(batch.rowCount()).isBetween(1, BlockWriter.TARGET_ROWS));
      assertThat(first.size()).isLessThanOrEqualTo(inputs.size() * 2);
    }

    // A later attempt of map 0 replaces the first one and its memory.
    MapStatus again = writeMap(manager, dependency, 0, 100, inputs.get(1));
    long replacedHeld = held - sum(statuses.get(0).blockSizes()) + sum(again.blockSizes());
    assertThat(manager.heldMemory().storageUsed()).isEqualTo(replacedHeld);

    assertThat(manager.shuffleIds()).containsExactly(7);
    manager.removeShuffle(7);
    assertThat(manager.heldMemory().storageUsed()).isZero();
    assertThat(manager.shuffleIds()).isEmpty();
    assertThat(manager.isHeld(7, 1)).isFalse();
  }

  /**
   * Two reducers (local[2]'s exchange) and full input batches: each piece holds about half a batch,
   * enough to read as it is, so each is handed over by reference instead of being concatenated with
   * its neighbour (a copy of every shuffled row). The rows are those of the input, in order.
   */
  @Test
  void piecesOfAQuarterBatchOrMoreAreReadAsTheyAreNotConcatenated() throws Exception {
    DiskShuffleManager manager = manager(256L << 20);
    int reducers = 2;
    int batches = 6;
    List<List<Object>> rows = TestBatches.rows(new Random(11), batches * BlockWriter.TARGET_ROWS, 9);
    ShuffleDependency dependency = dependency(8, 1, reducers);
    MapStatus status;
    try (TaskMemoryManager memory = manager.heldMemory().newTaskMemory(1);
        ShuffleWriter writer = manager.writer(dependency, 0, 1, new TaskMetrics(), memory)) {
      for (int batch = 0; batch < batches; batch++) {
        writer.write(TestBatches.batch(rows.subList(batch * BlockWriter.TARGET_ROWS, (batch + 1) * BlockWriter.TARGET_ROWS)));
      }
      status = writer.commit();
    }
    List<List<List<Object>>> expected = expected(List.of(rows), reducers);
    for (int reducer = 0; reducer < reducers; reducer++) {
      List<Batch> read = readBatches(manager, 8, reducer, List.of(status));
      assertThat(read).as("one piece of each input batch, none concatenated").hasSize(batches);
      assertThat(read).allSatisfy(batch -> assertThat(batch.rowCount()).isGreaterThanOrEqualTo(SortShuffleWriter.KEPT_PIECE_ROWS));
      List<List<Object>> readRows = new ArrayList<>();
      read.forEach(batch -> readRows.addAll(batch.rows()));
      assertThat(readRows).isEqualTo(expected.get(reducer));
    }
  }

  @Test
  void whenExecutionNeedsTheMemoryHeldOutputsGoToFilesAndReadTheSame() throws Exception {
    DiskShuffleManager manager = manager(64L << 20);
    int reducers = 4;
    List<List<List<Object>>> inputs = inputs(5, 6000, 2);
    ShuffleDependency dependency = dependency(3, inputs.size(), reducers);
    List<MapStatus> statuses = new ArrayList<>();
    for (int map = 0; map < inputs.size(); map++) {
      statuses.add(writeMap(manager, dependency, map, map, inputs.get(map)));
    }
    UnifiedMemoryManager memory = manager.heldMemory();
    long held = memory.storageUsed();
    assertThat(held).isPositive();

    // A task of a later stage asks for all of execution memory: storage gives back what it borrowed.
    try (TaskMemoryManager task = memory.newTaskMemory(99)) {
      MemoryConsumer hungry = new NamedConsumer("hungry sort");
      long granted = task.reserve(memory.maxMemory(), hungry);
      assertThat(granted).isEqualTo(memory.maxMemory());
      assertThat(memory.storageUsed()).isZero();
      assertThat(manager.evictedOutputs()).isEqualTo(inputs.size());
      for (int map = 0; map < inputs.size(); map++) {
        assertThat(manager.isHeld(3, map)).isFalse();
        assertThat(Files.exists(manager.dataFile(3, map))).isTrue();
      }
      List<List<List<Object>>> expected = expected(inputs, reducers);
      for (int reducer = 0; reducer < reducers; reducer++) {
        assertThat(readRows(manager, 3, reducer, statuses)).isEqualTo(expected.get(reducer));
      }
      task.release(granted, hungry);
    }
    assertThat(memory.executionUsed()).isZero();
  }

  @Test
  void underASmallBudgetOutputsTakeTheFilePathAndResultsEqualPlainJava() {
    // 1 MiB of memory for about 1.5 MB per map output: the writer spills or storage refuses; both end in files.
    DiskShuffleManager manager = manager(1L << 20);
    int reducers = 7;
    List<List<List<Object>>> inputs = inputs(4, 20_000, 3);
    ShuffleDependency dependency = dependency(9, inputs.size(), reducers);
    List<MapStatus> statuses = new ArrayList<>();
    for (int map = 0; map < inputs.size(); map++) {
      statuses.add(writeMap(manager, dependency, map, map, inputs.get(map)));
    }
    assertThat(Files.exists(manager.dataFile(9, 0))).isTrue();
    assertThat(manager.isHeld(9, 0)).isFalse();
    assertThat(manager.heldMemory().storageUsed()).isLessThanOrEqualTo(manager.heldMemory().maxMemory());
    List<List<List<Object>>> expected = expected(inputs, reducers);
    for (int reducer = 0; reducer < reducers; reducer++) {
      assertThat(readRows(manager, 9, reducer, statuses)).isEqualTo(expected.get(reducer));
    }
  }

  @Test
  void manyReducersReadOneOutputConcurrentlyWhileItIsEvicted() throws Exception {
    DiskShuffleManager manager = manager(64L << 20);
    int reducers = 6;
    List<List<List<Object>>> inputs = inputs(4, 8000, 4);
    ShuffleDependency dependency = dependency(5, inputs.size(), reducers);
    List<MapStatus> statuses = new ArrayList<>();
    for (int map = 0; map < inputs.size(); map++) {
      statuses.add(writeMap(manager, dependency, map, map, inputs.get(map)));
    }
    List<List<List<Object>>> expected = expected(inputs, reducers);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch started = new CountDownLatch(8);
    List<Future<Integer>> readers = new ArrayList<>();
    try {
      for (int thread = 0; thread < 8; thread++) {
        readers.add(pool.submit(() -> {
          started.countDown();
          int rounds = 0;
          for (; rounds < 15; rounds++) {
            for (int reducer = 0; reducer < reducers; reducer++) {
              assertThat(readRows(manager, 5, reducer, statuses)).isEqualTo(expected.get(reducer));
            }
          }
          return rounds;
        }));
      }
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
      try (TaskMemoryManager task = manager.heldMemory().newTaskMemory(50)) {
        MemoryConsumer hungry = new NamedConsumer("hungry join");
        long granted = task.reserve(manager.heldMemory().maxMemory(), hungry);
        task.release(granted, hungry);
      }
      for (Future<Integer> reader : readers) {
        assertThat(reader.get(120, TimeUnit.SECONDS)).isEqualTo(15);
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(manager.evictedOutputs()).isEqualTo(inputs.size());
    assertThat(manager.heldMemory().storageUsed()).isZero();
  }

  @Test
  void aMapTaskFailingMidWriteLeavesNothingReservedHeldOrWritten() throws Exception {
    for (long budget : new long[] {256L << 20, 1L << 20}) {
      DiskShuffleManager manager = manager(budget);
      ShuffleDependency dependency = dependency(2, 1, 3);
      List<List<Object>> rows = TestBatches.rows(new Random(5), 30_000, 7);
      TaskMemoryManager memory = manager.heldMemory().newTaskMemory(1);
      RuntimeException failure = new IllegalStateException("the map's operator failed");
      assertThatThrownBy(() -> {
        try (ShuffleWriter writer = manager.writer(dependency, 0, 1, new TaskMetrics(), memory)) {
          int written = 0;
          for (Batch batch : TestBatches.batches(rows, new Random(6), 900)) {
            writer.write(batch);
            if (++written == 20) {
              throw failure;
            }
          }
          writer.commit();
        }
      }).isSameAs(failure);
      assertThat(memory.used()).as("the writer gave its execution memory back").isZero();
      assertThat(memory.releaseAll()).as("no consumer leaked memory").isEmpty();
      assertThat(manager.heldMemory().storageUsed()).isZero();
      assertThat(manager.isHeld(2, 0)).isFalse();
      assertThat(anyFile(manager.rootDirectory())).as("no data file, no spill left").isFalse();
    }
  }

  @Test
  void theBlockServerGetsAHeldOutputAsEncodedFrames() {
    DiskShuffleManager manager = manager(256L << 20);
    int reducers = 3;
    List<List<List<Object>>> inputs = inputs(1, 3000, 8);
    ShuffleDependency dependency = dependency(4, 1, reducers);
    MapStatus status = writeMap(manager, dependency, 0, 0, inputs.getFirst());
    dev.ember.shuffle.fetch.LocalBlocks blocks = manager.open(4, 0, 1, 3);
    assertThat(blocks).isInstanceOf(dev.ember.shuffle.fetch.LocalBlocks.InMemory.class);
    assertThat(blocks.length()).isPositive();
    assertThat(manager.isHeld(4, 0)).as("encoding for a server leaves the batches held").isTrue();
    assertThat(status.hasBlockServer()).isFalse();
    assertThatThrownBy(() -> manager.open(4, 0, 0, reducers + 1)).hasMessageContaining("outside");
  }

  private record NamedConsumer(String name) implements MemoryConsumer {
    @Override
    public long spill(long bytes) {
      return 0;
    }
  }
}
