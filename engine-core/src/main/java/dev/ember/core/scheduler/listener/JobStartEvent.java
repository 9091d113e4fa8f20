package dev.ember.core.scheduler.listener;

import dev.ember.core.plan.PhysicalPlan;
import java.util.List;

/**
 * A job began; {@code stageIds} are all the stages it may run, parents first: the stage with key
 * {@code k} (as explain shows it) has id {@code stageIds.get(k)}. {@code plan} is the physical plan
 * the job runs (immutable; null where it is not known, as in a replayed event log), from which the
 * web UI draws the job's stage graph with the same stage walk.
 */
public record JobStartEvent(int jobId, String description, List<Integer> stageIds, long timeMillis, PhysicalPlan plan)
    implements ListenerEvent {
  public JobStartEvent {
    stageIds = List.copyOf(stageIds);
  }

  /** A job start without its plan. */
  public JobStartEvent(int jobId, String description, List<Integer> stageIds, long timeMillis) {
    this(jobId, description, stageIds, timeMillis, null);
  }
}
