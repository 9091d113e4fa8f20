package dev.ember.shuffle.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.expression.BoundReference;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Small map outputs kept in memory by {@link DiskShuffleManager}: no files, same frames, same recompute path. */
@ExtendWith(EngineHygiene.class)
class InMemoryMapOutputTest {
  private static final BoundReference KEY = new BoundReference(2, ColumnType.LONG, true);

  @TempDir
  Path localDirectory;

  private final List<DiskShuffleManager> managers = new ArrayList<>();

  @AfterEach
  void closeManagers() {
    managers.forEach(DiskShuffleManager::close);
  }

  private DiskShuffleManager manager(long inMemoryBytes, int bypassThreshold, boolean compress) {
    DiskShuffleManager manager = new DiskShuffleManager("exec-0", DiskShuffleSettings.defaults(localDirectory)
        .withCompress(compress).withBypassMergeThreshold(bypassThreshold).withInMemoryOutputBytes(inMemoryBytes));
    managers.add(manager);
    return manager;
  }

  private static ShuffleDependency dependency(int shuffleId, int maps, int reducers) {
    return new ShuffleDependency(shuffleId, maps, new Partitioning.Hash(List.of(KEY), reducers), TestBatches.ALL_TYPES, null);
  }

  private static MapStatus writeMap(DiskShuffleManager manager, ShuffleDependency dependency, int map,
      List<List<Object>> rows, TaskMemory memory) {
    Random random = new Random(map);
    try (ShuffleWriter writer = manager.writer(dependency, map, map, new TaskMetrics(), memory)) {
      for (Batch batch : TestBatches.batches(rows, random, 900)) {
        writer.write(batch);
      }
      return writer.commit();
    }
  }

  private static MapStatus[] writeAll(DiskShuffleManager manager, ShuffleDependency dependency,
      List<List<List<Object>>> inputs) {
    MapStatus[] statuses = new MapStatus[inputs.size()];
    for (int map = 0; map < inputs.size(); map++) {
      statuses[map] = writeMap(manager, dependency, map, inputs.get(map), TaskMemory.UNLIMITED);
    }
    return statuses;
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

  /** Plain-Java reference: the rows of every map, in map order, whose key hashes to the reducer. */
  private static List<List<Object>> expected(List<List<List<Object>>> inputs, int reducer, int reducers) {
    List<List<Object>> expected = new ArrayList<>();
    for (List<List<Object>> map : inputs) {
      for (List<Object> row : map) {
        Object key = row.get(2);
        int hash = key == null ? VectorHashing.SEED : VectorHashing.hashLong((Long) key, VectorHashing.SEED);
        if (VectorHashing.partitionOf(hash, reducers) == reducer) {
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

  private static List<List<List<Object>>> inputs(Random random, int... counts) {
    List<List<List<Object>>> inputs = new ArrayList<>();
    for (int count : counts) {
      inputs.add(TestBatches.rows(random, count, 6));
    }
    return inputs;
  }

  @ParameterizedTest(name = "bypass threshold={0} compress={1}")
  @CsvSource({"64, true", "64, false", "0, true", "0, false"})
  void aSmallOutputCreatesNoFileAndReadsBackTheSameFramesAsTheFiles(int bypassThreshold, boolean compress)
      throws IOException {
    int reducers = 3;
    List<List<List<Object>>> inputs = inputs(new Random(bypassThreshold + (compress ? 1 : 0)), 1000, 0, 1, 700);
    DiskShuffleManager memory = manager(DiskShuffleSettings.DEFAULT_IN_MEMORY_OUTPUT_BYTES, bypassThreshold, compress);
    DiskShuffleManager files = manager(0, bypassThreshold, compress);
    ShuffleDependency dependency = dependency(4, inputs.size(), reducers);
    MapStatus[] inMemory = writeAll(memory, dependency, inputs);
    MapStatus[] onDisk = writeAll(files, dependency, inputs);

    assertThat(files(memory.rootDirectory())).as("no file for small outputs").isEmpty();
    try (Stream<Path> children = Files.list(memory.rootDirectory())) {
      assertThat(children).as("not even a shuffle directory").isEmpty();
    }
    assertThat(files(files.rootDirectory())).hasSize(2 * inputs.size());
    assertThat(memory.shuffleIds()).containsExactly(4);
    for (int map = 0; map < inputs.size(); map++) {
      assertThat(memory.isInMemory(4, map)).isTrue();
      assertThat(files.isInMemory(4, map)).isFalse();
      assertThat(inMemory[map].blockSizes()).as("the same frames as the data file").isEqualTo(onDisk[map].blockSizes());
      assertThat(inMemory[map].blockRecords()).isEqualTo(onDisk[map].blockRecords());
    }
    for (int reducer = 0; reducer < reducers; reducer++) {
      TaskMetrics metrics = new TaskMetrics();
      List<List<Object>> actual = readAll(memory.reader(4, reducer, List.of(inMemory), metrics));
      assertThat(actual).isEqualTo(expected(inputs, reducer, reducers));
      assertThat(actual).isEqualTo(readAll(files.reader(4, reducer, List.of(onDisk), new TaskMetrics())));
      long bytes = 0;
      for (MapStatus status : inMemory) {
        bytes += status.blockSizes()[reducer];
      }
      assertThat(metrics.shuffleBytesRead()).isEqualTo(bytes);
      assertThat(metrics.shuffleRecordsRead()).isEqualTo(actual.size());
      assertThat(readAll(memory.reader(4, reducer, new TaskMetrics()))).isEqualTo(actual);
    }

    memory.removeShuffle(4);
    assertThat(memory.shuffleIds()).isEmpty();
    assertThat(memory.isInMemory(4, 0)).isFalse();
    assertThatThrownBy(() -> readAll(memory.reader(4, 0, List.of(inMemory), new TaskMetrics())))
        .isInstanceOf(FetchFailedException.class).hasMessageContaining("missing");
  }

  @ParameterizedTest(name = "bypass threshold={0}")
  @ValueSource(ints = {64, 0})
  void anOutputOverTheThresholdGoesToFilesAsBefore(int bypassThreshold) throws IOException {
    int reducers = 4;
    List<List<List<Object>>> inputs = inputs(new Random(7), 5000, 3000);
    DiskShuffleManager manager = manager(2_000, bypassThreshold, true);
    ShuffleDependency dependency = dependency(2, inputs.size(), reducers);
    MapStatus[] statuses = writeAll(manager, dependency, inputs);
    for (int map = 0; map < inputs.size(); map++) {
      assertThat(manager.isInMemory(2, map)).isFalse();
      assertThat(Files.size(manager.dataFile(2, map))).isEqualTo(java.util.Arrays.stream(statuses[map].blockSizes()).sum());
    }
    assertThat(files(manager.rootDirectory())).as("data and index files, no part file left").hasSize(2 * inputs.size());
    for (int reducer = 0; reducer < reducers; reducer++) {
      assertThat(readAll(manager.reader(2, reducer, List.of(statuses), new TaskMetrics())))
          .isEqualTo(expected(inputs, reducer, reducers));
    }
  }

  @ParameterizedTest(name = "bypass threshold={0}")
  @ValueSource(ints = {64, 0})
  void mixedSmallAndLargeMapsInOneShuffle(int bypassThreshold) throws IOException {
    int reducers = 5;
    List<List<List<Object>>> inputs = inputs(new Random(13), 50, 9000, 0, 120, 6000, 3);
    DiskShuffleManager manager = manager(30_000, bypassThreshold, true);
    ShuffleDependency dependency = dependency(6, inputs.size(), reducers);
    MapStatus[] statuses = writeAll(manager, dependency, inputs);
    boolean[] small = {true, false, true, true, false, true};
    for (int map = 0; map < inputs.size(); map++) {
      assertThat(manager.isInMemory(6, map)).as("map %d in memory", map).isEqualTo(small[map]);
      assertThat(Files.exists(manager.dataFile(6, map))).as("map %d has a data file", map).isEqualTo(!small[map]);
    }
    assertThat(files(manager.rootDirectory())).hasSize(4);
    for (int reducer = 0; reducer < reducers; reducer++) {
      assertThat(readAll(manager.reader(6, reducer, List.of(statuses), new TaskMetrics())))
          .isEqualTo(expected(inputs, reducer, reducers));
    }
    manager.removeShuffle(6);
    assertThat(manager.shuffleIds()).isEmpty();
    assertThat(files(manager.rootDirectory())).isEmpty();
  }

  @ParameterizedTest(name = "bypass threshold={0}")
  @ValueSource(ints = {64, 0})
  void removingAnInMemoryOutputIsAFetchFailureNamingTheIdsAndARewriteRepairsIt(int bypassThreshold) {
    int reducers = 2;
    List<List<List<Object>>> inputs = inputs(new Random(21), 800, 900);
    DiskShuffleManager manager = manager(DiskShuffleSettings.DEFAULT_IN_MEMORY_OUTPUT_BYTES, bypassThreshold, true);
    ShuffleDependency dependency = dependency(5, inputs.size(), reducers);
    MapStatus[] statuses = writeAll(manager, dependency, inputs);

    assertThat(manager.removeMapOutput(5, 1)).isTrue();
    assertThat(manager.removeMapOutput(5, 1)).isFalse();
    assertThat(manager.isInMemory(5, 0)).isTrue();
    assertThatThrownBy(() -> readAll(manager.reader(5, 1, List.of(statuses), new TaskMetrics())))
        .isInstanceOfSatisfying(FetchFailedException.class, failure -> {
          assertThat(failure.shuffleId()).isEqualTo(5);
          assertThat(failure.mapId()).isEqualTo(1);
          assertThat(failure.reduceId()).isEqualTo(1);
        })
        .hasMessageContaining("shuffle 5 map 1 reduce 1")
        .hasMessageContaining("missing");

    // The recompute: a new attempt publishes the output again, exactly once.
    statuses[1] = writeMap(manager, dependency, 1, inputs.get(1), TaskMemory.UNLIMITED);
    statuses[1] = writeMap(manager, dependency, 1, inputs.get(1), TaskMemory.UNLIMITED);
    for (int reducer = 0; reducer < reducers; reducer++) {
      assertThat(readAll(manager.reader(5, reducer, List.of(statuses), new TaskMetrics())))
          .isEqualTo(expected(inputs, reducer, reducers));
    }
  }

  @Test
  void aFileAttemptAndAnInMemoryAttemptReplaceEachOther() throws IOException {
    int reducers = 3;
    List<List<Object>> rows = TestBatches.rows(new Random(5), 1500, 6);
    // Files first (a tiny write buffer forces spills), then a small in-memory attempt of the same map.
    DiskShuffleManager manager = manager(DiskShuffleSettings.DEFAULT_IN_MEMORY_OUTPUT_BYTES, 0, true);
    ShuffleDependency dependency = dependency(8, 1, reducers);
    TaskMemory none = new TaskMemory() {
      @Override
      public long reserve(long bytes, dev.ember.core.memory.MemoryConsumer consumer) {
        return 0;
      }

      @Override
      public void release(long bytes, dev.ember.core.memory.MemoryConsumer consumer) {}

      @Override
      public long used() {
        return 0;
      }
    };
    MapStatus spilled = writeMap(manager, dependency, 0, rows, none);
    assertThat(manager.isInMemory(8, 0)).as("a writer that spilled publishes files").isFalse();
    assertThat(Files.exists(manager.dataFile(8, 0))).isTrue();
    MapStatus small = writeMap(manager, dependency, 0, rows, TaskMemory.UNLIMITED);
    assertThat(manager.isInMemory(8, 0)).isTrue();
    for (MapStatus status : List.of(spilled, small)) {
      for (int reducer = 0; reducer < reducers; reducer++) {
        assertThat(readAll(manager.reader(8, reducer, List.of(status), new TaskMetrics())))
            .isEqualTo(expected(List.of(rows), reducer, reducers));
      }
    }
    // Removing the output drops the in-memory frames and the shadowed file alike.
    assertThat(manager.removeMapOutput(8, 0)).isTrue();
    assertThatThrownBy(() -> readAll(manager.reader(8, 0, List.of(small), new TaskMetrics())))
        .isInstanceOf(FetchFailedException.class).hasMessageContaining("map 0");
  }

  @Test
  void theThresholdMustFitAnArray() {
    assertThatThrownBy(() -> DiskShuffleSettings.defaults(localDirectory).withInMemoryOutputBytes(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in-memory map output threshold");
    assertThat(DiskShuffleSettings.defaults(localDirectory).inMemoryOutputBytes()).isEqualTo(1L << 20);
  }
}
