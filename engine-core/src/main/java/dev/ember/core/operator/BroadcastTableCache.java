package dev.ember.core.operator;

import dev.ember.core.memory.UnifiedMemoryManager;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * An executor's read-only structures built from broadcasts (a hash join's table over its broadcast
 * side), shared by the executor's tasks: the first task that needs one builds it under the entry's
 * lock while the others that need it wait, then every task probes the same object. Entries are
 * keyed by job, broadcast and build key (a join's key expressions: two joins on one broadcast with
 * other keys build two tables).
 *
 * <p>Memory: a table outlives the task that built it, so it is counted against the executor's
 * storage memory, as Spark counts broadcast blocks (execution memory belongs to one task and is
 * released when it ends). When storage memory refuses a table, nothing is cached for its key and
 * every task builds its own in its execution memory, as without this cache. The tables of a job
 * are released, and their memory given back, when the job ends ({@link #releaseJob}); the
 * scheduler ends a job only after its tasks have stopped, so no task of it is still probing.
 *
 * <p>Thread-safe. A built value must not change after its builder returns: the lock publishes it to
 * the other tasks, which only read it.
 */
public final class BroadcastTableCache {
  /** What a table is built from: a broadcast of a job, and the build's key (compared with equals). */
  public record Key(int jobId, int broadcastId, Object buildKey) {
    public Key {
      Objects.requireNonNull(buildKey, "buildKey is null");
    }
  }

  /** A built value and the bytes it holds. */
  public record Built<T>(T value, long bytes) {
    public Built {
      Objects.requireNonNull(value, "value is null");
      if (bytes < 0) {
        throw new IllegalArgumentException("bytes must not be negative: " + bytes);
      }
    }
  }

  /** One key's state; guarded by its lock, which the task building the value holds while it builds. */
  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    Object value;
    long bytes;
    boolean done;
  }

  private final UnifiedMemoryManager memory;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong builds = new AtomicLong();

  public BroadcastTableCache(UnifiedMemoryManager memory) {
    this.memory = Objects.requireNonNull(memory, "memory is null");
  }

  /**
   * The value for {@code key}: built by {@code builder} on the first call (other callers for the
   * key wait for it), then shared. Null when storage memory refused it: the caller builds its own.
   * A builder that throws leaves the key unbuilt, so the next caller tries again.
   */
  public <T> T getOrBuild(Key key, Class<T> type, Supplier<Built<T>> builder) {
    Entry entry = entries.computeIfAbsent(key, ignored -> new Entry());
    entry.lock.lock();
    try {
      buildOnce(entry, builder);
      return entry.value == null ? null : type.cast(entry.value);
    } finally {
      entry.lock.unlock();
    }
  }

  /**
   * Builds the value for {@code key} now, unless it is built or another task is building it: then
   * returns at once. A task that needs several values calls this for each before it asks for them
   * ({@link #getOrBuild}), so that two tasks starting together build two values side by side
   * instead of one building both while the other waits (TPC-H Q5's lineitem tasks need the orders,
   * supplier and customer tables).
   */
  public <T> void buildUnlessBusy(Key key, Supplier<Built<T>> builder) {
    Entry entry = entries.computeIfAbsent(key, ignored -> new Entry());
    if (!entry.lock.tryLock()) {
      return; // another task builds it
    }
    try {
      buildOnce(entry, builder);
    } finally {
      entry.lock.unlock();
    }
  }

  /** Builds the entry's value unless it is done; the caller holds the entry's lock. */
  private <T> void buildOnce(Entry entry, Supplier<Built<T>> builder) {
    if (entry.done) {
      return;
    }
    Built<T> built = builder.get();
    builds.incrementAndGet();
    entry.done = true;
    if (memory.acquireStorage(built.bytes())) {
      entry.value = built.value();
      entry.bytes = built.bytes();
    }
  }

  /** Drops the tables of {@code jobId} and gives their storage memory back. */
  public void releaseJob(int jobId) {
    if (entries.isEmpty()) {
      return; // most jobs build no broadcast table: no walk, no lambda
    }
    entries.entrySet().removeIf(mapping -> {
      if (mapping.getKey().jobId() != jobId) {
        return false;
      }
      release(mapping.getValue());
      return true;
    });
  }

  /** Drops every table (the executor stops). */
  public void releaseAll() {
    entries.entrySet().removeIf(mapping -> {
      release(mapping.getValue());
      return true;
    });
  }

  private void release(Entry entry) {
    entry.lock.lock();
    try {
      if (entry.value != null) {
        memory.releaseStorage(entry.bytes);
        entry.value = null;
        entry.bytes = 0;
      }
    } finally {
      entry.lock.unlock();
    }
  }

  /** How many values were built since this cache started (a metric: tests count builds with it). */
  public long buildCount() {
    return builds.get();
  }

  /** Keys with an entry now (built, being built, or refused). */
  public int size() {
    return entries.size();
  }
}
