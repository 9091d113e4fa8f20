package dev.ember.catalyst.optimizer;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.plan.LogicalPlan;
import java.util.ArrayList;
import java.util.List;
import dev.ember.catalyst.rewrite.OptimizerRule;

/**
 * Runs chosen rules through the real {@link Optimizer} driver (recursion, traversal order, output
 * check after every rule) and, unlike the optimizer, fails when a batch reaches its pass cap
 * without a fixed point, which catches rules that undo each other.
 */
public final class FixedPointDriver {
  private FixedPointDriver() {}

  public static LogicalPlan run(LogicalPlan plan, int maxPasses, OptimizerRule... rules) {
    return runBatches(plan, List.of(new RuleBatch("test", maxPasses, List.of(rules))));
  }

  public static LogicalPlan run(LogicalPlan plan, OptimizerRule... rules) {
    return run(plan, 50, rules);
  }

  /** Runs the rules, in order, as one batch of at most 50 passes. */
  public static LogicalPlan run(LogicalPlan plan, List<OptimizerRule> rules) {
    return runBatches(plan, List.of(new RuleBatch("test", 50, rules)));
  }

  /** The rules of the lists, in order. */
  @SafeVarargs
  public static List<OptimizerRule> concat(List<? extends OptimizerRule>... lists) {
    List<OptimizerRule> rules = new ArrayList<>();
    for (List<? extends OptimizerRule> list : lists) {
      rules.addAll(list);
    }
    return rules;
  }

  /** Runs the batches in order, each to its fixed point. */
  public static LogicalPlan runBatches(LogicalPlan plan, List<RuleBatch> batches) {
    for (RuleBatch batch : batches) {
      Optimizer optimizer = new Optimizer(OptimizerSettings.defaults(), List.of(batch));
      LogicalPlan result = optimizer.optimize(plan).plan();
      // At a fixed point one more pass changes nothing; after a capped batch it still would.
      Optimizer onePass = new Optimizer(OptimizerSettings.defaults(), List.of(new RuleBatch(batch.name(), 1, batch.rules())));
      if (!onePass.optimize(result).applications().isEmpty()) {
        throw new AssertionError("no fixed point after " + batch.maxPasses() + " passes of " + batch.name()
            + "; last plan:\n" + PlanPrinter.logical(result));
      }
      plan = result;
    }
    return plan;
  }
}
