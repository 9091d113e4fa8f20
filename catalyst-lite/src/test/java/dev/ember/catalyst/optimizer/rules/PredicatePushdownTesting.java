package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.TestPlans.normalizeIds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.optimizer.AnalyzedPlanBuilder;
import dev.ember.catalyst.optimizer.FixedPointDriver;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.plan.LogicalPlan;
import java.util.List;

/** What the predicate pushdown rule tests share: run rules to their fixed point, check they do not fire. */
final class PredicatePushdownTesting {
  private PredicatePushdownTesting() {}

  /** The query's plan after the rules ran to their fixed point, ids numbered in order of appearance. */
  static String optimized(AnalyzedPlanBuilder query, List<OptimizerRule> rules) {
    return normalizeIds(PlanPrinter.logical(FixedPointDriver.run(query.build(), rules)));
  }

  /** No rule changes the query's root, and the rules together change nothing anywhere. */
  static void assertUnchanged(AnalyzedPlanBuilder query, List<OptimizerRule> rules) {
    LogicalPlan plan = query.build();
    for (OptimizerRule rule : rules) {
      assertThat(rule.apply(plan)).as(rule.name()).isSameAs(plan);
    }
    assertThat(FixedPointDriver.run(plan, rules)).isEqualTo(plan);
  }
}
