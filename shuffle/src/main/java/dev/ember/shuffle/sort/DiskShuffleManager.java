package dev.ember.shuffle.sort;

import dev.ember.core.io.Directories;
import dev.ember.core.memory.TaskMemory;
import dev.ember.core.operator.Operator;
import dev.ember.core.shuffle.FetchFailedException;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.shuffle.ShuffleDependency;
import dev.ember.core.shuffle.ShuffleManager;
import dev.ember.core.shuffle.ShuffleWriter;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.shuffle.fetch.BlockFetcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The production shuffle of one executor: Spark's sort-based layout on local disk. Map tasks write
 * one data file and one index file per map output under
 * {@code <ember.local.dir>/ember-<owner>-<uuid>/shuffle-<shuffleId>/} (see {@link ShuffleFiles}), through
 * the sort writer (buffer by partition, spill, merge) or, with at most
 * {@link DiskShuffleSettings#bypassMergeThreshold()} reducers, the bypass writer (a file per
 * reducer, concatenated). Reduce tasks read local blocks straight from the files and remote ones
 * through the {@link BlockFetcher}. Blocks are columnar and, by default, LZ4-compressed frames with
 * checksums.
 *
 * <p>Small map outputs (never spilled, at most {@link DiskShuffleSettings#inMemoryOutputBytes()}
 * encoded bytes) stay in memory as the same frames, one array per reduce partition, and create no
 * file: each file-system call costs tens of microseconds, which small embedded queries must not pay.
 * They are held until their shuffle is removed, so the worst case is the threshold times the map
 * outputs of the live shuffles.
 *
 * <p>Thread-safe: task threads write and read concurrently; the publication of a map output (two
 * renames) is serialized by this manager's lock, and {@link #removeShuffle} and {@link #close}
 * delete directories. Closing deletes the executor's whole directory.
 */
public final class DiskShuffleManager implements ShuffleManager {
  private final String executorId;
  private final DiskShuffleSettings settings;
  private final BlockFetcher remoteFetcher;
  private final Path root;
  /** Map counts of the shuffles written here, for {@link #reader(int, int, TaskMetrics)}. */
  private final Map<Integer, Integer> mapCounts = new ConcurrentHashMap<>();
  private final Committer committer = new Committer();
  /** The map outputs kept in memory, by shuffle and map: per reduce partition, its frames. */
  private final Map<MapKey, byte[][]> inMemoryOutputs = new ConcurrentHashMap<>();
  /** Deletes the directory if the JVM exits without {@link #close()} (as Spark's disk block manager does). */
  private final Thread shutdownHook;
  private volatile boolean closed;

  /** A manager that reads only its own blocks (local mode). */
  public DiskShuffleManager(String executorId, DiskShuffleSettings settings) {
    this(executorId, settings, BlockFetcher.NONE);
  }

  public DiskShuffleManager(String executorId, DiskShuffleSettings settings, BlockFetcher remoteFetcher) {
    this.executorId = Objects.requireNonNull(executorId, "executorId is null");
    this.settings = Objects.requireNonNull(settings, "settings is null");
    this.remoteFetcher = Objects.requireNonNull(remoteFetcher, "remoteFetcher is null");
    try {
      Files.createDirectories(settings.localDirectory());
      // Named after this process, so a later session can tell a killed session's folder from a live one's.
      this.root = Directories.createSessionFolder(settings.localDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the executor's shuffle directory under ember.local.dir = "
          + settings.localDirectory() + ": " + e, e);
    }
    Path directory = root;
    this.shutdownHook = new Thread(() -> Directories.deleteRecursively(directory), "ember-shuffle-cleanup-" + executorId);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  public String executorId() {
    return executorId;
  }

  public DiskShuffleSettings settings() {
    return settings;
  }

  /** This executor's directory, {@code <ember.local.dir>/ember-<owner>-<uuid>}. */
  public Path rootDirectory() {
    return root;
  }

  BlockFetcher remoteFetcher() {
    return remoteFetcher;
  }

  @Override
  public ShuffleWriter writer(ShuffleDependency dependency, int mapId, long taskAttemptId, TaskMetrics metrics) {
    return writer(dependency, mapId, taskAttemptId, metrics, TaskMemory.UNLIMITED);
  }

  @Override
  public ShuffleWriter writer(
      ShuffleDependency dependency, int mapId, long taskAttemptId, TaskMetrics metrics, TaskMemory memory) {
    Objects.requireNonNull(dependency, "dependency is null");
    Objects.requireNonNull(metrics, "metrics is null");
    Objects.requireNonNull(memory, "memory is null");
    if (mapId < 0 || mapId >= dependency.mapPartitionCount()) {
      throw new IllegalArgumentException(
          "map " + mapId + " is outside shuffle " + dependency.shuffleId() + " of " + dependency.mapPartitionCount() + " maps");
    }
    ensureOpen();
    mapCounts.put(dependency.shuffleId(), dependency.mapPartitionCount());
    if (dependency.reducePartitionCount() <= settings.bypassMergeThreshold()) {
      return new BypassShuffleWriter(committer, dependency, mapId, metrics, memory, settings);
    }
    return new SortShuffleWriter(committer, dependency, mapId, metrics, memory, settings);
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
    return reader(shuffleId, reducePartition, statuses, metrics);
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
    return new FileShuffleReader(this, shuffleId, reducePartition, mapOutputs, metrics);
  }

  /** The directory of a shuffle's files (it may not exist: then every read of it fails as missing). */
  Path existingShuffleDirectory(int shuffleId) {
    return root.resolve("shuffle-" + shuffleId);
  }

  /** The in-memory frames of a map output, one array per reduce partition, or null if it is not in memory. */
  byte[][] inMemoryOutput(int shuffleId, int mapId) {
    return inMemoryOutputs.get(new MapKey(shuffleId, mapId));
  }

  /** Whether a committed map output is held in memory (tests check which outputs made files). */
  public boolean isInMemory(int shuffleId, int mapId) {
    return inMemoryOutputs.containsKey(new MapKey(shuffleId, mapId));
  }

  /** The data file of a committed map output (tests delete or damage it). */
  public Path dataFile(int shuffleId, int mapId) {
    return existingShuffleDirectory(shuffleId).resolve(ShuffleFiles.dataName(shuffleId, mapId));
  }

  /** The index file of a committed map output. */
  public Path indexFile(int shuffleId, int mapId) {
    return existingShuffleDirectory(shuffleId).resolve(ShuffleFiles.indexName(shuffleId, mapId));
  }

  /** The shuffles that have a directory or an in-memory map output here (tests check that jobs clean up). */
  public Set<Integer> shuffleIds() {
    Set<Integer> ids = new TreeSet<>();
    for (MapKey key : inMemoryOutputs.keySet()) {
      ids.add(key.shuffleId());
    }
    try (Stream<Path> children = Files.list(root)) {
      children.map(path -> path.getFileName().toString())
          .filter(name -> name.startsWith("shuffle-"))
          .forEach(name -> ids.add(Integer.parseInt(name.substring("shuffle-".length()))));
    } catch (NoSuchFileException e) {
      return Set.copyOf(ids);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(ids);
  }

  /**
   * Test hook: drops one map output (its in-memory frames, or its data file as if the disk lost it),
   * so that the next read of it fails with a fetch failure and the scheduler recomputes it. Returns
   * whether there was one.
   */
  public boolean removeMapOutput(int shuffleId, int mapId) {
    boolean inMemory = inMemoryOutputs.remove(new MapKey(shuffleId, mapId)) != null;
    try {
      // Also an earlier attempt's file, which the in-memory output shadowed.
      return Files.deleteIfExists(dataFile(shuffleId, mapId)) || inMemory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void removeShuffle(int shuffleId) {
    mapCounts.remove(shuffleId);
    synchronized (committer) {
      inMemoryOutputs.keySet().removeIf(key -> key.shuffleId() == shuffleId);
      Directories.deleteRecursively(existingShuffleDirectory(shuffleId));
    }
  }

  /** Deletes every shuffle file and the executor's directory; idempotent. */
  @Override
  public void close() {
    closed = true;
    mapCounts.clear();
    synchronized (committer) {
      inMemoryOutputs.clear();
      Directories.deleteRecursively(root);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down already: the hook runs or ran, harmlessly.
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the shuffle manager of executor " + executorId + " is closed");
    }
  }

  private record MapKey(int shuffleId, int mapId) {}

  /** The writers' view of this manager. */
  private final class Committer implements MapOutputCommitter {
    @Override
    public Path shuffleDirectory(int shuffleId) throws IOException {
      ensureOpen();
      return Files.createDirectories(existingShuffleDirectory(shuffleId));
    }

    @Override
    public Path temporaryFile(int shuffleId, String prefix) throws IOException {
      return Files.createTempFile(shuffleDirectory(shuffleId), prefix + ".", ".tmp");
    }

    @Override
    public synchronized MapStatus commit(
        int shuffleId, int mapId, Path temporaryData, Path temporaryIndex, long[] lengths, long[] records)
        throws IOException {
      ensureOpen();
      Path directory = shuffleDirectory(shuffleId);
      // Index first, then data: a reader that opens both after this returns sees one attempt's pair.
      move(temporaryIndex, directory.resolve(ShuffleFiles.indexName(shuffleId, mapId)));
      move(temporaryData, directory.resolve(ShuffleFiles.dataName(shuffleId, mapId)));
      // The files replace an earlier attempt's in-memory output (readers look in memory first).
      inMemoryOutputs.remove(new MapKey(shuffleId, mapId));
      return new MapStatus(executorId, shuffleId, mapId, lengths, records);
    }

    @Override
    public synchronized MapStatus commitInMemory(int shuffleId, int mapId, byte[][] partitions, long[] records) {
      ensureOpen();
      long[] lengths = new long[partitions.length];
      for (int i = 0; i < partitions.length; i++) {
        lengths[i] = partitions[i].length;
      }
      // One put replaces an earlier attempt at once; an earlier attempt's files are shadowed by it.
      inMemoryOutputs.put(new MapKey(shuffleId, mapId), partitions);
      return new MapStatus(executorId, shuffleId, mapId, lengths, records);
    }

    private void move(Path from, Path to) throws IOException {
      try {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
