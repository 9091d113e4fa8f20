package dev.ember.core.storage;

import dev.ember.core.io.Directories;
import dev.ember.core.memory.SpillFile;
import dev.ember.core.memory.SpillReader;
import dev.ember.core.memory.SpillWriter;
import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An executor's cached partitions, as Spark's block manager: blocks keyed by {@link BlockId}
 * holding a partition's batches, on the heap (bytes reserved from the storage side of the
 * {@link UnifiedMemoryManager}) or in files under {@code directory}.
 *
 * <p>On the heap a block's batches are {@link CachedBatch compressed} column by column (Spark's
 * in-memory columnar cache does the same; a string column of few distinct values keeps one
 * dictionary for the block), and the reservation is the compressed size; readers widen the columns
 * they read a batch at a time ({@link #getCached}). Files hold the plain batches.
 *
 * <p>Memory blocks are kept in least-recently-used order. A block that needs memory evicts the
 * least recently used blocks of other caches; execution may evict blocks too (this manager is the
 * memory manager's {@link UnifiedMemoryManager.StorageEvictor}). An evicted or oversized block of a
 * mode that uses disk goes to a file; otherwise it is dropped and recomputed by its next reader.
 *
 * <p>Thread-safe. All state is guarded by the memory manager's monitor, so eviction asked for by
 * execution (which holds that monitor) and puts by tasks take locks in one order.
 */
public final class BlockManager implements AutoCloseable {
  private final UnifiedMemoryManager memory;
  private final Path directory;
  private final Object lock;
  private final LinkedHashMap<BlockId, MemoryBlock> memoryBlocks = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<BlockId, SpillFile> diskBlocks = new HashMap<>();
  private long hits;
  private long misses;
  private boolean closed;
  /** Changes not yet reported to the driver, newest per block; see {@link #drainUpdates()}. */
  private final LinkedHashMap<BlockId, BlockStatus> updates = new LinkedHashMap<>();
  /** The rows of each block stored, in memory or on disk (reported with its changes: the driver's statistics). */
  private final Map<BlockId, Long> blockRows = new HashMap<>();
  private long version;

  private record MemoryBlock(List<CachedBatch> batches, List<ColumnType> types, long bytes, StorageMode mode) {}

  /** The memory manager's storage evictor (a named class: no lambda to spin on a session's start). */
  private final class CachedBlockEvictor implements UnifiedMemoryManager.StorageEvictor {
    @Override
    public long evict(long bytes) {
      return evictForExecution(bytes);
    }
  }

  /** A block manager reserving memory from {@code memory} and writing block files under {@code directory}. */
  public BlockManager(UnifiedMemoryManager memory, Path directory) {
    this.memory = Objects.requireNonNull(memory, "memory is null");
    this.directory = Objects.requireNonNull(directory, "directory is null");
    this.lock = memory;
    memory.setStorageEvictor(new CachedBlockEvictor());
  }

  public Path directory() {
    return directory;
  }

  /** The batches of block {@code id}, from memory (every column widened) or disk; empty when the block is not stored. */
  public Optional<List<Batch>> get(BlockId id) {
    return getCached(id).map(batches -> batches.stream().map(CachedBatch::widen).toList());
  }

  /**
   * The batches of block {@code id} as stored, for a reader that widens only the columns it needs,
   * batch by batch: compressed from memory, uncompressed from disk; empty when the block is not stored.
   */
  public Optional<List<CachedBatch>> getCached(BlockId id) {
    Objects.requireNonNull(id, "id is null");
    SpillFile file;
    synchronized (lock) {
      MemoryBlock block = memoryBlocks.get(id);
      if (block != null) {
        hits++;
        return Optional.of(block.batches());
      }
      file = diskBlocks.get(id);
      if (file == null) {
        misses++;
        return Optional.empty();
      }
      hits++;
    }
    return readFile(id, file);
  }

  private Optional<List<CachedBatch>> readFile(BlockId id, SpillFile file) {
    List<CachedBatch> batches = new ArrayList<>();
    try (SpillReader reader = file.openKeeping()) {
      for (Batch batch = reader.next(); batch != null; batch = reader.next()) {
        batches.add(CachedBatch.uncompressed(batch));
      }
      return Optional.of(batches);
    } catch (RuntimeException e) {
      // A lost or damaged block file: forget it, the reader recomputes the partition.
      synchronized (lock) {
        if (diskBlocks.remove(id, file)) {
          hits--;
          misses++;
          updated(id, StorageMode.DISK_ONLY, 0, 0);
        }
      }
      file.delete();
      return Optional.empty();
    }
  }

  /**
   * Stores {@code batches} (all of column types {@code types}) as block {@code id} in {@code mode};
   * returns false when the block was not stored (MEMORY_ONLY and it does not fit).
   */
  public boolean put(BlockId id, List<ColumnType> types, List<Batch> batches, StorageMode mode) {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(mode, "mode is null");
    List<ColumnType> columnTypes = List.copyOf(types);
    List<Batch> blockBatches = List.copyOf(batches);
    // Compressed outside the lock: it is a pass over every value, and tasks put blocks in parallel.
    List<CachedBatch> compressed = mode.useMemory() ? CachedBatch.compressBlock(blockBatches) : List.of();
    long bytes = CachedBatch.blockBytes(compressed);
    long rows = 0;
    for (Batch batch : blockBatches) {
      rows += batch.rowCount();
    }
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the block manager is closed; cannot store " + id);
      }
      if (memoryBlocks.containsKey(id) || diskBlocks.containsKey(id)) {
        return true;
      }

      if (mode.useMemory() && reserve(id.cacheId(), bytes)) {
        memoryBlocks.put(id, new MemoryBlock(List.copyOf(compressed), columnTypes, bytes, mode));
        blockRows.put(id, rows);
        updated(id, mode, bytes, 0);
        return true;
      }
      if (!mode.useDisk()) {
        return false;
      }
      SpillFile file = writeFile(id, columnTypes, blockBatches.iterator());
      diskBlocks.put(id, file);
      blockRows.put(id, rows);
      updated(id, mode, 0, file.bytes());
      return true;
    }
  }

  /** Reserves {@code bytes} of storage memory, evicting least recently used blocks of other caches if needed. */
  private boolean reserve(int cacheId, long bytes) {
    if (memory.acquireStorage(bytes)) {
      return true;
    }
    List<BlockId> victims = new ArrayList<>();
    long freeable = 0;
    for (Map.Entry<BlockId, MemoryBlock> entry : memoryBlocks.entrySet()) {
      if (entry.getKey().cacheId() != cacheId) {
        victims.add(entry.getKey());
        freeable += entry.getValue().bytes();
        if (memory.maxMemory() - memory.executionUsed() - memory.storageUsed() + freeable >= bytes) {
          break;
        }
      }
    }
    if (memory.maxMemory() - memory.executionUsed() - memory.storageUsed() + freeable < bytes) {
      return false;
    }
    for (BlockId victim : victims) {
      memory.releaseStorage(dropFromMemory(victim));
    }
    return memory.acquireStorage(bytes);
  }

  /** Removes a memory block, moving it to disk when its mode allows; returns its bytes. */
  private long dropFromMemory(BlockId id) {
    MemoryBlock block = memoryBlocks.remove(id);
    long diskBytes = 0;
    if (block.mode().useDisk()) {
      // Widened a batch at a time: an eviction runs when memory is short.
      SpillFile file = writeFile(id, block.types(), block.batches().stream().map(CachedBatch::widen).iterator());
      diskBlocks.put(id, file);
      diskBytes = file.bytes();
    }
    updated(id, block.mode(), 0, diskBytes);
    return block.bytes();
  }

  /** Called by the memory manager under its monitor; it accounts the returned bytes itself. */
  private long evictForExecution(long bytes) {
    long freed = 0;
    Iterator<BlockId> eldestFirst = new ArrayList<>(memoryBlocks.keySet()).iterator();
    while (freed < bytes && eldestFirst.hasNext()) {
      freed += dropFromMemory(eldestFirst.next());
    }
    return freed;
  }

  private SpillFile writeFile(BlockId id, List<ColumnType> types, Iterator<Batch> batches) {
    SpillWriter writer = SpillWriter.create(directory, types);
    try {
      while (batches.hasNext()) {
        writer.write(batches.next());
      }
      return writer.finish();
    } catch (RuntimeException e) {
      writer.close();
      throw new IllegalStateException("cannot write cached block " + id + " to " + directory + ": " + e.getMessage(), e);
    }
  }

  /** Drops every block of {@code cacheId}, in memory and on disk (unpersist). */
  public void removeCache(int cacheId) {
    List<SpillFile> files = new ArrayList<>();
    synchronized (lock) {
      Iterator<Map.Entry<BlockId, MemoryBlock>> blocks = memoryBlocks.entrySet().iterator();
      while (blocks.hasNext()) {
        Map.Entry<BlockId, MemoryBlock> entry = blocks.next();
        if (entry.getKey().cacheId() == cacheId) {
          memory.releaseStorage(entry.getValue().bytes());
          updated(entry.getKey(), entry.getValue().mode(), 0, 0);
          blocks.remove();
        }
      }
      Iterator<Map.Entry<BlockId, SpillFile>> stored = diskBlocks.entrySet().iterator();
      while (stored.hasNext()) {
        Map.Entry<BlockId, SpillFile> entry = stored.next();
        if (entry.getKey().cacheId() == cacheId) {
          files.add(entry.getValue());
          updated(entry.getKey(), StorageMode.DISK_ONLY, 0, 0);
          stored.remove();
        }
      }
    }
    files.forEach(SpillFile::delete);
  }

  /** Notes a block's new state for the driver; called under the lock. */
  private void updated(BlockId id, StorageMode mode, long memoryBytes, long diskBytes) {
    boolean gone = memoryBytes == 0 && diskBytes == 0;
    Long rows = gone ? blockRows.remove(id) : blockRows.get(id);
    updates.remove(id);
    updates.put(id, new BlockStatus(id, mode, memoryBytes, diskBytes, gone || rows == null ? 0 : rows, ++version));
  }

  /**
   * The blocks that changed since the last call, each with its newest state, oldest change first;
   * the executor sends them to the driver with the next task result it reports (so updates reach
   * the driver the same way in local mode and from executor processes).
   */
  public List<BlockStatus> drainUpdates() {
    synchronized (lock) {
      if (updates.isEmpty()) {
        return List.of();
      }
      List<BlockStatus> drained = List.copyOf(updates.values());
      updates.clear();
      return drained;
    }
  }

  /** True when block {@code id} is on the heap. */
  public boolean inMemory(BlockId id) {
    synchronized (lock) {
      return memoryBlocks.containsKey(id);
    }
  }

  /** True when block {@code id} is in a file. */
  public boolean onDisk(BlockId id) {
    synchronized (lock) {
      return diskBlocks.containsKey(id);
    }
  }

  /** The file of block {@code id}, if it is on disk (tests delete it to lose the block). */
  public Optional<Path> file(BlockId id) {
    synchronized (lock) {
      SpillFile file = diskBlocks.get(id);
      return file == null ? Optional.empty() : Optional.of(file.path());
    }
  }

  /** Drops block {@code id} from memory and disk without moving it anywhere (tests: a lost block). */
  public void drop(BlockId id) {
    SpillFile file;
    synchronized (lock) {
      MemoryBlock block = memoryBlocks.remove(id);
      if (block != null) {
        memory.releaseStorage(block.bytes());
      }
      file = diskBlocks.remove(id);
      if (block != null || file != null) {
        updated(id, block != null ? block.mode() : StorageMode.DISK_ONLY, 0, 0);
      }
    }
    if (file != null) {
      file.delete();
    }
  }

  /** Reads served from a stored block. */
  public long hits() {
    synchronized (lock) {
      return hits;
    }
  }

  /** Reads that found no block (the partition was computed). */
  public long misses() {
    synchronized (lock) {
      return misses;
    }
  }

  /** Bytes of blocks on the heap. */
  public long memoryBytes() {
    synchronized (lock) {
      return memoryBlocks.values().stream().mapToLong(MemoryBlock::bytes).sum();
    }
  }

  /** Drops all blocks and deletes the block directory. */
  @Override
  public void close() {
    List<SpillFile> files;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      for (MemoryBlock block : memoryBlocks.values()) {
        memory.releaseStorage(block.bytes());
      }
      memoryBlocks.clear();
      files = new ArrayList<>(diskBlocks.values());
      diskBlocks.clear();
      memory.setStorageEvictor(UnifiedMemoryManager.StorageEvictor.NONE);
    }
    files.forEach(SpillFile::delete);
    Directories.deleteRecursively(directory);
  }
}
