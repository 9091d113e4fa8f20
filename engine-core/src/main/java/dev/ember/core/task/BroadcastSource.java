package dev.ember.core.task;

import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.vector.Batch;
import java.util.List;

/**
 * Where an executor finds the value of a broadcast its tasks read: the driver's store itself in
 * the driver's JVM (by reference: no serialization, no copy), or a per-executor cache that fetches
 * each broadcast once per job from the driver in an executor process. Implementations are
 * thread-safe: every task thread of the executor calls them. The returned batches are shared and
 * must not be changed.
 */
public interface BroadcastSource {
  /** For executors that are given no source (tests that run tasks without broadcasts). */
  BroadcastSource NONE = (handle, metrics) -> {
    throw new IllegalStateException("broadcast " + handle.broadcastId() + " of job " + handle.jobId()
        + " was read on an executor that has no broadcast source");
  };

  /**
   * The batches of the broadcast {@code handle} names. A source that had to fetch them counts the
   * fetch in {@code metrics} (the fetching task's), so the driver sees how often values travel.
   *
   * @throws IllegalStateException when the value is not available (its job ended, or the driver is gone)
   */
  List<Batch> value(BroadcastHandle handle, TaskMetrics metrics);
}
