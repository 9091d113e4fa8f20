package dev.ember.core.task;

import dev.ember.core.plan.PhysicalPlan;
import java.util.Objects;
import dev.ember.core.result.ResultAction;

/** Computes one partition of a result (or broadcast) stage and hands its rows to the action. */
public record ResultTask(TaskInfo info, PhysicalPlan plan, ResultAction action, TaskInputs inputs, String injectedFailure)
    implements Task {
  public ResultTask {
    Objects.requireNonNull(info, "info is null");
    Objects.requireNonNull(plan, "plan is null");
    Objects.requireNonNull(action, "action is null");
    Objects.requireNonNull(inputs, "inputs is null");
  }
}
