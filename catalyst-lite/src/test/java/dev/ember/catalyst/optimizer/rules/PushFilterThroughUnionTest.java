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

/** {@link PushFilterThroughUnion}. */
class PushFilterThroughUnionTest {
  private static final List<OptimizerRule> RULES = List.of(new PushFilterThroughUnion());
  private final AnalyzedPlanBuilder left = table("l", 3, "a INT, b INT");
  private final AnalyzedPlanBuilder right = table("r", 3, "x INT, y INT");

  private static String optimized(AnalyzedPlanBuilder query) {
    return PredicatePushdownTesting.optimized(query, RULES);
  }

  private static void assertUnchanged(AnalyzedPlanBuilder query) {
    PredicatePushdownTesting.assertUnchanged(query, RULES);
  }

  @Test
  void intoEveryChildOfAUnionByPosition() {
    AnalyzedPlanBuilder query = left.union(right).filter(gt(col("b"), 3));
    assertThat(optimized(query)).isEqualTo("""
        Union
          Filter condition=(b#1 > 3)
            LocalRelation output=[a#2, b#1], partitions=1, rows=3
          Filter condition=(y#3 > 3)
            LocalRelation output=[x#4, y#3], partitions=1, rows=3
        """);
  }

  @Test
  void notThroughOtherNodes() {
    assertUnchanged(left.distinct().filter(gt(col("b"), 3)));
  }
}
