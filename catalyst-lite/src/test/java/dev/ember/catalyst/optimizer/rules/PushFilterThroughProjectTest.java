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
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ember.catalyst.optimizer.AnalyzedPlanBuilder;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.core.plan.JoinType;
import java.time.Duration;
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
  void notWhenItWouldComputeAnAliasedExpressionTwice() {
    // c = b + 1 read twice: below, (b + 1) would be computed twice a row.
    assertUnchanged(left.select(col("a"), as(plus(col("b"), 1), "c")).filter(gt(plus(col("c"), col("c")), 5)));
  }

  @Test
  void anAliasOfAColumnOrALiteralReadTwiceStillGoesThrough() {
    AnalyzedPlanBuilder query = left.select(as(col("b"), "c"), as(lit(7), "k"))
        .filter(gt(plus(col("c"), col("c")), plus(col("k"), col("k"))));
    assertThat(optimized(query)).isEqualTo("""
        Project expressions=[b#1 AS c#2, 7 AS k#3]
          Filter condition=((b#1 + b#1) > (7 + 7))
            LocalRelation output=[a#4, b#1], partitions=1, rows=3
        """);
  }

  @Test
  void aChainOfProjectionsThatEachReadTheOneBelowTwiceDoesNotBlowUp() {
    // a1 = b + b, a2 = a1 + a1, ...: pushing (a30 > 0) down through all would make a condition of 2^30 terms.
    AnalyzedPlanBuilder query = left.select(as(plus(col("b"), col("b")), "a1"));
    for (int level = 2; level <= 30; level++) {
      query = query.select(as(plus(col("a" + (level - 1)), col("a" + (level - 1))), "a" + level));
    }
    AnalyzedPlanBuilder filtered = query.filter(gt(col("a30"), 0));
    String plan = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> optimized(filtered));
    assertThat(plan.length()).as("the optimized plan stays small").isLessThan(20_000);
    assertThat(plan).contains("Filter condition=((a29#");
  }

  @Test
  void notThroughOtherNodes() {
    assertUnchanged(left.orderBy(col("a")).filter(gt(col("a"), 3)));
    assertUnchanged(left.groupBy(List.of(col("a")), as(sum(col("b")), "s")).filter(gt(col("a"), 1)));
  }
}
