package dev.ember.core.scheduler.listener;

import dev.ember.core.metrics.TaskMetrics;

/**
 * A task attempt ended at {@code timeMillis} (launched at {@code launchTimeMillis}); {@code failure}
 * is null when it succeeded. {@code metrics} is not changed after the event is posted.
 */
public record TaskEndEvent(
    long taskId, int stageId, int stageAttempt, int partition, int attempt, String executorId, boolean succeeded,
    Throwable failure, TaskMetrics metrics, long launchTimeMillis, long timeMillis) implements ListenerEvent {}
