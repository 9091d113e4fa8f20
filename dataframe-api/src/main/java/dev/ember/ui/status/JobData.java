package dev.ember.ui.status;

import java.util.List;

/**
 * A job as Spark's {@code JobData}: {@code name} is the action and call site (or SQL text), times
 * are epoch milliseconds ({@code completionTime} -1 while running), task and stage counts cover all
 * the job's stages; a stage the job did not need to run (its output was there) counts as skipped.
 */
public record JobData(
    int jobId, String name, long submissionTime, long completionTime, List<Integer> stageIds, JobExecutionStatus status,
    int numTasks, int numActiveTasks, int numCompletedTasks, int numSkippedTasks, int numFailedTasks,
    int numActiveStages, int numCompletedStages, int numSkippedStages, int numFailedStages, String failureReason) {
  public JobData {
    stageIds = List.copyOf(stageIds);
  }
}
