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

/** {@link PushFilterThroughAggregate}. */
class PushFilterThroughAggregateTest {
  private static final List<OptimizerRule> RULES = List.of(new PushFilterThroughAggregate());
  private final AnalyzedPlanBuilder left = table("l", 3, "a INT, b INT");
  private final AnalyzedPlanBuilder right = table("r", 3, "x INT, y INT");

  private static String optimized(AnalyzedPlanBuilder query) {
    return PredicatePushdownTesting.optimized(query, RULES);
  }

  private static void assertUnchanged(AnalyzedPlanBuilder query) {
    PredicatePushdownTesting.assertUnchanged(query, RULES);
  }

  @Test
  void throughAggregateOnlyConjunctsOnGroupingColumns() {
    AnalyzedPlanBuilder query = left.groupBy(List.of(col("a")), as(sum(col("b")), "s")).filter(and(gt(col("a"), 1), gt(col("s"), 10L)));
    assertThat(optimized(query)).isEqualTo("""
        Filter condition=(s#1 > 10)
          Aggregate groupings=[a#2], aggregates=[sum(b#3) AS s#1]
            Filter condition=(a#2 > 1)
              LocalRelation output=[a#2, b#3], partitions=1, rows=3
        """);
  }

  @Test
  void aConjunctOnAnAliasedGroupingIsRewrittenToTheGroupingExpression() {
    AnalyzedPlanBuilder query = left.groupBy(List.of(as(plus(col("a"), 1), "g")), as(sum(col("b")), "s")).filter(gt(col("g"), 2));
    assertThat(optimized(query)).isEqualTo("""
        Aggregate groupings=[(a#1 + 1) AS g#2], aggregates=[sum(b#3) AS s#4]
          Filter condition=((a#1 + 1) > 2)
            LocalRelation output=[a#1, b#3], partitions=1, rows=3
        """);
  }

  @Test
  void notBelowAGlobalAggregate() {
    assertUnchanged(left.groupBy(List.of(), as(sum(col("b")), "s")).filter(gt(col("s"), 10L)));
  }

  @Test
  void notWhenEveryConjunctReadsAnAggregate() {
    assertUnchanged(left.groupBy(List.of(col("a")), as(sum(col("b")), "s")).filter(gt(col("s"), 10L)));
  }
}
