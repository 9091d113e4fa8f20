package dev.ember.catalyst.planner;

import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.plan.PhysicalPlan;

/**
 * Turns an (optimized) logical plan into a physical plan: picks operators, binds attributes to
 * ordinals and inserts exchanges where an operator needs its input distributed by key.
 */
public final class PhysicalPlanner {
  private final PlannerSettings settings;

  public PhysicalPlanner(PlannerSettings settings) {
    this.settings = settings;
  }

  public PhysicalPlan plan(LogicalPlan logicalPlan) {
    throw new UnsupportedOperationException("not yet");
  }
}
