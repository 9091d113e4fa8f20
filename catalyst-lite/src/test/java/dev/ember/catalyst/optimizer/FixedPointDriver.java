package dev.ember.catalyst.optimizer;

import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only optimizer driver (the real one is written elsewhere): applies each rule over the
 * whole tree in its traversal order, rules in list order, passes repeated until nothing changes.
 * It fails when a rule changes a node's output (ids and types) or when the pass cap is reached,
 * which catches rules that undo each other.
 */
public final class FixedPointDriver {
  private FixedPointDriver() {}

  public static LogicalPlan run(LogicalPlan plan, int maxPasses, OptimizerRule... rules) {
    for (int pass = 0; pass < maxPasses; pass++) {
      LogicalPlan before = plan;
      for (OptimizerRule rule : rules) {
        plan = applyEverywhere(plan, rule);
      }
      if (plan.equals(before)) {
        return plan;
      }
    }
    throw new AssertionError("no fixed point after " + maxPasses + " passes; last plan:\n"
        + dev.ember.catalyst.explain.PlanPrinter.logical(plan));
  }

  public static LogicalPlan run(LogicalPlan plan, OptimizerRule... rules) {
    return run(plan, 50, rules);
  }

  /** Runs the batches in order, each to its fixed point. */
  public static LogicalPlan runBatches(LogicalPlan plan, List<RuleBatch> batches) {
    for (RuleBatch batch : batches) {
      plan = run(plan, batch.maxPasses(), batch.rules().toArray(new OptimizerRule[0]));
    }
    return plan;
  }

  public static LogicalPlan applyEverywhere(LogicalPlan node, OptimizerRule rule) {
    if (rule.traversal() == OptimizerRule.Traversal.TOP_DOWN) {
      LogicalPlan rewritten = checked(rule, node);
      return withNewChildren(rewritten, rule);
    }
    LogicalPlan withChildren = withNewChildren(node, rule);
    return checked(rule, withChildren);
  }

  private static LogicalPlan withNewChildren(LogicalPlan node, OptimizerRule rule) {
    List<LogicalPlan> children = node.children();
    if (children.isEmpty()) {
      return node;
    }
    List<LogicalPlan> rewritten = new ArrayList<>(children.size());
    boolean changed = false;
    for (LogicalPlan child : children) {
      LogicalPlan newChild = applyEverywhere(child, rule);
      changed |= newChild != child;
      rewritten.add(newChild);
    }
    return changed ? node.withChildren(rewritten) : node;
  }

  private static LogicalPlan checked(OptimizerRule rule, LogicalPlan node) {
    LogicalPlan result = rule.apply(node);
    if (result != node && !signature(result.output()).equals(signature(node.output()))) {
      throw new AssertionError(rule.name() + " changed the output " + node.output() + " into " + result.output()
          + "\nbefore:\n" + dev.ember.catalyst.explain.PlanPrinter.logical(node)
          + "after:\n" + dev.ember.catalyst.explain.PlanPrinter.logical(result));
    }
    return result;
  }

  private static List<String> signature(List<AttributeReference> output) {
    return output.stream().map(a -> a.id() + ":" + a.type()).toList();
  }
}
