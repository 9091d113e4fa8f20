package dev.ember.catalyst.optimizer;

import dev.ember.catalyst.plan.LogicalPlan;
import java.util.List;
import java.util.Objects;

/** The optimized plan and, in order, every rule application that changed it. */
public record OptimizationResult(LogicalPlan plan, List<RuleApplication> applications) {
  public OptimizationResult {
    Objects.requireNonNull(plan, "plan is null");
    applications = List.copyOf(Objects.requireNonNull(applications, "applications is null"));
  }
}
