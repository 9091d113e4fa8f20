package dev.ember.catalyst.rewrite;

import java.util.Set;

import dev.ember.catalyst.plan.LogicalPlan;

/**
 * One rewrite of a logical plan node that keeps the node's results, for example pushing a filter
 * below a projection: {@code filter(project(data)) = project(filter(data))}.
 *
 * <p>A rule looks at one node (and, when it needs to, the nodes just below it) and returns the
 * node rewritten, or the same instance when it does not apply. The {@link dev.ember.catalyst.optimizer.Optimizer} does the
 * recursion over the tree, runs each batch of rules to a fixed point, and checks that a rule kept
 * the node's output schema. Rules are stateless; one file each, named VerbNoun, and each file's
 * Javadoc shows the plan before and after.
 */
public interface OptimizerRule {
  /** The rule's name, as listed in {@code ember.sql.optimizer.excludedRules} and in explain("rules"). */
  default String name() {
    return getClass().getSimpleName();
  }

  LogicalPlan apply(LogicalPlan node);

  /**
   * {@link #apply(LogicalPlan)} within an optimization whose rule applications share
   * {@code context} (facts about nodes remembered by identity). The driver calls this one; a rule
   * that asks for such facts overrides it, and must answer as {@link #apply(LogicalPlan)} does.
   */
  default LogicalPlan apply(LogicalPlan node, RuleContext context) {
    return apply(node);
  }

  /**
   * Node classes the rule needs: when the plan holds no node of one of them, the rule cannot change
   * it, and the driver skips its walk over the tree. Empty (the default) for rules that may change
   * any plan, such as the expression rewrites. A rule that matches {@code Filter} over {@code Join}
   * declares both; a wrong declaration would silently keep the rule from firing, so declare only
   * classes the rule's first check requires.
   */
  default Set<Class<? extends LogicalPlan>> requiredNodes() {
    return Set.of();
  }

  /** Whether the driver visits parents before children (pushdown) or children before parents (folding). */
  default Traversal traversal() {
    return Traversal.TOP_DOWN;
  }

  enum Traversal {
    TOP_DOWN,
    BOTTOM_UP
  }
}
