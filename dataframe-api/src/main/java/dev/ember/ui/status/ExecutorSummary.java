package dev.ember.ui.status;

/**
 * An executor as Spark's {@code ExecutorSummary}; {@code removeTime} is -1 and {@code removeReason}
 * null while it is active; durations in milliseconds.
 */
public record ExecutorSummary(
    String id, String hostPort, boolean isActive, int totalCores, int maxTasks, int activeTasks, int failedTasks,
    int completedTasks, int totalTasks, long totalDuration, long totalShuffleRead, long totalShuffleWrite,
    long maxMemory, long addTime, long removeTime, String removeReason) {}
