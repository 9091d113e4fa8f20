package dev.ember.core.scheduler;

import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.task.BroadcastHandle;
import dev.ember.core.task.BroadcastSource;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BatchSizes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The driver's broadcast values while their job runs: the scheduler publishes a broadcast stage's
 * collected batches here once, and tasks carry only a {@link BroadcastHandle}. An executor in the
 * driver's JVM reads the batches by reference (this store is its {@link BroadcastSource}); a
 * backend with executor processes serves them from here when an executor asks for one. The
 * backend releases a job's values when the job ends ({@link SchedulerBackend#jobEnded}), after
 * its tasks have stopped.
 *
 * <p>Thread-safe: the job's scheduling thread publishes, executor threads and network threads read.
 */
public final class BroadcastStore implements BroadcastSource {
  private record Key(int jobId, int broadcastId) {}

  private record Stored(BroadcastHandle handle, List<Batch> batches) {}

  private final Map<Key, Stored> values = new ConcurrentHashMap<>();

  /**
   * Keeps {@code batches} as the value of broadcast {@code broadcastId} of job {@code jobId} and
   * returns its handle; publishing the same broadcast again returns the first handle.
   */
  public BroadcastHandle publish(int jobId, int broadcastId, List<Batch> batches) {
    Objects.requireNonNull(batches, "batches is null");
    Stored stored = values.computeIfAbsent(new Key(jobId, broadcastId), key -> {
      List<Batch> value = List.copyOf(batches);
      long rows = 0;
      long bytes = 0;
      for (Batch batch : value) {
        rows += batch.rowCount();
        bytes += BatchSizes.estimateBytes(batch);
      }
      return new Stored(new BroadcastHandle(jobId, broadcastId, rows, bytes), value);
    });
    return stored.handle();
  }

  /** The batches of a published broadcast, or empty when it was never published or its job ended. */
  public Optional<List<Batch>> find(int jobId, int broadcastId) {
    Stored stored = values.get(new Key(jobId, broadcastId));
    return stored == null ? Optional.empty() : Optional.of(stored.batches());
  }

  /** By reference: an executor in this JVM shares the driver's batches and fetches nothing. */
  @Override
  public List<Batch> value(BroadcastHandle handle, TaskMetrics metrics) {
    return find(handle.jobId(), handle.broadcastId()).orElseThrow(() -> new IllegalStateException(
        "broadcast " + handle.broadcastId() + " of job " + handle.jobId()
            + " is not on the driver (never published, or its job ended)"));
  }

  /** Drops the values of {@code jobId} (its tasks have stopped). */
  public void releaseJob(int jobId) {
    if (values.isEmpty()) {
      return; // most jobs broadcast nothing: no walk, no lambda
    }
    values.keySet().removeIf(key -> key.jobId() == jobId);
  }

  /** How many broadcast values are held now. */
  public int size() {
    return values.size();
  }
}
