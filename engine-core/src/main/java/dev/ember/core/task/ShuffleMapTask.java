package dev.ember.core.task;

import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.shuffle.ShuffleDependency;
import java.util.Objects;

/** Computes one partition of a map stage and writes it, split by the dependency's partitioning, to the shuffle. */
public record ShuffleMapTask(
    TaskInfo info, PhysicalPlan plan, ShuffleDependency dependency, TaskInputs inputs, String injectedFailure)
    implements Task {
  public ShuffleMapTask {
    Objects.requireNonNull(info, "info is null");
    Objects.requireNonNull(plan, "plan is null");
    Objects.requireNonNull(dependency, "dependency is null");
    Objects.requireNonNull(inputs, "inputs is null");
  }
}
