package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.TestPlans.and;
import static dev.ember.catalyst.TestPlans.as;
import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.gt;
import static dev.ember.catalyst.TestPlans.lit;
import static dev.ember.catalyst.TestPlans.plus;
import static dev.ember.catalyst.TestPlans.sum;
import static dev.ember.catalyst.optimizer.AnalyzedPlanBuilder.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.optimizer.AnalyzedPlanBuilder;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.core.plan.JoinType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PushFilterThroughRepartition}. */
class PushFilterThroughRepartitionTest {
  private static final List<OptimizerRule> RULES = List.of(new PushFilterThroughRepartition());
  private final AnalyzedPlanBuilder left = table("l", 3, "a INT, b INT");
  private final AnalyzedPlanBuilder right = table("r", 3, "x INT, y INT");

  private static String optimized(AnalyzedPlanBuilder query) {
    return PredicatePushdownTesting.optimized(query, RULES);
  }

  private static void assertUnchanged(AnalyzedPlanBuilder query) {
    PredicatePushdownTesting.assertUnchanged(query, RULES);
  }

  @Test
  void belowAShuffleByKeysAndACoalesce() {
    AnalyzedPlanBuilder query = left.repartition(3, true, col("a")).repartition(1, false).filter(gt(col("b"), 3));
    assertThat(optimized(query)).isEqualTo("""
        Repartition partitions=1, shuffle=false
          Repartition partitions=3, shuffle=true, keys=[a#1]
            Filter condition=(b#2 > 3)
              LocalRelation output=[a#1, b#2], partitions=1, rows=3
        """);
  }

  @Test
  void notThroughOtherNodes() {
    assertUnchanged(left.orderBy(col("a")).filter(gt(col("b"), 3)));
  }
}
