package dev.ember.catalyst.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.catalyst.TestPlans;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.LogicalPlan;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OptimizerSettingsTest {
  @Test
  void sparkRuleNamesMeanTheirEmberRules() {
    OptimizerSettings settings = new OptimizerSettings(true,
        Set.of("ConstantFolding", "org.apache.spark.sql.catalyst.optimizer.ColumnPruning", " PushDownPredicates "));

    assertThat(settings.excludedRules()).containsExactlyInAnyOrder("FoldConstants", "PruneColumns", "PushDownPredicates");
    assertThat(new Optimizer(settings).ruleNames()).containsAll(settings.excludedRules());
  }

  @Test
  void unknownNamesAreStillRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> new Optimizer(new OptimizerSettings(true, Set.of("FoldConstant"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FoldConstant")
        .hasMessageContaining("FoldConstants");
  }

  @Test
  void aRuleFamilyNameExcludesEachOfItsRules() {
    Set<String> pushdown = new TreeSet<>();
    DefaultRuleBatches.predicatePushdown().forEach(rule -> pushdown.add(rule.name()));
    assertThat(pushdown).contains("PushFilterThroughProject", "PushFilterThroughJoin", "PushJoinConditionIntoSides");

    OptimizerSettings all = new OptimizerSettings(true, Set.of("org.apache.spark.sql.catalyst.optimizer.PushDownPredicates"));
    assertThat(pushdown).allMatch(all::excludes);
    assertThat(all.excludes("PruneColumns")).isFalse();

    OptimizerSettings join = new OptimizerSettings(true, Set.of("PushPredicateThroughJoin"));
    OptimizerSettings nonJoin = new OptimizerSettings(true, Set.of("PushPredicateThroughNonJoin"));
    for (String rule : pushdown) {
      boolean joinRule = rule.equals("PushFilterThroughJoin") || rule.equals("PushJoinConditionIntoSides");
      assertThat(join.excludes(rule)).as(rule).isEqualTo(joinRule);
      assertThat(nonJoin.excludes(rule)).as(rule).isEqualTo(!joinRule);
    }
    assertThat(new Optimizer(join).ruleNames())
        .contains("PushDownPredicates", "PushPredicateThroughJoin", "PushPredicateThroughNonJoin")
        .containsAll(pushdown);
  }

  @Test
  void excludingPushDownPredicatesLeavesTheFilterAboveTheJoin() {
    AnalyzedPlanBuilder left = AnalyzedPlanBuilder.table("l", 3, "a INT, b INT");
    AnalyzedPlanBuilder right = AnalyzedPlanBuilder.table("r", 3, "x INT, y INT");
    LogicalPlan plan = left.join(right, TestPlans.eq(TestPlans.col("a"), TestPlans.col("x")))
        .filter(TestPlans.gt(TestPlans.col("b"), 1)).build();
    List<RuleBatch> batches = List.of(new RuleBatch("pushdown", 10, DefaultRuleBatches.predicatePushdown()));

    LogicalPlan pushed = new Optimizer(OptimizerSettings.defaults(), batches).optimize(plan).plan();
    assertThat(pushed).isInstanceOf(Join.class);
    OptimizationResult excluded = new Optimizer(new OptimizerSettings(true, Set.of("PushDownPredicates")), batches).optimize(plan);
    assertThat(excluded.plan()).isEqualTo(plan);
    assertThat(excluded.applications()).isEmpty();
  }
}
