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

/** {@link PushFilterThroughDistinct}. */
class PushFilterThroughDistinctTest {
  private static final List<OptimizerRule> RULES = List.of(new PushFilterThroughDistinct());
  private final AnalyzedPlanBuilder left = table("l", 3, "a INT, b INT");
  private final AnalyzedPlanBuilder right = table("r", 3, "x INT, y INT");

  private static String optimized(AnalyzedPlanBuilder query) {
    return PredicatePushdownTesting.optimized(query, RULES);
  }

  private static void assertUnchanged(AnalyzedPlanBuilder query) {
    PredicatePushdownTesting.assertUnchanged(query, RULES);
  }

  @Test
  void belowADistinct() {
    AnalyzedPlanBuilder query = left.distinct().filter(and(gt(col("a"), 3), gt(col("b"), col("a"))));
    assertThat(optimized(query)).isEqualTo("""
        Distinct
          Filter condition=((a#1 > 3) AND (b#2 > a#1))
            LocalRelation output=[a#1, b#2], partitions=1, rows=3
        """);
  }

  @Test
  void notThroughOtherNodes() {
    assertUnchanged(left.union(right).filter(gt(col("b"), 3)));
  }
}
