package dev.ember.ui.status;

/**
 * A task attempt as Spark's {@code TaskData}: {@code index} is its partition, {@code status} is
 * RUNNING, SUCCESS or FAILED, {@code duration} is -1 while it runs, {@code errorMessage} null
 * unless it failed.
 */
public record TaskData(
    long taskId, int index, int attempt, long launchTime, long duration, String executorId, String host,
    String status, String errorMessage, MetricsData metrics) {}
