package dev.ember.shuffle.memory;

import dev.ember.core.operator.Operator;
import dev.ember.core.shuffle.FetchFailedException;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.shuffle.ShuffleDependency;
import dev.ember.core.shuffle.ShuffleManager;
import dev.ember.core.shuffle.ShuffleWriter;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.vector.Batch;
import dev.ember.shuffle.fetch.BlockFetcher;
import dev.ember.shuffle.fetch.ShuffleBlockId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shuffle blocks kept on the heap of one executor: per (shuffle, map) the committed output of one
 * attempt, as a list of batches per reduce partition. A writer publishes its whole output at once
 * on commit (replacing an earlier attempt's); readers take a reduce partition from the map outputs
 * the driver names, in map order. Thread-safe: the store is a concurrent map of immutable outputs.
 *
 * <p>Blocks of map outputs that live on another executor are fetched through a {@link BlockFetcher}
 * (none in local mode: reading them fails with a {@link FetchFailedException}).
 */
public final class InMemoryShuffleManager implements ShuffleManager {
  private final String executorId;
  private final BlockFetcher remoteFetcher;
  private final Map<Integer, Map<Integer, MapOutput>> shuffles = new ConcurrentHashMap<>();
  /** Map counts of the shuffles written here, for {@link #reader(int, int, TaskMetrics)}. */
  private final Map<Integer, Integer> mapCounts = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** One map task's published output: batches per reduce partition. */
  record MapOutput(List<List<Batch>> blocks, long taskAttemptId) {}

  /** A manager that reads only its own blocks (local mode). */
  public InMemoryShuffleManager(String executorId) {
    this(executorId, BlockFetcher.NONE);
  }

  /** A manager that reads blocks of other executors through {@code remoteFetcher}. */
  public InMemoryShuffleManager(String executorId, BlockFetcher remoteFetcher) {
    this.executorId = Objects.requireNonNull(executorId, "executorId is null");
    this.remoteFetcher = Objects.requireNonNull(remoteFetcher, "remoteFetcher is null");
  }

  public String executorId() {
    return executorId;
  }

  @Override
  public ShuffleWriter writer(ShuffleDependency dependency, int mapId, long taskAttemptId, TaskMetrics metrics) {
    Objects.requireNonNull(dependency, "dependency is null");
    Objects.requireNonNull(metrics, "metrics is null");
    if (mapId < 0 || mapId >= dependency.mapPartitionCount()) {
      throw new IllegalArgumentException(
          "map " + mapId + " is outside shuffle " + dependency.shuffleId() + " of " + dependency.mapPartitionCount() + " maps");
    }
    ensureOpen();
    mapCounts.put(dependency.shuffleId(), dependency.mapPartitionCount());
    return new InMemoryShuffleWriter(this, dependency, mapId, taskAttemptId, metrics);
  }

  void publish(int shuffleId, int mapId, MapOutput output) {
    ensureOpen();
    shuffles.computeIfAbsent(shuffleId, id -> new ConcurrentHashMap<>()).put(mapId, output);
  }

  /** The blocks of one map output for one reducer: from this executor's store, or fetched from the one that has them. */
  List<Batch> block(MapStatus status, int reducePartition) {
    ShuffleBlockId block = new ShuffleBlockId(status.shuffleId(), status.mapId(), reducePartition);
    if (!status.executorId().equals(executorId)) {
      // Skip blocks known to be empty (statuses shipped in tasks carry no sizes: then fetch).
      long[] records = status.blockRecords();
      if (reducePartition < records.length && records[reducePartition] == 0) {
        return List.of();
      }
      return remoteFetcher.fetch(status, block);
    }
    MapOutput output = output(status.shuffleId(), status.mapId());
    if (output == null) {
      throw new FetchFailedException(block.shuffleId(), block.mapId(), block.reduceId(),
          "the map output is missing on executor " + executorId + " (lost or removed)", null);
    }
    if (reducePartition < 0 || reducePartition >= output.blocks().size()) {
      throw new IllegalArgumentException("reduce partition " + reducePartition + " is outside shuffle "
          + status.shuffleId() + " of " + output.blocks().size() + " partitions");
    }
    return output.blocks().get(reducePartition);
  }

  MapOutput output(int shuffleId, int mapId) {
    Map<Integer, MapOutput> maps = shuffles.get(shuffleId);
    return maps == null ? null : maps.get(mapId);
  }

  /** Every map output written here for the shuffle, in map order; a missing one fails the read. */
  @Override
  public Operator reader(int shuffleId, int reducePartition, TaskMetrics metrics) {
    Integer mapCount = mapCounts.get(shuffleId);
    if (mapCount == null) {
      throw new FetchFailedException(shuffleId, 0, reducePartition, "no map output of this shuffle was written here", null);
    }
    List<MapStatus> statuses = new ArrayList<>();
    for (int mapId = 0; mapId < mapCount; mapId++) {
      statuses.add(new MapStatus(executorId, shuffleId, mapId, new long[0], new long[0]));
    }
    return new InMemoryShuffleReader(this, shuffleId, reducePartition, statuses, metrics);
  }

  @Override
  public Operator reader(int shuffleId, int reducePartition, List<MapStatus> mapOutputs, TaskMetrics metrics) {
    Objects.requireNonNull(mapOutputs, "mapOutputs is null");
    Objects.requireNonNull(metrics, "metrics is null");
    ensureOpen();
    for (MapStatus status : mapOutputs) {
      if (status.shuffleId() != shuffleId) {
        throw new IllegalArgumentException("map status of shuffle " + status.shuffleId() + " given to read shuffle " + shuffleId);
      }
    }
    return new InMemoryShuffleReader(this, shuffleId, reducePartition, mapOutputs, metrics);
  }

  @Override
  public void removeShuffle(int shuffleId) {
    shuffles.remove(shuffleId);
    mapCounts.remove(shuffleId);
  }

  /**
   * Test hook: forgets one map output as if its executor lost it, so that the next read of it fails
   * with a fetch failure and the scheduler recomputes it. Returns whether there was one.
   */
  public boolean removeMapOutput(int shuffleId, int mapId) {
    Map<Integer, MapOutput> maps = shuffles.get(shuffleId);
    return maps != null && maps.remove(mapId) != null;
  }

  /** The shuffles that have committed output here (tests check that jobs clean up). */
  public java.util.Set<Integer> shuffleIds() {
    return java.util.Set.copyOf(shuffles.keySet());
  }

  /** The map ids with committed output in a shuffle, ascending. */
  public List<Integer> committedMaps(int shuffleId) {
    Map<Integer, MapOutput> maps = shuffles.get(shuffleId);
    return maps == null ? List.of() : maps.keySet().stream().sorted().toList();
  }

  @Override
  public void close() {
    closed = true;
    shuffles.clear();
    mapCounts.clear();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the shuffle manager of executor " + executorId + " is closed");
    }
  }
}
