package dev.ember.core.scheduler.listener;

/** A task attempt was launched on an executor slot. */
public record TaskStartEvent(long taskId, int stageId, int stageAttempt, int partition, int attempt, String executorId,
    long timeMillis) implements ListenerEvent {}
