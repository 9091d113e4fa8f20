package dev.ember.core.scheduler.listener;

import java.util.List;

/**
 * A stage attempt's tasks were handed to the task scheduler. {@code stageId} is unique in the
 * session; {@code stageKey} is the stage's position in its job, the number explain shows for it
 * ({@code Stage <key>}), so a running stage can be matched to the explained one. {@code timeMillis} is when it was submitted.
 */
public record StageSubmittedEvent(
    int stageId, int attempt, int jobId, StageKind kind, int partitionCount, List<Integer> parentStageIds,
    String planDescription, int stageKey, long timeMillis) implements ListenerEvent {
  public StageSubmittedEvent {
    parentStageIds = List.copyOf(parentStageIds);
  }
}
