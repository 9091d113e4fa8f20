package dev.ember.core.scheduler;

import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.scheduler.listener.StageKind;
import java.util.List;
import java.util.Objects;

/**
 * One stage of a job as {@link StageBuilder} cuts it.
 *
 * @param key the stage's position in its job, parents first from 0, the result stage last: a
 *     function of the plan alone, printed by explain as {@code Stage <key>} and carried by the
 *     stage events (the session-wide stage id is {@code key} plus the job's first stage id)
 * @param plan what each task runs: the stage's part of the job's plan, its exchanges replaced by
 *     read leaves ({@code ShuffleRead}, {@code BroadcastRead}); a SAMPLE stage runs its map stage's plan
 * @param partitionCount the number of tasks
 * @param parents the keys of the stages whose output this one needs, in the walk's order (a range
 *     map stage lists its SAMPLE stage last)
 * @param operators the job plan's nodes this stage runs, children first; a SHUFFLE_MAP or BROADCAST
 *     stage ends with its exchange, a SAMPLE stage has its map stage's operators without the exchange
 * @param output what the stage produces
 */
public record StagePlan(
    int key, PhysicalPlan plan, int partitionCount, List<Integer> parents, List<StageOperator> operators,
    StageOutput output) {
  public StagePlan {
    Objects.requireNonNull(plan, "plan is null");
    Objects.requireNonNull(output, "output is null");
    parents = List.copyOf(Objects.requireNonNull(parents, "parents is null"));
    operators = List.copyOf(Objects.requireNonNull(operators, "operators is null"));
    if (key < 0 || partitionCount < 0) {
      throw new IllegalArgumentException("stage " + key + " with " + partitionCount + " partitions");
    }
  }

  public StageKind kind() {
    return output.kind();
  }
}
