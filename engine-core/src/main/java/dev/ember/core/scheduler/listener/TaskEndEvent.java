package dev.ember.core.scheduler.listener;

import dev.ember.core.metrics.TaskMetrics;

/** A task attempt ended; {@code failure} is null when it succeeded. */
public record TaskEndEvent(
    long taskId, int stageId, int stageAttempt, int partition, int attempt, String executorId, boolean succeeded,
    Throwable failure, TaskMetrics metrics) {}
