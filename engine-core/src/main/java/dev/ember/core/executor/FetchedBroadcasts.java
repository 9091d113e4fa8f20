package dev.ember.core.executor;

import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.task.BroadcastHandle;
import dev.ember.core.task.BroadcastSource;
import dev.ember.core.vector.Batch;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An executor process's broadcast values, fetched from the driver once per job and broadcast and
 * shared by its tasks (beside the {@link dev.ember.core.operator.BroadcastTableCache}, which builds
 * hash tables from them): the first task that reads a broadcast fetches it under the entry's lock
 * while the others that read it wait, then all share the batches. Released when the job ends
 * ({@link #releaseJob}); the driver ends a job only after its tasks have stopped.
 *
 * <p>Memory: a value outlives the task that fetched it, so it is counted against storage memory
 * like the hash tables; when storage memory refuses it, the value is kept all the same (the job's
 * tasks need it, and fetching it again per task would cost more) but left uncounted, as a task
 * would hold it outside the memory manager.
 *
 * <p>Thread-safe. A fetch that fails leaves its key unfetched, so the next task tries again.
 */
public final class FetchedBroadcasts implements BroadcastSource {
  /** How the executor asks the driver for a value (blocking; throws when the driver does not answer). */
  @FunctionalInterface
  public interface Fetcher {
    List<Batch> fetch(BroadcastHandle handle);
  }

  private record Key(int jobId, int broadcastId) {}

  /** One key's state; guarded by its own monitor. */
  private static final class Entry {
    List<Batch> value;
    long countedBytes;
    boolean released;
  }

  private final Fetcher fetcher;
  private final UnifiedMemoryManager memory;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong fetches = new AtomicLong();

  public FetchedBroadcasts(Fetcher fetcher, UnifiedMemoryManager memory) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher is null");
    this.memory = Objects.requireNonNull(memory, "memory is null");
  }

  @Override
  public List<Batch> value(BroadcastHandle handle, TaskMetrics metrics) {
    Entry entry = entries.computeIfAbsent(new Key(handle.jobId(), handle.broadcastId()), ignored -> new Entry());
    synchronized (entry) {
      if (entry.released) {
        throw new IllegalStateException("broadcast " + handle.broadcastId() + " of job " + handle.jobId()
            + " was read after its job ended");
      }
      if (entry.value == null) {
        List<Batch> fetched = List.copyOf(fetcher.fetch(handle));
        fetches.incrementAndGet();
        metrics.addBroadcastFetch(handle.bytes());
        entry.value = fetched;
        entry.countedBytes = memory.acquireStorage(handle.bytes()) ? handle.bytes() : 0;
      }
      return entry.value;
    }
  }

  /** Drops the values of {@code jobId} and gives their storage memory back. */
  public void releaseJob(int jobId) {
    entries.entrySet().removeIf(mapping -> {
      if (mapping.getKey().jobId() != jobId) {
        return false;
      }
      release(mapping.getValue());
      return true;
    });
  }

  /** Drops every value (the executor stops). */
  public void releaseAll() {
    entries.entrySet().removeIf(mapping -> {
      release(mapping.getValue());
      return true;
    });
  }

  private void release(Entry entry) {
    synchronized (entry) {
      entry.released = true;
      entry.value = null;
      if (entry.countedBytes > 0) {
        memory.releaseStorage(entry.countedBytes);
        entry.countedBytes = 0;
      }
    }
  }

  /** How many values were fetched from the driver since this executor started (a metric). */
  public long fetchCount() {
    return fetches.get();
  }

  /** Broadcasts held now. */
  public int size() {
    return entries.size();
  }
}
