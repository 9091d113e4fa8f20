package dev.ember.shuffle.sort;

import dev.ember.core.io.Directories;
import dev.ember.core.io.SessionFolderReclaim;
import dev.ember.core.logging.LazyLogger;
import dev.ember.core.memory.TaskMemory;
import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.operator.Operator;
import dev.ember.core.shuffle.FetchFailedException;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.shuffle.ShuffleDependency;
import dev.ember.core.shuffle.ShuffleManager;
import dev.ember.core.shuffle.ShuffleWriter;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.vector.Batch;
import dev.ember.shuffle.fetch.BlockFetcher;
import dev.ember.shuffle.fetch.BlockSource;
import dev.ember.shuffle.fetch.LocalBlocks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
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
 * <p>In-process mode ({@link #inProcess}, local mode only: every reducer runs in this JVM), a map
 * output that never spilled is held as its partitioned batches themselves, compacted to about
 * {@link BlockWriter#TARGET_ROWS} rows per batch, and readers get those batches by reference: no
 * encoding, compression, copy or file. Held outputs count against the storage side of the
 * executor's {@link UnifiedMemoryManager}: an output that the free memory cannot hold takes the
 * file path at once, and when execution needs memory that storage borrowed, the oldest held
 * outputs are written to files in the usual encoded format (evicted), as the block manager drops
 * cached blocks. Batches are immutable, so many reducers read one held output concurrently.
 * Memory is released when a later attempt replaces an output, when an output is evicted or removed,
 * when its shuffle is removed and when the manager closes; a map attempt that fails before its
 * commit never held any (its writer's execution memory goes back when the writer closes).
 *
 * <p>Thread-safe: task threads write and read concurrently. The publication, replacement,
 * eviction and removal of map outputs are serialized by one lock: in in-process mode the memory
 * manager's monitor (eviction is called under it, so taking it first everywhere keeps one lock
 * order), otherwise a lock of this manager's own. Readers look outputs up without the lock (a
 * concurrent map; an evicted output's files are published before its batches are forgotten).
 * {@link #removeShuffle} and {@link #close} delete directories. Closing deletes the executor's
 * whole directory.
 */
public final class DiskShuffleManager implements ShuffleManager, BlockSource {
  private static final LazyLogger LOG = new LazyLogger(DiskShuffleManager.class);
  private final String executorId;
  private final DiskShuffleSettings settings;
  private final BlockFetcher remoteFetcher;
  private final Path root;
  private final Committer committer = new Committer();
  /** In-process mode: accounts for the held outputs (storage side); null in file mode. */
  private final UnifiedMemoryManager heldMemory;
  /** Serializes publication, replacement, eviction and removal of map outputs (see the class comment). */
  private final Object lock;
  /** In-process mode: the map outputs held as batches, by shuffle and map. */
  private final Map<MapKey, HeldOutput> heldOutputs = new ConcurrentHashMap<>();
  private final AtomicLong heldSequence = new AtomicLong();
  /** Held outputs written to files because execution needed their memory (guarded by {@link #lock}). */
  private long evictedOutputs;
  /** The held output being written to files by an eviction, whose memory the eviction accounts for (guarded by {@link #lock}). */
  private HeldOutput evicting;
  /** The map outputs kept in memory, by shuffle and map: per reduce partition, its frames. */
  private final Map<MapKey, byte[][]> inMemoryOutputs = new ConcurrentHashMap<>();
  /** Deletes the directory if the JVM exits without {@link #close()} (as Spark's disk block manager does). */
  private final Thread shutdownHook;
  /** The reclaim of killed sessions' folders this manager's start began; closed (stopped, waited for) by {@link #close()}. */
  private final SessionFolderReclaim folderReclaim;
  private volatile boolean closed;
  /** The block server that serves this executor's outputs to other processes ("" and -1: none). */
  private volatile String blockHost = "";
  private volatile int blockPort = MapStatus.NO_BLOCK_PORT;

  /** A manager that reads only its own blocks (local mode). */
  public DiskShuffleManager(String executorId, DiskShuffleSettings settings) {
    this(executorId, settings, BlockFetcher.NONE);
  }

  public DiskShuffleManager(String executorId, DiskShuffleSettings settings, BlockFetcher remoteFetcher) {
    this(executorId, settings, remoteFetcher, null);
  }

  /**
   * The shuffle of an executor whose reducers all run in this JVM (local mode): map outputs are
   * held as batches and handed to readers by reference (see the class comment). {@code memoryInRoot}
   * builds the executor's memory manager from this manager's directory (so that spill files placed
   * inside it go when the manager closes); {@link #heldMemory()} returns it.
   */
  public static DiskShuffleManager inProcess(
      String executorId, DiskShuffleSettings settings, Function<Path, UnifiedMemoryManager> memoryInRoot) {
    return inProcess(executorId, settings, BlockFetcher.NONE, memoryInRoot);
  }

  /** As {@link #inProcess(String, DiskShuffleSettings, Function)}, fetching other executors' blocks with {@code remoteFetcher}. */
  public static DiskShuffleManager inProcess(String executorId, DiskShuffleSettings settings, BlockFetcher remoteFetcher,
      Function<Path, UnifiedMemoryManager> memoryInRoot) {
    Objects.requireNonNull(memoryInRoot, "memoryInRoot is null");
    return new DiskShuffleManager(executorId, settings, remoteFetcher, memoryInRoot);
  }

  private DiskShuffleManager(String executorId, DiskShuffleSettings settings, BlockFetcher remoteFetcher,
      Function<Path, UnifiedMemoryManager> memoryInRoot) {
    this.executorId = Objects.requireNonNull(executorId, "executorId is null");
    this.settings = Objects.requireNonNull(settings, "settings is null");
    this.remoteFetcher = Objects.requireNonNull(remoteFetcher, "remoteFetcher is null");
    try {
      // Named after this process, so a later session can tell a killed session's folder from a live one's.
      this.root = Directories.createOwnSessionFolder(settings.localDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the executor's shuffle directory under ember.local.dir = "
          + settings.localDirectory() + ": " + e, e);
    }
    if (memoryInRoot == null) {
      this.heldMemory = null;
      this.lock = new Object();
    } else {
      this.heldMemory = Objects.requireNonNull(memoryInRoot.apply(root), "the memory manager is null");
      this.lock = heldMemory;
      heldMemory.addStorageEvictor(new HeldOutputEvictor());
    }
    this.shutdownHook = new Thread(new DeleteRoot(root), "ember-shuffle-cleanup-" + executorId);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    // Killed sessions' folders are reclaimed beside the start, not in it: the listing of a shared
    // temporary directory and the deletions would otherwise be paid by every session's start.
    this.folderReclaim = SessionFolderReclaim.start(settings.localDirectory(), "ember-reclaim-" + executorId);
  }

  public String executorId() {
    return executorId;
  }

  /** The memory manager that accounts for held map outputs (in-process mode), or null (file mode). */
  public UnifiedMemoryManager heldMemory() {
    return heldMemory;
  }

  /** Whether map outputs are held as batches (in-process mode). */
  public boolean holdsBatches() {
    return heldMemory != null;
  }

  /**
   * Names the block server that serves this manager's outputs: map statuses committed from now on
   * carry its address, so reducers in other processes know where to fetch.
   */
  public void serveBlocksAt(String host, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("block port " + port + " is not a port");
    }
    this.blockHost = Objects.requireNonNull(host, "host is null");
    this.blockPort = port;
  }

  public DiskShuffleSettings settings() {
    return settings;
  }

  /** This executor's directory, {@code <ember.local.dir>/ember-<owner>-<uuid>}. */
  public Path rootDirectory() {
    return root;
  }

  /**
   * Waits until the reclaim of killed sessions' folders that this manager's start began has
   * finished; false when {@code timeout} passed first. Tests that check the reclaim call it.
   */
  public boolean awaitFolderReclaim(Duration timeout) throws InterruptedException {
    return folderReclaim.await(Objects.requireNonNull(timeout, "timeout is null"));
  }

  BlockFetcher remoteFetcher() {
    return remoteFetcher;
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
    // The bypass writer encodes as it goes; holding batches needs the sort writer's buffer.
    if (heldMemory == null && dependency.reducePartitionCount() <= settings.bypassMergeThreshold()) {
      return new BypassShuffleWriter(committer, dependency, mapId, metrics, memory, settings);
    }
    if (heldMemory != null) {
      // The output is to be held whole, so its buffer is bounded by the task's execution memory
      // (its fair share), not by the write buffer cap that sizes the chunks of an output going to files.
      return new SortShuffleWriter(
          committer, dependency, mapId, metrics, memory, settings.withWriteBufferBytes(Long.MAX_VALUE));
    }
    return new SortShuffleWriter(committer, dependency, mapId, metrics, memory, settings);
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

  /** The batches of a held map output, one array per reduce partition, or null if it is not held. */
  Batch[][] heldOutput(int shuffleId, int mapId) {
    HeldOutput held = heldOutputs.get(new MapKey(shuffleId, mapId));
    return held == null ? null : held.partitions();
  }

  /** The in-memory frames of a map output, one array per reduce partition, or null if it is not in memory. */
  byte[][] inMemoryOutput(int shuffleId, int mapId) {
    return inMemoryOutputs.get(new MapKey(shuffleId, mapId));
  }

  /**
   * The raw frames of a committed map output's blocks {@code startReduce..endReduce-1}, for the
   * block server: in memory they are copied into one array (small by construction), on disk they
   * are one contiguous segment of the data file, found through the index.
   */
  @Override
  public LocalBlocks open(int shuffleId, int mapId, int startReduce, int endReduce) {
    ensureOpen();
    if (startReduce < 0 || endReduce < startReduce) {
      throw new IllegalArgumentException("bad reducer range " + startReduce + ".." + endReduce);
    }
    byte[][] inMemory = inMemoryOutput(shuffleId, mapId);
    Batch[][] held = heldOutput(shuffleId, mapId);
    if (held != null) {
      inMemory = encode(held, startReduce, endReduce);
    }
    if (inMemory != null) {
      if (endReduce > inMemory.length) {
        throw new IllegalArgumentException("reducers " + startReduce + ".." + endReduce + " are outside shuffle "
            + shuffleId + " of " + inMemory.length + " partitions");
      }
      int length = 0;
      for (int reduce = startReduce; reduce < endReduce; reduce++) {
        length = Math.addExact(length, inMemory[reduce].length);
      }
      byte[] bytes = new byte[length];
      int at = 0;
      for (int reduce = startReduce; reduce < endReduce; reduce++) {
        System.arraycopy(inMemory[reduce], 0, bytes, at, inMemory[reduce].length);
        at += inMemory[reduce].length;
      }
      return new LocalBlocks.InMemory(bytes);
    }
    Path index = indexFile(shuffleId, mapId);
    Path data = dataFile(shuffleId, mapId);
    try (FileChannel indexChannel = FileChannel.open(index, StandardOpenOption.READ)) {
      long partitions = indexChannel.size() / 8 - 1;
      if (indexChannel.size() % 8 != 0 || partitions < 1) {
        throw new FetchFailedException(shuffleId, mapId, startReduce,
            "index file " + index + " has " + indexChannel.size() + " bytes, not a whole index", null);
      }
      if (endReduce > partitions) {
        throw new IllegalArgumentException("reducers " + startReduce + ".." + endReduce + " are outside shuffle "
            + shuffleId + " of " + partitions + " partitions");
      }
      ByteBuffer start = ByteBuffer.allocate(8);
      ByteBuffer end = ByteBuffer.allocate(8);
      ShuffleFiles.readFully(indexChannel, 8L * startReduce, start);
      ShuffleFiles.readFully(indexChannel, 8L * endReduce, end);
      long offset = start.getLong(0);
      long length = end.getLong(0) - offset;
      if (offset < 0 || length < 0 || offset + length > Files.size(data)) {
        throw new FetchFailedException(shuffleId, mapId, startReduce,
            "index file " + index + " names bytes " + offset + "+" + length + " that " + data + " does not have", null);
      }
      return new LocalBlocks.FileSegment(data, offset, length);
    } catch (NoSuchFileException e) {
      throw new FetchFailedException(shuffleId, mapId, startReduce,
          "the map output file " + e.getFile() + " is missing on executor " + executorId + " (lost or removed)", e);
    } catch (IOException e) {
      throw new FetchFailedException(shuffleId, mapId, startReduce, "cannot read the map output index " + index + ": " + e, e);
    }
  }

  /** The frames of partitions {@code from..to-1} of a held output (others empty), for the block server. */
  private byte[][] encode(Batch[][] held, int from, int to) {
    if (to > held.length) {
      throw new IllegalArgumentException("reducers " + from + ".." + to + " are outside a shuffle of " + held.length
          + " partitions");
    }
    BlockWriter writer = new BlockWriter(settings.compress());
    byte[][] frames = new byte[held.length][];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      for (int partition = 0; partition < held.length; partition++) {
        out.reset();
        if (partition >= from && partition < to) {
          writer.write(List.of(held[partition]), out);
        }
        frames[partition] = out.toByteArray();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a byte array stream failed", e);
    }
    return frames;
  }

  /** Whether a committed map output is held as batches (in-process mode). */
  public boolean isHeld(int shuffleId, int mapId) {
    return heldOutputs.containsKey(new MapKey(shuffleId, mapId));
  }

  /** Held map outputs written to files because execution memory needed their storage (tests check spills). */
  public long evictedOutputs() {
    synchronized (lock) {
      return evictedOutputs;
    }
  }

  /** Whether a committed map output is held in memory as frames (tests check which outputs made files). */
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
    for (MapKey key : heldOutputs.keySet()) {
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
   * Drops one map output (its in-memory frames, or its data file as if the disk lost it), so that the
   * next read of it fails with a fetch failure and the scheduler recomputes it; tests use it to lose
   * outputs. Returns whether there was one.
   */
  public boolean removeMapOutput(int shuffleId, int mapId) {
    boolean inMemory;
    synchronized (lock) {
      inMemory = inMemoryOutputs.remove(new MapKey(shuffleId, mapId)) != null;
      inMemory |= releaseHeld(heldOutputs.remove(new MapKey(shuffleId, mapId)));
    }
    try {
      // Also an earlier attempt's file, which the in-memory output shadowed.
      return Files.deleteIfExists(dataFile(shuffleId, mapId)) || inMemory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void removeShuffle(int shuffleId) {
    synchronized (lock) {
      inMemoryOutputs.keySet().removeIf(key -> key.shuffleId() == shuffleId);
      for (MapKey key : List.copyOf(heldOutputs.keySet())) {
        if (key.shuffleId() == shuffleId) {
          releaseHeld(heldOutputs.remove(key));
        }
      }
      Directories.deleteRecursively(existingShuffleDirectory(shuffleId));
    }
  }

  /** Deletes every shuffle file and the executor's directory; idempotent. */
  @Override
  public void close() {
    closed = true;
    folderReclaim.close();
    synchronized (lock) {
      inMemoryOutputs.clear();
      for (MapKey key : List.copyOf(heldOutputs.keySet())) {
        releaseHeld(heldOutputs.remove(key));
      }
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

  /** Gives back a removed held output's storage memory (caller holds {@link #lock}); false for null. */
  private boolean releaseHeld(HeldOutput held) {
    if (held == null) {
      return false;
    }
    heldMemory.releaseStorage(held.bytes());
    return true;
  }

  /**
   * The memory manager's storage evictor (called under its monitor, which is {@link #lock}): writes
   * the oldest held outputs to files in the encoded format until {@code bytes} are freed, and
   * returns the bytes freed without releasing them (the memory manager takes them off storage).
   */
  private long evictHeldOutputs(long bytes) {
    if (closed || heldOutputs.isEmpty()) {
      return 0;
    }
    List<Map.Entry<MapKey, HeldOutput>> oldestFirst = new ArrayList<>(heldOutputs.entrySet());
    oldestFirst.sort(Comparator.comparingLong(entry -> entry.getValue().sequence()));
    long freed = 0;
    BlockWriter writer = new BlockWriter(settings.compress());
    for (Map.Entry<MapKey, HeldOutput> entry : oldestFirst) {
      if (freed >= bytes) {
        break;
      }
      MapKey key = entry.getKey();
      HeldOutput held = entry.getValue();
      evicting = held;
      try {
        // The commit renames the files, then forgets the batches: a reader that misses the batches finds the files.
        committer.publishFiles(key.shuffleId(), key.mapId(), data -> writeHeld(writer, held.partitions(), data),
            held.records(), new TaskMetrics());
      } catch (RuntimeException e) {
        // The disk is full or gone: keep the output in memory; execution gets what others freed.
        LOG.get().warn("could not write map output {} of shuffle {} to disk to free memory: {}", key.mapId(),
            key.shuffleId(), e.toString());
        break;
      } finally {
        evicting = null;
      }
      heldOutputs.remove(key, held);
      evictedOutputs++;
      freed += held.bytes();
    }
    return freed;
  }

  private static long[] writeHeld(BlockWriter writer, Batch[][] partitions, FileChannel data) throws IOException {
    long[] lengths = new long[partitions.length];
    try (OutputStream out = ShuffleFiles.bufferedStream(data)) {
      for (int partition = 0; partition < partitions.length; partition++) {
        out.flush();
        lengths[partition] = writer.write(List.of(partitions[partition]), out);
      }
    }
    return lengths;
  }

  private record MapKey(int shuffleId, int mapId) {}

  /** The memory manager's storage evictor (a named class: no lambda to spin on a session's start). */
  private final class HeldOutputEvictor implements UnifiedMemoryManager.StorageEvictor {
    @Override
    public long evict(long bytes) {
      return evictHeldOutputs(bytes);
    }
  }

  /** The shutdown hook's work: deletes the executor's directory. */
  private record DeleteRoot(Path root) implements Runnable {
    @Override
    public void run() {
      Directories.deleteRecursively(root);
    }
  }

  /** A map output held as batches: per reduce partition its batches, the rows, and the storage bytes reserved. */
  private record HeldOutput(Batch[][] partitions, long[] records, long bytes, long sequence) {}

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
    public MapStatus commit(
        int shuffleId, int mapId, Path temporaryData, Path temporaryIndex, long[] lengths, long[] records)
        throws IOException {
      synchronized (lock) {
        ensureOpen();
        Path directory = shuffleDirectory(shuffleId);
        // Index first, then data: a reader that opens both after this returns sees one attempt's pair.
        move(temporaryIndex, directory.resolve(ShuffleFiles.indexName(shuffleId, mapId)));
        move(temporaryData, directory.resolve(ShuffleFiles.dataName(shuffleId, mapId)));
        // The files replace an earlier attempt's output in memory (readers look in memory first).
        MapKey key = new MapKey(shuffleId, mapId);
        inMemoryOutputs.remove(key);
        if (heldMemory != null) {
          HeldOutput replaced = heldOutputs.remove(key);
          if (replaced != evicting) {
            releaseHeld(replaced);
          }
        }
        return new MapStatus(executorId, shuffleId, mapId, lengths, records, blockHost, blockPort);
      }
    }

    @Override
    public MapStatus commitInMemory(int shuffleId, int mapId, byte[][] partitions, long[] records) {
      synchronized (lock) {
        ensureOpen();
        long[] lengths = new long[partitions.length];
        for (int i = 0; i < partitions.length; i++) {
          lengths[i] = partitions[i].length;
        }
        // One put replaces an earlier attempt at once; an earlier attempt's files are shadowed by it.
        MapKey key = new MapKey(shuffleId, mapId);
        inMemoryOutputs.put(key, partitions);
        if (heldMemory != null) {
          releaseHeld(heldOutputs.remove(key));
        }
        return new MapStatus(executorId, shuffleId, mapId, lengths, records, blockHost, blockPort);
      }
    }

    @Override
    public boolean holdsBatches() {
      return heldMemory != null;
    }

    @Override
    public MapStatus commitHeld(int shuffleId, int mapId, Batch[][] partitions, long[] records, long[] sizes) {
      long bytes = 0;
      for (long size : sizes) {
        bytes += size;
      }
      synchronized (lock) {
        ensureOpen();
        if (heldMemory == null || !heldMemory.acquireStorage(bytes)) {
          return null;
        }
        MapKey key = new MapKey(shuffleId, mapId);
        // Replaces an earlier attempt's output at once; an earlier attempt's frames or files are shadowed.
        releaseHeld(heldOutputs.put(key, new HeldOutput(partitions, records, bytes, heldSequence.getAndIncrement())));
        inMemoryOutputs.remove(key);
        return new MapStatus(executorId, shuffleId, mapId, sizes, records, blockHost, blockPort);
      }
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
