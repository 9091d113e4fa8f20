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

/** {@link PushFilterThroughProject}. */
class PushFilterThroughProjectTest {
  private static final List<OptimizerRule> RULES = List.of(new PushFilterThroughProject());
  private final AnalyzedPlanBuilder left = table("l", 3, "a INT, b INT");
  private final AnalyzedPlanBuilder right = table("r", 3, "x INT, y INT");

  private static String optimized(AnalyzedPlanBuilder query) {
    return PredicatePushdownTesting.optimized(query, RULES);
  }

  private static void assertUnchanged(AnalyzedPlanBuilder query) {
    PredicatePushdownTesting.assertUnchanged(query, RULES);
  }

  @Test
  void throughProjectionWithAliasesReplaced() {
    AnalyzedPlanBuilder query = left.select(col("a"), as(plus(col("b"), 1), "c")).filter(and(gt(col("c"), 5), eq(col("a"), 1)));
    assertThat(optimized(query)).isEqualTo("""
        Project expressions=[a#1, (b#2 + 1) AS c#3]
          Filter condition=(((b#2 + 1) > 5) AND (a#1 = 1))
            LocalRelation output=[a#1, b#2], partitions=1, rows=3
        """);
  }

  @Test
  void throughOneProjectionAtATimeUntilTheData() {
    AnalyzedPlanBuilder query = left.select(col("a"), as(plus(col("b"), 1), "c")).select(as(plus(col("c"), 1), "d"), col("a"))
        .filter(gt(col("d"), 5));
    assertThat(optimized(query)).isEqualTo("""
        Project expressions=[(c#1 + 1) AS d#2, a#3]
          Project expressions=[a#3, (b#4 + 1) AS c#1]
            Filter condition=(((b#4 + 1) + 1) > 5)
              LocalRelation output=[a#3, b#4], partitions=1, rows=3
        """);
  }

  @Test
  void notThroughOtherNodes() {
    assertUnchanged(left.orderBy(col("a")).filter(gt(col("a"), 3)));
    assertUnchanged(left.groupBy(List.of(col("a")), as(sum(col("b")), "s")).filter(gt(col("a"), 1)));
  }
}
