package dev.ember.core.scheduler.listener;

import java.util.List;

/**
 * A stage attempt's tasks were handed to the task scheduler. {@code stageId} is unique in the
 * session; {@code stageKey} is the stage's position in its job, the number explain shows for it
 * ({@code Stage <key>}), so a running stage can be matched to the explained one.
 */
public record StageSubmittedEvent(
    int stageId, int attempt, int jobId, StageKind kind, int partitionCount, List<Integer> parentStageIds,
    String planDescription, int stageKey) {
  public StageSubmittedEvent {
    parentStageIds = List.copyOf(parentStageIds);
  }
}
