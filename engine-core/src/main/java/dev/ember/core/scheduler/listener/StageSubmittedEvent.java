package dev.ember.core.scheduler.listener;

import java.util.List;

/** A stage attempt's tasks were handed to the task scheduler. */
public record StageSubmittedEvent(
    int stageId, int attempt, int jobId, StageKind kind, int partitionCount, List<Integer> parentStageIds,
    String planDescription) {
  public StageSubmittedEvent {
    parentStageIds = List.copyOf(parentStageIds);
  }
}
