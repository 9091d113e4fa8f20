package dev.ember.core.task;

/**
 * Who a task attempt is: its unique id, its job and stage attempt, the partition it computes and
 * its attempt number for that partition within the stage attempt (0 first).
 */
public record TaskInfo(long taskId, int jobId, int stageId, int stageAttempt, int partition, int attempt) {
  @Override
  public String toString() {
    return "task " + taskId + " (job " + jobId + ", stage " + stageId + "." + stageAttempt + ", partition " + partition
        + ", attempt " + attempt + ")";
  }
}
