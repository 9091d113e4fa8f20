package dev.ember.core.memory;

import dev.ember.core.text.ByteSizes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * An executor's memory, shared by its running tasks, as in Spark's unified model: of
 * {@code ember.executor.memory} a reserve is set aside for the engine's own objects
 * ({@link #reservedBytes}), and a fraction (0.6) of the rest is the unified region for execution
 * (sort buffers, hash tables, shuffle write buffers) and storage (cached blocks, see
 * {@link dev.ember.core.storage.BlockManager}).
 *
 * <p>Split and borrowing: storage owns {@code storageFraction} (0.5) of the region, execution the
 * rest. Either side may borrow the other's free memory. Execution may take back memory that storage
 * borrowed beyond its own share by evicting cached blocks (through the {@link StorageEvictor}, the
 * block manager); storage never evicts execution memory, it only gets what is free.
 *
 * <p>Fair sharing of execution memory: with N tasks holding or asking for execution memory, each
 * may hold at most 1/N of the execution pool; a task below 1/(2N) whose request cannot be met waits
 * until others release (it is guaranteed that share), otherwise it gets what is free now, possibly
 * less than asked (then it must spill). Thread-safe: one monitor guards all counters.
 */
public final class UnifiedMemoryManager {
  /** Bytes Spark keeps out of the unified region for the engine itself, at most a fifth of the memory. */
  public static final long RESERVED_SYSTEM_BYTES = 300L << 20;
  public static final double DEFAULT_MEMORY_FRACTION = 0.6;
  public static final double DEFAULT_STORAGE_FRACTION = 0.5;
  public static final String EXECUTOR_MEMORY = "ember.executor.memory";
  public static final String LOCAL_DIR = "ember.local.dir";
  /**
   * The executor memory when the JVM reports no heap limit ({@link Runtime#maxMemory()} is
   * {@code Long.MAX_VALUE}): the former fixed default, since sizing from "unlimited" would never spill.
   */
  public static final long UNLIMITED_HEAP_FALLBACK_MEMORY = 1L << 30;
  /**
   * What an application asks of a cluster for each executor process when {@code ember.executor.memory}
   * is unset: Spark's default for executors outside the driver's JVM (the driver's heap says
   * nothing about the workers').
   */
  public static final long CLUSTER_DEFAULT_EXECUTOR_MEMORY = 1L << 30;

  /** Frees storage memory by evicting cached blocks; returns the bytes freed. */
  @FunctionalInterface
  public interface StorageEvictor {
    /** Evicts nothing: storage without cached blocks (a named class: built on every session's start, no lambda to spin). */
    StorageEvictor NONE = new NoEviction();

    long evict(long bytes);
  }

  private static final class NoEviction implements StorageEvictor {
    @Override
    public long evict(long bytes) {
      return 0;
    }
  }

  private final long maxMemory;
  private final long storageRegion;
  private final Path spillDirectory;
  private final Map<Long, Long> executionByTask = new HashMap<>();
  private long executionUsed;
  private long storageUsed;
  private long peakExecutionUsed;
  private StorageEvictor evictor = StorageEvictor.NONE;
  /** Holders of storage memory asked before {@link #evictor} (an in-process shuffle's map outputs). */
  private final List<StorageEvictor> otherEvictors = new ArrayList<>();

  /**
   * @param maxMemory bytes of the unified region (execution plus storage)
   * @param storageFraction the part of it storage keeps safe from eviction
   * @param spillDirectory where tasks write their spill files ({@code <local dir>/spill})
   */
  public UnifiedMemoryManager(long maxMemory, double storageFraction, Path spillDirectory) {
    if (maxMemory <= 0) {
      throw new IllegalArgumentException("the unified memory region must be positive, got " + maxMemory + " bytes");
    }
    if (!(storageFraction >= 0 && storageFraction <= 1)) {
      throw new IllegalArgumentException("storageFraction must be in [0, 1], got " + storageFraction);
    }
    this.maxMemory = maxMemory;
    this.storageRegion = (long) (maxMemory * storageFraction);
    this.spillDirectory = Objects.requireNonNull(spillDirectory, "spillDirectory is null");
  }

  /** A manager with all of {@code executionBytes} usable by execution (no storage share): tests, benchmarks. */
  public static UnifiedMemoryManager forExecution(long executionBytes, Path spillDirectory) {
    return new UnifiedMemoryManager(executionBytes, 0, spillDirectory);
  }

  /**
   * From the settings: {@code ember.executor.memory} (default: the JVM's max heap, see
   * {@link #defaultExecutorMemory(long)}; {@code 512m}, {@code 2g}, plain numbers are MiB) and {@code ember.local.dir} (default {@code java.io.tmpdir}); spill files go
   * to {@code <local dir>/spill}.
   */
  public static UnifiedMemoryManager fromSettings(Map<String, String> settings) {
    String localDir = settings.getOrDefault(LOCAL_DIR, System.getProperty("java.io.tmpdir"));
    return fromSettings(settings, Path.of(localDir).resolve("spill"));
  }

  /** The manager for {@code ember.executor.memory} in {@code settings}, spilling into {@code spillDirectory}. */
  public static UnifiedMemoryManager fromSettings(Map<String, String> settings, Path spillDirectory) {
    return new UnifiedMemoryManager(unifiedRegion(executorMemory(settings)), DEFAULT_STORAGE_FRACTION, spillDirectory);
  }

  /**
   * {@code ember.executor.memory} in bytes (a plain number means MiB, as Spark); when unset, what
   * this JVM's heap allows ({@link #defaultExecutorMemory()}).
   */
  public static long executorMemory(Map<String, String> settings) {
    return executorMemory(settings, Runtime.getRuntime().maxMemory());
  }

  /** As {@link #executorMemory(Map)}, for a JVM whose max heap is {@code maxHeapBytes}. */
  public static long executorMemory(Map<String, String> settings, long maxHeapBytes) {
    Objects.requireNonNull(settings, "settings is null");
    String memoryText = settings.get(EXECUTOR_MEMORY);
    return memoryText == null ? defaultExecutorMemory(maxHeapBytes) : ByteSizes.parseMemory(EXECUTOR_MEMORY, memoryText);
  }

  /** {@code ember.executor.memory} for executors in processes of their own: {@link #CLUSTER_DEFAULT_EXECUTOR_MEMORY} when unset. */
  public static long clusterExecutorMemory(Map<String, String> settings) {
    Objects.requireNonNull(settings, "settings is null");
    String memoryText = settings.get(EXECUTOR_MEMORY);
    return memoryText == null ? CLUSTER_DEFAULT_EXECUTOR_MEMORY : ByteSizes.parseMemory(EXECUTOR_MEMORY, memoryText);
  }

  /** The executor memory of an executor running in this JVM: its max heap ({@link Runtime#maxMemory()}). */
  public static long defaultExecutorMemory() {
    return defaultExecutorMemory(Runtime.getRuntime().maxMemory());
  }

  /**
   * Spark's local-mode rule: the executor lives in this JVM, so its memory is the JVM's max heap
   * (Spark's {@code UnifiedMemoryManager.getMaxMemory} takes {@code Runtime.maxMemory()} as the
   * system memory; {@link #unifiedRegion} then keeps the reserve and takes 0.6 of the rest). A
   * fixed 1g left most of a large heap unused, so cached tables spilled to disk needlessly.
   */
  public static long defaultExecutorMemory(long maxHeapBytes) {
    if (maxHeapBytes <= 0) {
      throw new IllegalArgumentException("the max heap must be positive, got " + maxHeapBytes + " bytes");
    }
    return maxHeapBytes == Long.MAX_VALUE ? UNLIMITED_HEAP_FALLBACK_MEMORY : maxHeapBytes;
  }

  /** (memory - reserve) x 0.6, where the reserve is 300 MiB or a fifth of the memory, whichever is less. */
  public static long unifiedRegion(long executorMemory) {
    long reserve = reservedBytes(executorMemory);
    return (long) ((executorMemory - reserve) * DEFAULT_MEMORY_FRACTION);
  }

  public static long reservedBytes(long executorMemory) {
    return Math.min(RESERVED_SYSTEM_BYTES, executorMemory / 5);
  }

  public Path spillDirectory() {
    return spillDirectory;
  }

  public long maxMemory() {
    return maxMemory;
  }

  public synchronized void setStorageEvictor(StorageEvictor storageEvictor) {
    this.evictor = Objects.requireNonNull(storageEvictor, "storageEvictor is null");
  }

  /**
   * Adds a holder of storage memory that execution may also reclaim from, asked before the block
   * manager's evictor: what it holds is written to disk, never lost, while a dropped cached block is
   * recomputed. It is called with this manager's monitor held and must not release the
   * storage it frees itself: the bytes it returns are taken off the storage in use.
   */
  public synchronized void addStorageEvictor(StorageEvictor storageEvictor) {
    otherEvictors.add(Objects.requireNonNull(storageEvictor, "storageEvictor is null"));
  }

  /** A new task attempt's view of this manager; close it when the task ends. */
  public TaskMemoryManager newTaskMemory(long taskAttemptId) {
    return new TaskMemoryManager(this, taskAttemptId);
  }

  /**
   * Grants up to {@code bytes} of execution memory to task {@code taskId}; may block while the
   * task holds less than its guaranteed share 1/(2N) and others hold the rest.
   */
  synchronized long acquireExecution(long bytes, long taskId) {
    if (bytes < 0) {
      throw new IllegalArgumentException("cannot acquire a negative amount: " + bytes);
    }
    if (!executionByTask.containsKey(taskId)) {
      executionByTask.put(taskId, 0L);
      // A new task shrinks everyone's share: wake waiters so they re-check.
      notifyAll();
    }
    while (true) {
      int activeTasks = executionByTask.size();
      long current = executionByTask.get(taskId);
      long free = maxMemory - executionUsed - storageUsed;
      if (free < bytes) {
        free += reclaimStorage(bytes - free);
      }
      // The pool execution may grow to: everything except what storage holds within its own share.
      long poolSize = maxMemory - Math.min(storageUsed, storageRegion);
      long maxPerTask = poolSize / activeTasks;
      long minPerTask = poolSize / (2L * activeTasks);
      long maxToGrant = Math.min(bytes, Math.max(0, maxPerTask - current));
      long toGrant = Math.max(0, Math.min(maxToGrant, free));
      if (toGrant < bytes && current + toGrant < minPerTask) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CancellationException("task " + taskId + " was interrupted while waiting for execution memory");
        }
        continue;
      }
      executionByTask.put(taskId, current + toGrant);
      executionUsed += toGrant;
      peakExecutionUsed = Math.max(peakExecutionUsed, executionUsed);
      return toGrant;
    }
  }

  /**
   * Evicts what storage holds beyond its own share (held shuffle outputs, then cached blocks);
   * returns the bytes now free to execution.
   */
  private long reclaimStorage(long wanted) {
    long borrowed = storageUsed - storageRegion;
    if (borrowed <= 0) {
      return 0;
    }
    long goal = Math.min(wanted, borrowed);
    // Every byte an evictor dropped leaves storage, even past the goal (a block is dropped whole).
    long freed = 0;
    for (int i = 0; i < otherEvictors.size() && freed < goal; i++) {
      freed += Math.max(0, otherEvictors.get(i).evict(goal - freed));
    }
    if (freed < goal) {
      freed += Math.max(0, evictor.evict(goal - freed));
    }
    freed = Math.min(freed, storageUsed);
    storageUsed -= freed;
    return freed;
  }

  synchronized void releaseExecution(long bytes, long taskId) {
    Long current = executionByTask.get(taskId);
    if (current == null || bytes > current) {
      throw new IllegalStateException(
          "task " + taskId + " releases " + bytes + " bytes of execution memory but holds " + (current == null ? 0 : current));
    }
    executionByTask.put(taskId, current - bytes);
    executionUsed -= bytes;
    notifyAll();
  }

  /** Releases everything task {@code taskId} holds and forgets it; returns the bytes released. */
  synchronized long releaseAllExecution(long taskId) {
    Long current = executionByTask.remove(taskId);
    long released = current == null ? 0 : current;
    executionUsed -= released;
    notifyAll();
    return released;
  }

  /** Storage gets only free memory (it never evicts execution); true when {@code bytes} were granted. */
  public synchronized boolean acquireStorage(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("cannot acquire a negative amount: " + bytes);
    }
    if (maxMemory - executionUsed - storageUsed < bytes) {
      return false;
    }
    storageUsed += bytes;
    return true;
  }

  public synchronized void releaseStorage(long bytes) {
    if (bytes > storageUsed) {
      throw new IllegalStateException("releasing " + bytes + " bytes of storage memory, but only " + storageUsed + " are used");
    }
    storageUsed -= bytes;
    notifyAll();
  }

  public synchronized long executionUsed() {
    return executionUsed;
  }

  public synchronized long storageUsed() {
    return storageUsed;
  }

  public synchronized long executionUsedBy(long taskId) {
    return executionByTask.getOrDefault(taskId, 0L);
  }

  public synchronized long peakExecutionUsed() {
    return peakExecutionUsed;
  }

  public synchronized int activeTasks() {
    return executionByTask.size();
  }
}
