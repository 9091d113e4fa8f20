package dev.ember.shuffle.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.memory.TaskMemory;
import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.operator.Operator;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.shuffle.FetchFailedException;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.shuffle.ShuffleDependency;
import dev.ember.core.shuffle.ShuffleWriter;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.VectorHashing;
import dev.ember.shuffle.fetch.BlockFetcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shuffle SPI's contract (publication, attempts, missing and remote outputs), run against both
 * stores of the production {@link DiskShuffleManager}: encoded (files, small outputs as frames in
 * memory; executors of their own process) and in-process (outputs held as batches; local mode).
 */
@ExtendWith(EngineHygiene.class)
class ShuffleManagerContractTest {
  private static final Schema SCHEMA = Schema.of(Field.of("k", ColumnType.LONG), Field.of("v", ColumnType.STRING));
  private static final BoundReference KEY = new BoundReference(0, ColumnType.LONG, true);

  @TempDir
  Path localDirectory;

  private final List<DiskShuffleManager> managers = new ArrayList<>();

  /** Which store the manager under test uses. */
  enum Store { ENCODED, IN_PROCESS }

  @AfterEach
  void closeManagers() {
    managers.forEach(DiskShuffleManager::close);
    for (DiskShuffleManager manager : managers) {
      if (manager.heldMemory() != null) {
        assertThat(manager.heldMemory().storageUsed()).as("storage memory after close").isZero();
      }
    }
  }

  private DiskShuffleManager manager(Store store, BlockFetcher fetcher) {
    DiskShuffleSettings settings = DiskShuffleSettings.defaults(localDirectory);
    DiskShuffleManager manager = switch (store) {
      case ENCODED -> new DiskShuffleManager("exec-0", settings, fetcher);
      case IN_PROCESS -> DiskShuffleManager.inProcess("exec-0", settings, fetcher,
          root -> UnifiedMemoryManager.forExecution(256L << 20, root.resolve("spill")));
    };
    managers.add(manager);
    assertThat(manager.holdsBatches()).isEqualTo(store == Store.IN_PROCESS);
    return manager;
  }

  private static List<List<List<Object>>> mapInputs(int maps, Random random) {
    List<List<List<Object>>> inputs = new ArrayList<>();
    for (int map = 0; map < maps; map++) {
      List<List<Object>> rows = new ArrayList<>();
      int count = map % 4 == 3 ? 0 : random.nextInt(3000);
      for (int i = 0; i < count; i++) {
        rows.add(Arrays.asList(random.nextInt(20) == 0 ? null : (long) random.nextInt(100), "m" + map + "r" + i));
      }
      inputs.add(rows);
    }
    return inputs;
  }

  private static MapStatus writeMap(DiskShuffleManager manager, ShuffleDependency dependency, int map,
      List<List<Object>> rows, TaskMetrics metrics) {
    try (ShuffleWriter writer = manager.writer(dependency, map, map, metrics, TaskMemory.UNLIMITED)) {
      for (int from = 0; from < rows.size(); from += 700) {
        writer.write(Batch.fromRows(SCHEMA, rows.subList(from, Math.min(rows.size(), from + 700))));
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

  private static int partitionOf(Long key, int reducers) {
    int hash = key == null ? VectorHashing.SEED : VectorHashing.hashLong(key, VectorHashing.SEED);
    return VectorHashing.partitionOf(hash, reducers);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void manyMapsAndReducersRoundTripInMapOrderFromManyThreads(Store store) throws Exception {
    Random random = new Random(21);
    int maps = 12;
    int reducers = 9;
    List<List<List<Object>>> inputs = mapInputs(maps, random);
    DiskShuffleManager manager = manager(store, BlockFetcher.NONE);
    ShuffleDependency dependency = new ShuffleDependency(3, maps, new Partitioning.Hash(List.of(KEY), reducers), SCHEMA, null);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    MapStatus[] statuses = new MapStatus[maps];
    TaskMetrics[] writeMetrics = new TaskMetrics[maps];
    try {
      List<Future<MapStatus>> futures = new ArrayList<>();
      for (int map = 0; map < maps; map++) {
        int mapId = map;
        writeMetrics[map] = new TaskMetrics();
        futures.add(pool.submit(() -> writeMap(manager, dependency, mapId, inputs.get(mapId), writeMetrics[mapId])));
      }
      for (int map = 0; map < maps; map++) {
        statuses[map] = futures.get(map).get();
      }
    } finally {
      pool.shutdown();
    }
    long totalRows = 0;
    for (int reducer = 0; reducer < reducers; reducer++) {
      List<List<Object>> expected = new ArrayList<>();
      long expectedBlockRows = 0;
      for (int map = 0; map < maps; map++) {
        long mapRows = 0;
        for (List<Object> row : inputs.get(map)) {
          if (partitionOf((Long) row.get(0), reducers) == reducer) {
            expected.add(row);
            mapRows++;
          }
        }
        assertThat(statuses[map].blockRecords()[reducer]).isEqualTo(mapRows);
        assertThat(statuses[map].blockSizes()[reducer] > 0).isEqualTo(mapRows > 0);
        expectedBlockRows += mapRows;
      }
      TaskMetrics readMetrics = new TaskMetrics();
      List<List<Object>> actual = readAll(manager.reader(3, reducer, List.of(statuses), readMetrics));
      assertThat(actual).isEqualTo(expected);
      assertThat(readMetrics.shuffleRecordsRead()).isEqualTo(expectedBlockRows);
      totalRows += actual.size();
    }
    assertThat(totalRows).isEqualTo(inputs.stream().mapToLong(List::size).sum());
    for (int map = 0; map < maps; map++) {
      assertThat(statuses[map].executorId()).isEqualTo("exec-0");
      assertThat(statuses[map].mapId()).isEqualTo(map);
      assertThat(writeMetrics[map].shuffleRecordsWritten()).isEqualTo(inputs.get(map).size());
    }
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void anAbortedAttemptPublishesNothingAndALaterAttemptReplacesIt(Store store) {
    DiskShuffleManager manager = manager(store, BlockFetcher.NONE);
    ShuffleDependency dependency = new ShuffleDependency(1, 2, new Partitioning.RoundRobin(2), SCHEMA, null);
    try (ShuffleWriter writer = manager.writer(dependency, 0, 100, new TaskMetrics(), TaskMemory.UNLIMITED)) {
      writer.write(Batch.fromRows(SCHEMA, List.of(Arrays.asList(1L, "lost"))));
    }
    assertThat(manager.isInMemory(1, 0)).isFalse();
    assertThat(Files.exists(manager.dataFile(1, 0))).isFalse();
    assertThat(manager.shuffleIds()).isEmpty();
    MapStatus fake = new MapStatus("exec-0", 1, 0, new long[2], new long[2]);
    assertThatThrownBy(() -> readAll(manager.reader(1, 0, List.of(fake), new TaskMetrics())))
        .isInstanceOf(FetchFailedException.class)
        .hasMessageContaining("shuffle 1 map 0 reduce 0");

    MapStatus first = writeMap(manager, dependency, 0, List.of(Arrays.asList(1L, "a")), new TaskMetrics());
    MapStatus second = writeMap(manager, dependency, 0, List.of(Arrays.asList(2L, "b")), new TaskMetrics());
    List<List<Object>> all = new ArrayList<>();
    for (int reducer = 0; reducer < 2; reducer++) {
      all.addAll(readAll(manager.reader(1, reducer, List.of(second), new TaskMetrics())));
    }
    assertThat(all).containsExactly(Arrays.asList(2L, "b"));
    assertThat(first.mapId()).isEqualTo(second.mapId());

    ShuffleWriter committed = manager.writer(dependency, 1, 5, new TaskMetrics(), TaskMemory.UNLIMITED);
    committed.commit();
    assertThatThrownBy(() -> committed.write(Batch.empty(SCHEMA))).hasMessageContaining("already committed");
    assertThatThrownBy(committed::commit).hasMessageContaining("already committed");
    assertThatThrownBy(() -> manager.writer(dependency, 2, 5, new TaskMetrics(), TaskMemory.UNLIMITED)).hasMessageContaining("map 2 is outside");
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void emptyBlocksReadAsNothingAndMissingOrRemoteOutputsFailTheFetch(Store store) {
    DiskShuffleManager manager = manager(store, BlockFetcher.NONE);
    ShuffleDependency dependency = new ShuffleDependency(2, 3, new Partitioning.Single(), SCHEMA, null);
    List<MapStatus> statuses = new ArrayList<>();
    for (int map = 0; map < 3; map++) {
      statuses.add(writeMap(manager, dependency, map, map == 1 ? List.of(Arrays.asList(7L, "x")) : List.of(),
          new TaskMetrics()));
    }
    assertThat(statuses.get(0).blockRecords()).containsExactly(0);
    assertThat(readAll(manager.reader(2, 0, statuses, new TaskMetrics()))).containsExactly(Arrays.asList(7L, "x"));

    assertThat(manager.removeMapOutput(2, 2)).isTrue();
    Operator reader = manager.reader(2, 0, statuses, new TaskMetrics());
    assertThat(reader.next().rows()).containsExactly(Arrays.asList(7L, "x"));
    assertThatThrownBy(reader::next)
        .isInstanceOfSatisfying(FetchFailedException.class, e -> {
          assertThat(e.shuffleId()).isEqualTo(2);
          assertThat(e.mapId()).isEqualTo(2);
          assertThat(e.reduceId()).isEqualTo(0);
        });

    MapStatus remote = new MapStatus("exec-9", 2, 0, new long[1], new long[] {4});
    assertThatThrownBy(() -> readAll(manager.reader(2, 0, List.of(remote), new TaskMetrics())))
        .isInstanceOf(FetchFailedException.class)
        .hasMessageContaining("exec-9")
        .hasMessageContaining("shuffle 2 map 0 reduce 0");

    manager.removeShuffle(2);
    assertThat(manager.shuffleIds()).isEmpty();
    assertThatThrownBy(() -> readAll(manager.reader(2, 0, statuses.subList(0, 1), new TaskMetrics())))
        .isInstanceOf(FetchFailedException.class);
    manager.close();
    assertThatThrownBy(() -> manager.writer(dependency, 0, 1, new TaskMetrics(), TaskMemory.UNLIMITED)).hasMessageContaining("closed");
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void blocksOfOtherExecutorsComeThroughTheBlockFetcherAndEmptyOnesAreNotFetched(Store store) {
    List<String> fetched = new ArrayList<>();
    Batch remoteRows = Batch.fromRows(SCHEMA, List.of(Arrays.asList(9L, "remote")));
    BlockFetcher fetcher = (executorId, block) -> {
      fetched.add(executorId + ":" + block);
      return List.of(remoteRows);
    };
    DiskShuffleManager manager = manager(store, fetcher);
    ShuffleDependency dependency = new ShuffleDependency(5, 3, new Partitioning.Single(), SCHEMA, null);
    MapStatus local = writeMap(manager, dependency, 0, List.of(Arrays.asList(1L, "local")), new TaskMetrics());
    MapStatus remote = new MapStatus("exec-1", 5, 1, new long[] {10}, new long[] {1});
    MapStatus emptyRemote = new MapStatus("exec-2", 5, 2, new long[] {0}, new long[] {0});
    assertThat(readAll(manager.reader(5, 0, List.of(local, remote, emptyRemote), new TaskMetrics())))
        .containsExactly(Arrays.asList(1L, "local"), Arrays.asList(9L, "remote"));
    assertThat(fetched).containsExactly("exec-1:shuffle_5_1_0");
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void broadcastPartitioningIsNotAShuffle(Store store) {
    DiskShuffleManager manager = manager(store, BlockFetcher.NONE);
    ShuffleDependency dependency = new ShuffleDependency(4, 1, new Partitioning.Broadcast(), SCHEMA, null);
    assertThatThrownBy(() -> manager.writer(dependency, 0, 1, new TaskMetrics(), TaskMemory.UNLIMITED))
        .hasMessageContaining("broadcasts are collected, not shuffled");
  }
}
