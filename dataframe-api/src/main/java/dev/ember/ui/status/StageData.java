package dev.ember.ui.status;

import java.util.List;

/**
 * A stage attempt as Spark's {@code StageData}: {@code stageKey} is the stage's key in its job
 * (the number explain and {@code df.stages()} show), {@code kind} SHUFFLE_MAP, BROADCAST, RESULT or
 * SAMPLE, {@code details} the outline of the operators its tasks run. Times are epoch milliseconds,
 * -1 when not reached. {@code tasks} is empty in summaries (Spark's {@code details=false}).
 */
public record StageData(
    StageStatus status, int stageId, int attemptId, int jobId, int stageKey, String kind, int numTasks,
    int numActiveTasks, int numCompleteTasks, int numFailedTasks, long submissionTime, long firstTaskLaunchedTime,
    long completionTime, String failureReason, String name, String details, List<Integer> parentIds,
    MetricsData metrics, List<TaskData> tasks) {
  public StageData {
    parentIds = List.copyOf(parentIds);
    tasks = List.copyOf(tasks);
  }
}
