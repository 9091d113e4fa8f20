package dev.ember.shuffle.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.io.Directories;
import dev.ember.core.io.ProcessOwner;
import dev.ember.core.memory.TaskMemory;
import dev.ember.core.operator.Operator;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.shuffle.FetchFailedException;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.shuffle.ShuffleDependency;
import dev.ember.core.shuffle.ShuffleWriter;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.VectorHashing;
import dev.ember.shuffle.TestBatches;
import dev.ember.shuffle.fetch.BlockFetcher;
import dev.ember.shuffle.fetch.ShuffleBlockId;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(EngineHygiene.class)
class DiskShuffleManagerTest {
  /** Hash on the LONG column (index 2) of {@link TestBatches#ALL_TYPES}. */
  private static final BoundReference KEY = new BoundReference(2, ColumnType.LONG, true);

  @TempDir
  Path localDirectory;

  private final List<DiskShuffleManager> managers = new ArrayList<>();

  @AfterEach
  void closeManagers() {
    managers.forEach(DiskShuffleManager::close);
  }

  private DiskShuffleManager manager(DiskShuffleSettings settings) {
    DiskShuffleManager manager = new DiskShuffleManager("exec-0", settings);
    managers.add(manager);
    return manager;
  }

  /** Settings that write every map output to files (these tests look at, delete and damage them). */
  private DiskShuffleSettings settings(boolean compress, int bypassThreshold) {
    return DiskShuffleSettings.defaults(localDirectory).withCompress(compress).withBypassMergeThreshold(bypassThreshold)
        .withInMemoryOutputBytes(0);
  }

  private static ShuffleDependency dependency(int shuffleId, int maps, int reducers) {
    return new ShuffleDependency(shuffleId, maps, new Partitioning.Hash(List.of(KEY), reducers), TestBatches.ALL_TYPES, null);
  }

  /** Map inputs with empty maps (every fourth) and skewed keys. */
  private static List<List<List<Object>>> mapInputs(int maps, Random random) {
    List<List<List<Object>>> inputs = new ArrayList<>();
    for (int map = 0; map < maps; map++) {
      inputs.add(map % 4 == 3 ? List.of() : TestBatches.rows(random, random.nextInt(4000), 6));
    }
    return inputs;
  }

  private static MapStatus writeMap(DiskShuffleManager manager, ShuffleDependency dependency, int map,
      List<List<Object>> rows, TaskMetrics metrics, TaskMemory memory) {
    Random random = new Random(map);
    try (ShuffleWriter writer = manager.writer(dependency, map, map, metrics, memory)) {
      for (Batch batch : TestBatches.batches(rows, random, 900)) {
        writer.write(batch);
      }
      return writer.commit();
    }
  }

  private static List<List<Object>> readAll(Operator reader) {
    List<List<Object>> rows = new ArrayList<>();
    try (reader) {
      for (Batch batch = reader.next(); batch != null; batch = reader.next()) {
        rows.addAll(batch.rows());
      }
    }
    return rows;
  }

  private static int partitionOf(Object key, int reducers) {
    int hash = key == null ? VectorHashing.SEED : VectorHashing.hashLong((Long) key, VectorHashing.SEED);
    return VectorHashing.partitionOf(hash, reducers);
  }

  private static List<List<Object>> expected(List<List<List<Object>>> inputs, int reducer, int reducers) {
    List<List<Object>> expected = new ArrayList<>();
    for (List<List<Object>> map : inputs) {
      for (List<Object> row : map) {
        if (partitionOf(row.get(2), reducers) == reducer) {
          expected.add(row);
        }
      }
    }
    return expected;
  }

  private static List<Path> files(Path directory) throws IOException {
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  @ParameterizedTest(name = "reducers={0} compress={1} bypass threshold={2}")
  @CsvSource({"7, true, 64", "7, false, 64", "90, true, 64", "90, false, 64", "1, true, 0"})
  void manyMapsAndReducersRoundTripInMapOrderFromManyThreads(int reducers, boolean compress, int threshold)
      throws Exception {
    Random random = new Random(reducers * 31L + (compress ? 1 : 0));
    int maps = 10;
    List<List<List<Object>>> inputs = mapInputs(maps, random);
    DiskShuffleManager manager = manager(settings(compress, threshold));
    ShuffleDependency dependency = dependency(3, maps, reducers);
    MapStatus[] statuses = new MapStatus[maps];
    TaskMetrics[] writeMetrics = new TaskMetrics[maps];
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<MapStatus>> futures = new ArrayList<>();
      for (int map = 0; map < maps; map++) {
        int mapId = map;
        writeMetrics[map] = new TaskMetrics();
        futures.add(pool.submit(() -> writeMap(manager, dependency, mapId, inputs.get(mapId), writeMetrics[mapId],
            TaskMemory.UNLIMITED)));
      }
      for (int map = 0; map < maps; map++) {
        statuses[map] = futures.get(map).get();
      }
    } finally {
      pool.shutdown();
    }
    long totalRows = 0;
    for (int reducer = 0; reducer < reducers; reducer++) {
      List<List<Object>> expected = expected(inputs, reducer, reducers);
      long blockBytes = 0;
      for (int map = 0; map < maps; map++) {
        long mapRows = expected(List.of(inputs.get(map)), reducer, reducers).size();
        assertThat(statuses[map].blockRecords()[reducer]).isEqualTo(mapRows);
        assertThat(statuses[map].blockSizes()[reducer] > 0).isEqualTo(mapRows > 0);
        blockBytes += statuses[map].blockSizes()[reducer];
      }
      TaskMetrics readMetrics = new TaskMetrics();
      List<List<Object>> actual = readAll(manager.reader(3, reducer, List.of(statuses), readMetrics));
      assertThat(actual).isEqualTo(expected);
      assertThat(readMetrics.shuffleRecordsRead()).isEqualTo(expected.size());
      assertThat(readMetrics.shuffleBytesRead()).isEqualTo(blockBytes);
      totalRows += actual.size();
    }
    assertThat(totalRows).isEqualTo(inputs.stream().mapToLong(List::size).sum());
    for (int map = 0; map < maps; map++) {
      assertThat(statuses[map].executorId()).isEqualTo("exec-0");
      assertThat(statuses[map].mapId()).isEqualTo(map);
      assertThat(writeMetrics[map].shuffleRecordsWritten()).isEqualTo(inputs.get(map).size());
      assertThat(writeMetrics[map].shuffleBytesWritten()).isEqualTo(Files.size(manager.dataFile(3, map)));
      assertThat(Files.size(manager.indexFile(3, map))).isEqualTo(8L * (reducers + 1));
      assertThat(writeMetrics[map].spillCount()).isZero();
    }
    // Only the committed pairs are left: no temporary, spill or part files.
    assertThat(files(manager.rootDirectory())).hasSize(2 * maps)
        .allSatisfy(path -> assertThat(path.getFileName().toString()).matches("shuffle_3_\\d+_0\\.(data|index)"));
  }

  @ParameterizedTest(name = "askToSpill={0}")
  @CsvSource({"false", "true"})
  void aTinyMemoryBudgetForcesSpillsAndTheResultStaysTheSame(boolean askToSpill) {
    Random random = new Random(7);
    int maps = 3;
    int reducers = 80;
    List<List<List<Object>>> inputs = new ArrayList<>();
    for (int map = 0; map < maps; map++) {
      inputs.add(TestBatches.rows(random, 4000, 6));
    }
    DiskShuffleManager spilling = manager(settings(true, 64));
    DiskShuffleManager reference = manager(settings(false, 0));
    ShuffleDependency dependency = dependency(0, maps, reducers);
    MapStatus[] spilled = new MapStatus[maps];
    MapStatus[] unlimited = new MapStatus[maps];
    long spills = 0;
    for (int map = 0; map < maps; map++) {
      FakeTaskMemory memory = new FakeTaskMemory(60_000, askToSpill);
      TaskMetrics metrics = new TaskMetrics();
      spilled[map] = writeMap(spilling, dependency, map, inputs.get(map), metrics, memory);
      unlimited[map] = writeMap(reference, dependency, map, inputs.get(map), new TaskMetrics(), TaskMemory.UNLIMITED);
      assertThat(memory.used()).as("everything given back").isZero();
      assertThat(memory.peak).isLessThanOrEqualTo(60_000);
      assertThat(metrics.spillCount()).isPositive();
      assertThat(metrics.spillBytes()).isPositive();
      assertThat(askToSpill ? memory.spillRequests : memory.refusals).isPositive();
      spills += metrics.spillCount();
      assertThat(spilled[map].blockRecords()).isEqualTo(unlimited[map].blockRecords());
    }
    assertThat(spills).isGreaterThan(maps);
    for (int reducer = 0; reducer < reducers; reducer++) {
      List<List<Object>> expected = expected(inputs, reducer, reducers);
      assertThat(readAll(spilling.reader(0, reducer, List.of(spilled), new TaskMetrics()))).isEqualTo(expected);
      assertThat(readAll(reference.reader(0, reducer, List.of(unlimited), new TaskMetrics()))).isEqualTo(expected);
    }
  }

  @Test
  void aTinyBufferCapSpillsEvenWithUnlimitedMemory() throws IOException {
    Random random = new Random(8);
    List<List<Object>> rows = TestBatches.rows(random, 5000, 4);
    DiskShuffleManager manager = manager(settings(true, 0).withWriteBufferBytes(10_000));
    TaskMetrics metrics = new TaskMetrics();
    MapStatus status = writeMap(manager, dependency(1, 1, 5), 0, rows, metrics, TaskMemory.UNLIMITED);
    assertThat(metrics.spillCount()).isGreaterThan(3);
    for (int reducer = 0; reducer < 5; reducer++) {
      assertThat(readAll(manager.reader(1, reducer, List.of(status), new TaskMetrics())))
          .isEqualTo(expected(List.of(rows), reducer, 5));
    }
    assertThat(files(manager.rootDirectory())).as("spill files are deleted at commit").hasSize(2);
  }

  @Test
  void bypassAndSortPathsGiveIdenticalResults() {
    Random random = new Random(9);
    int maps = 4;
    int reducers = 20;
    List<List<List<Object>>> inputs = mapInputs(maps, random);
    DiskShuffleManager bypass = manager(settings(true, 64));
    DiskShuffleManager sort = manager(settings(true, 0));
    ShuffleDependency dependency = dependency(2, maps, reducers);
    List<MapStatus> bypassStatuses = new ArrayList<>();
    List<MapStatus> sortStatuses = new ArrayList<>();
    for (int map = 0; map < maps; map++) {
      ShuffleWriter probe = bypass.writer(dependency, map, 0, new TaskMetrics(), TaskMemory.UNLIMITED);
      assertThat(probe).isInstanceOf(BypassShuffleWriter.class);
      probe.close();
      assertThat(sort.writer(dependency, map, 0, new TaskMetrics(), TaskMemory.UNLIMITED)).isInstanceOf(SortShuffleWriter.class);
      bypassStatuses.add(writeMap(bypass, dependency, map, inputs.get(map), new TaskMetrics(), TaskMemory.UNLIMITED));
      sortStatuses.add(writeMap(sort, dependency, map, inputs.get(map), new TaskMetrics(), TaskMemory.UNLIMITED));
      assertThat(bypassStatuses.get(map).blockRecords()).isEqualTo(sortStatuses.get(map).blockRecords());
    }
    for (int reducer = 0; reducer < reducers; reducer++) {
      List<List<Object>> fromBypass = readAll(bypass.reader(2, reducer, bypassStatuses, new TaskMetrics()));
      assertThat(readAll(sort.reader(2, reducer, sortStatuses, new TaskMetrics()))).isEqualTo(fromBypass);
      assertThat(fromBypass).isEqualTo(expected(inputs, reducer, reducers));
    }
  }

  @ParameterizedTest(name = "bypass threshold={0}")
  @CsvSource({"0", "64"})
  void aFailedOrUncommittedAttemptLeavesNothingAndALaterAttemptReplacesAnEarlierOne(int threshold) throws IOException {
    DiskShuffleManager manager = manager(settings(true, threshold).withWriteBufferBytes(5_000));
    ShuffleDependency dependency = dependency(4, 2, 3);
    Random random = new Random(10);
    // Map 0 commits; map 1's first attempt spills, then its task fails before commit.
    List<List<Object>> first = TestBatches.rows(random, 1000, 5);
    MapStatus map0 = writeMap(manager, dependency, 0, first, new TaskMetrics(), TaskMemory.UNLIMITED);
    try (ShuffleWriter writer = manager.writer(dependency, 1, 7, new TaskMetrics(), TaskMemory.UNLIMITED)) {
      for (Batch batch : TestBatches.batches(TestBatches.rows(random, 3000, 5), random, 500)) {
        writer.write(batch);
      }
      assertThatThrownBy(() -> writer.write(Batch.of(dev.ember.core.vector.ColumnVector.allNulls(ColumnType.INT, 1))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expects 7 columns");
    }
    assertThat(files(manager.rootDirectory())).extracting(path -> path.getFileName().toString())
        .containsExactlyInAnyOrder("shuffle_4_0_0.data", "shuffle_4_0_0.index");
    // A committed writer cannot write again, a closed one neither.
    ShuffleWriter closed = manager.writer(dependency, 1, 8, new TaskMetrics(), TaskMemory.UNLIMITED);
    closed.close();
    assertThatThrownBy(() -> closed.write(TestBatches.batch(first))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");

    // A second attempt of map 0 with other rows replaces the first one's files.
    List<List<Object>> second = TestBatches.rows(random, 700, 5);
    MapStatus again = writeMap(manager, dependency, 0, second, new TaskMetrics(), TaskMemory.UNLIMITED);
    MapStatus map1 = writeMap(manager, dependency, 1, List.of(), new TaskMetrics(), TaskMemory.UNLIMITED);
    assertThat(map1.blockSizes()).containsOnly(0L);
    for (int reducer = 0; reducer < 3; reducer++) {
      assertThat(readAll(manager.reader(4, reducer, List.of(again, map1), new TaskMetrics())))
          .isEqualTo(expected(List.of(second), reducer, 3));
    }
    assertThat(map0.blockRecords()).isNotEqualTo(again.blockRecords());
    assertThat(files(manager.rootDirectory())).hasSize(4);
  }

  private MapStatus[] writeSmallShuffle(DiskShuffleManager manager, int shuffleId, List<List<Object>> rows) {
    ShuffleDependency dependency = dependency(shuffleId, 2, 2);
    return new MapStatus[] {
        writeMap(manager, dependency, 0, rows, new TaskMetrics(), TaskMemory.UNLIMITED),
        writeMap(manager, dependency, 1, rows, new TaskMetrics(), TaskMemory.UNLIMITED)};
  }

  @Test
  void aMissingOrDamagedMapOutputIsAFetchFailureNamingShuffleMapAndReduce() throws IOException {
    DiskShuffleManager manager = manager(settings(true, 64));
    List<List<Object>> rows = TestBatches.rows(new Random(11), 2000, 5);
    MapStatus[] statuses = writeSmallShuffle(manager, 5, rows);
    int reducer = partitionOf(rows.get(0).get(2), 2);

    Path data = manager.dataFile(5, 1);
    byte[] original = Files.readAllBytes(data);
    assertThat(manager.removeMapOutput(5, 1)).isTrue();
    assertThatThrownBy(() -> readAll(manager.reader(5, reducer, List.of(statuses), new TaskMetrics())))
        .isInstanceOfSatisfying(FetchFailedException.class, failure -> {
          assertThat(failure.shuffleId()).isEqualTo(5);
          assertThat(failure.mapId()).isEqualTo(1);
          assertThat(failure.reduceId()).isEqualTo(reducer);
        })
        .hasMessageContaining("shuffle 5 map 1 reduce " + reducer)
        .hasMessageContaining("missing");

    // One flipped byte in the middle of the block: the checksum catches it.
    byte[] damaged = original.clone();
    long start = readIndex(manager.indexFile(5, 1), reducer);
    damaged[(int) start + 40] ^= 0x10;
    Files.write(data, damaged);
    assertThatThrownBy(() -> readAll(manager.reader(5, reducer, List.of(statuses), new TaskMetrics())))
        .isInstanceOf(FetchFailedException.class)
        .hasMessageContaining("shuffle 5 map 1 reduce " + reducer)
        .hasMessageContaining("damaged block");

    // A data file cut short, and an index file that is not an index.
    Files.write(data, java.util.Arrays.copyOf(original, original.length / 2));
    assertThatThrownBy(() -> readAll(manager.reader(5, 1, List.of(statuses), new TaskMetrics())))
        .isInstanceOf(FetchFailedException.class).hasMessageContaining("map 1 reduce 1");
    Files.write(data, original);
    assertThat(readAll(manager.reader(5, reducer, List.of(statuses), new TaskMetrics()))).hasSizeGreaterThan(0);
    Files.write(manager.indexFile(5, 0), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> readAll(manager.reader(5, reducer, List.of(statuses), new TaskMetrics())))
        .isInstanceOf(FetchFailedException.class).hasMessageContaining("map 0").hasMessageContaining("not a whole index");
    Files.delete(manager.indexFile(5, 0));
    assertThatThrownBy(() -> readAll(manager.reader(5, reducer, List.of(statuses), new TaskMetrics())))
        .isInstanceOf(FetchFailedException.class).hasMessageContaining("missing");
  }

  private static long readIndex(Path index, int reducer) throws IOException {
    try (FileChannel channel = FileChannel.open(index, StandardOpenOption.READ)) {
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8);
      ShuffleFiles.readFully(channel, 8L * reducer, buffer);
      return buffer.getLong(0);
    }
  }

  @Test
  void blocksOfOtherExecutorsComeThroughTheFetcherAndKnownEmptyOnesAreSkipped() {
    DiskShuffleManager local = manager(settings(true, 64));
    List<List<Object>> rows = TestBatches.rows(new Random(12), 500, 5);
    MapStatus[] statuses = writeSmallShuffle(local, 6, rows);
    List<ShuffleBlockId> fetched = new ArrayList<>();
    BlockFetcher fetcher = (executorId, block) -> {
      assertThat(executorId).isEqualTo("exec-0");
      fetched.add(block);
      return readAllBatches(local.reader(block.shuffleId(), block.reduceId(),
          List.of(statuses[block.mapId()]), new TaskMetrics()));
    };
    DiskShuffleManager remote = new DiskShuffleManager("exec-1", settings(true, 64), fetcher);
    managers.add(remote);
    long[] emptyForReducer1 = {1, 0};
    MapStatus known = new MapStatus("exec-0", 6, 1, new long[] {1, 0}, emptyForReducer1);
    TaskMetrics metrics = new TaskMetrics();
    List<List<Object>> reduce0 = readAll(remote.reader(6, 0, List.of(statuses[0], known), metrics));
    List<List<Object>> expected = new ArrayList<>(expected(List.of(rows), 0, 2));
    expected.addAll(expected(List.of(rows), 0, 2));
    assertThat(reduce0).isEqualTo(expected);
    assertThat(metrics.shuffleRecordsRead()).isEqualTo(expected.size());
    readAll(remote.reader(6, 1, List.of(known), new TaskMetrics()));
    assertThat(fetched).containsExactly(new ShuffleBlockId(6, 0, 0), new ShuffleBlockId(6, 1, 0));

    DiskShuffleManager alone = new DiskShuffleManager("exec-2", settings(true, 64));
    managers.add(alone);
    assertThatThrownBy(() -> readAll(alone.reader(6, 0, List.of(statuses[0]), new TaskMetrics())))
        .isInstanceOf(FetchFailedException.class).hasMessageContaining("no remote block fetcher");
  }

  private static List<Batch> readAllBatches(Operator reader) {
    List<Batch> batches = new ArrayList<>();
    try (reader) {
      for (Batch batch = reader.next(); batch != null; batch = reader.next()) {
        batches.add(batch);
      }
    }
    return batches;
  }

  @Test
  void theStartReclaimsGoneSessionsFoldersBesideItselfAndCloseEndsTheReclaimThread() throws Exception {
    Path gone = Files.createDirectory(localDirectory.resolve(
        "ember-" + new ProcessOwner(ProcessHandle.current().pid(), 1).tag() + "-" + UUID.randomUUID()));
    Files.createDirectories(gone.resolve("shuffle-3"));
    Files.writeString(gone.resolve("shuffle-3").resolve("shuffle_3_0_0.data"), "left by a killed session");
    Path live = Directories.createOwnSessionFolder(localDirectory);

    DiskShuffleManager manager = new DiskShuffleManager("exec-reclaim", settings(true, 64));
    try {
      assertThat(manager.awaitFolderReclaim(Duration.ofSeconds(30))).isTrue();
      assertThat(gone).doesNotExist();
      assertThat(live).as("a live process's folder").isDirectory();
      assertThat(manager.rootDirectory()).as("the manager's own folder").isDirectory();
    } finally {
      manager.close();
    }
    assertThat(Thread.getAllStackTraces().keySet()).as("close waited for the reclaim thread")
        .noneMatch(thread -> thread.getName().equals("ember-reclaim-exec-reclaim") && thread.isAlive());
  }

  @Test
  void removeShuffleDeletesItsFilesAndCloseDeletesTheExecutorDirectory() throws IOException {
    DiskShuffleManager manager = manager(settings(true, 64));
    List<List<Object>> rows = TestBatches.rows(new Random(13), 300, 5);
    MapStatus[] first = writeSmallShuffle(manager, 7, rows);
    writeSmallShuffle(manager, 8, rows);
    assertThat(manager.rootDirectory().getParent()).isEqualTo(localDirectory);
    assertThat(manager.rootDirectory().getFileName().toString()).startsWith("ember-");
    assertThat(manager.shuffleIds()).containsExactlyInAnyOrder(7, 8);
    manager.removeShuffle(7);
    assertThat(manager.shuffleIds()).containsExactly(8);
    assertThatThrownBy(() -> readAll(manager.reader(7, 0, List.of(first), new TaskMetrics())))
        .isInstanceOf(FetchFailedException.class).hasMessageContaining("missing");
    manager.removeShuffle(7);
    manager.close();
    manager.close();
    try (Stream<Path> left = Files.list(localDirectory)) {
      assertThat(left).isEmpty();
    }
    assertThatThrownBy(() -> manager.writer(dependency(9, 1, 1), 0, 0, new TaskMetrics(), TaskMemory.UNLIMITED))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void badArgumentsAreRefusedWithClearMessages() {
    DiskShuffleManager manager = manager(settings(true, 64));
    assertThatThrownBy(() -> manager.writer(dependency(1, 2, 2), 2, 0, new TaskMetrics(), TaskMemory.UNLIMITED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("map 2 is outside shuffle 1 of 2 maps");
    MapStatus other = new MapStatus("exec-0", 3, 0, new long[0], new long[0]);
    assertThatThrownBy(() -> manager.reader(1, 0, List.of(other), new TaskMetrics()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shuffle 3 given to read shuffle 1");
    assertThatThrownBy(() -> readAll(manager.reader(42, 0, List.of(new MapStatus("exec-0", 42, 0, new long[2], new long[2])), new TaskMetrics())))
        .isInstanceOf(FetchFailedException.class).hasMessageContaining("shuffle 42");
    assertThatThrownBy(() -> DiskShuffleSettings.defaults(localDirectory).withWriteBufferBytes(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("write buffer");
  }
}
