package dev.ember.core.task;

import dev.ember.core.expression.SortOrder;
import dev.ember.core.plan.PhysicalPlan;
import java.util.List;
import java.util.Objects;

/**
 * Computes one partition of a range exchange's map-stage plan and returns a uniform reservoir
 * sample of at most {@code sampleSize} rows of its sort keys, with the partition's row count, from
 * which the driver picks the range bounds.
 */
public record RangeSampleTask(
    TaskInfo info, PhysicalPlan plan, List<SortOrder> orders, int sampleSize, TaskInputs inputs, String injectedFailure)
    implements Task {
  public RangeSampleTask {
    Objects.requireNonNull(info, "info is null");
    Objects.requireNonNull(plan, "plan is null");
    orders = List.copyOf(Objects.requireNonNull(orders, "orders is null"));
    Objects.requireNonNull(inputs, "inputs is null");
    if (sampleSize < 1) {
      throw new IllegalArgumentException("sample size must be positive: " + sampleSize);
    }
  }
}
