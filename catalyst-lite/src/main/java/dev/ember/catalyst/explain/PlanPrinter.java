package dev.ember.catalyst.explain;

import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.plan.PhysicalPlan;

/** Text renderings of plans: one line per node, {@code Name key=value, ...}, two-space indentation. */
public final class PlanPrinter {
  private PlanPrinter() {}

  public static String logical(LogicalPlan plan) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The physical plan with its stage boundaries: each exchange shows its partitioning and the stage it ends. */
  public static String physical(PhysicalPlan plan) {
    throw new UnsupportedOperationException("not yet");
  }
}
