package dev.ember.core.scheduler.listener;

import dev.ember.core.metrics.TaskMetrics;

/**
 * A task attempt ended at {@code timeMillis} (launched at {@code launchTimeMillis}); {@code failure}
 * is null when it succeeded. {@code metrics} is not changed after the event is posted.
 * {@code executorAddressOrNull} is where the executor runs ({@code host:port} of its block server)
 * on a cluster, null in local mode.
 */
public record TaskEndEvent(
    long taskId, int stageId, int stageAttempt, int partition, int attempt, String executorId, boolean succeeded,
    Throwable failure, TaskMetrics metrics, long launchTimeMillis, long timeMillis, String executorAddressOrNull)
    implements ListenerEvent {

  /** An event without an executor address (local mode). */
  public TaskEndEvent(long taskId, int stageId, int stageAttempt, int partition, int attempt, String executorId,
      boolean succeeded, Throwable failure, TaskMetrics metrics, long launchTimeMillis, long timeMillis) {
    this(taskId, stageId, stageAttempt, partition, attempt, executorId, succeeded, failure, metrics, launchTimeMillis,
        timeMillis, null);
  }

  /** The executor's id, with its address on a cluster: {@code 1 (10.0.0.7:40123)}, or {@code driver}. */
  public String executorDescription() {
    return executorAddressOrNull == null ? executorId : executorId + " (" + executorAddressOrNull + ")";
  }
}
