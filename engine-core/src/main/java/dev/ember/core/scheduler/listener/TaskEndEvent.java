package dev.ember.core.scheduler.listener;

import dev.ember.core.metrics.TaskMetrics;

/**
 * A task attempt ended; {@code failure} is null when it succeeded. {@code executorAddressOrNull} is
 * where the executor runs ({@code host:port} of its block server) on a cluster, null in local mode.
 */
public record TaskEndEvent(
    long taskId, int stageId, int stageAttempt, int partition, int attempt, String executorId, boolean succeeded,
    Throwable failure, TaskMetrics metrics, String executorAddressOrNull) {

  /** An event without an executor address (local mode). */
  public TaskEndEvent(long taskId, int stageId, int stageAttempt, int partition, int attempt, String executorId,
      boolean succeeded, Throwable failure, TaskMetrics metrics) {
    this(taskId, stageId, stageAttempt, partition, attempt, executorId, succeeded, failure, metrics, null);
  }

  /** The executor's id, with its address on a cluster: {@code 1 (10.0.0.7:40123)}, or {@code driver}. */
  public String executorDescription() {
    return executorAddressOrNull == null ? executorId : executorId + " (" + executorAddressOrNull + ")";
  }
}
