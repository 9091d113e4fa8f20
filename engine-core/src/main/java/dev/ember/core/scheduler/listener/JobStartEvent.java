package dev.ember.core.scheduler.listener;

import java.util.List;

/**
 * A job began; {@code stageIds} are all the stages it may run, parents first: the stage with key
 * {@code k} (as explain shows it) has id {@code stageIds.get(k)}.
 */
public record JobStartEvent(int jobId, String description, List<Integer> stageIds, long timeMillis) {
  public JobStartEvent {
    stageIds = List.copyOf(stageIds);
  }
}
