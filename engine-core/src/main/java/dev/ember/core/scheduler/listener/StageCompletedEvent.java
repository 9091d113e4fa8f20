package dev.ember.core.scheduler.listener;

import dev.ember.core.metrics.TaskMetrics;

/**
 * A stage attempt ended; {@code metrics} sums its successful tasks; {@code failure} is null on
 * success; {@code timeMillis} is when it ended. {@code stageKey} is the stage's key in its job, as in {@link StageSubmittedEvent}.
 */
public record StageCompletedEvent(
    int stageId, int attempt, int jobId, boolean succeeded, String failure, TaskMetrics metrics, long durationNanos,
    int stageKey, long timeMillis) implements ListenerEvent {}
