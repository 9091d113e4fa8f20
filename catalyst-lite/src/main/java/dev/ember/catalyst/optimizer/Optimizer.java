package dev.ember.catalyst.optimizer;

import dev.ember.catalyst.plan.LogicalPlan;
import java.util.List;

/**
 * Rewrites an analyzed logical plan with the ordered rule batches of {@link DefaultRuleBatches}.
 * (Skeleton: the driver is being written.)
 */
public final class Optimizer {
  private final OptimizerSettings settings;
  private final List<RuleBatch> batches;

  public Optimizer(OptimizerSettings settings) {
    this(settings, DefaultRuleBatches.batches());
  }

  public Optimizer(OptimizerSettings settings, List<RuleBatch> batches) {
    this.settings = settings;
    this.batches = List.copyOf(batches);
  }

  public OptimizationResult optimize(LogicalPlan plan) {
    return new OptimizationResult(plan, List.of());
  }
}
