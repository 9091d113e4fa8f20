package dev.ember.catalyst.optimizer;

import dev.ember.catalyst.plan.LogicalPlan;
import java.util.Objects;

/** A rule that changed the plan, and the whole plan right after it (for explain("rules")). */
public record RuleApplication(String batch, String rule, LogicalPlan planAfter) {
  public RuleApplication {
    Objects.requireNonNull(batch, "batch is null");
    Objects.requireNonNull(rule, "rule is null");
    Objects.requireNonNull(planAfter, "planAfter is null");
  }
}
