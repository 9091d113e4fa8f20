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

/** {@link PushJoinConditionIntoSides}, with {@link PushFilterThroughJoin} where a case also has a
 * filter above the join. */
class PushJoinConditionIntoSidesTest {
  private static final List<OptimizerRule> RULES = List.of(new PushFilterThroughJoin(), new PushJoinConditionIntoSides());
  private final AnalyzedPlanBuilder left = table("l", 3, "a INT, b INT");
  private final AnalyzedPlanBuilder right = table("r", 3, "x INT, y INT");

  private static String optimized(AnalyzedPlanBuilder query) {
    return PredicatePushdownTesting.optimized(query, RULES);
  }

  private static void assertUnchanged(AnalyzedPlanBuilder query) {
    PredicatePushdownTesting.assertUnchanged(query, RULES);
  }

  @Test
  void innerJoinConditionConjunctsOnOneSideGoIntoThatSide() {
    AnalyzedPlanBuilder query = left.join(right, and(and(eq(col("a"), col("x")), gt(col("b"), 1)), gt(col("y"), 2)));
    assertThat(optimized(query)).isEqualTo("""
        Join type=Inner, condition=(a#1 = x#2)
          Filter condition=(b#3 > 1)
            LocalRelation output=[a#1, b#3], partitions=1, rows=3
          Filter condition=(y#4 > 2)
            LocalRelation output=[x#2, y#4], partitions=1, rows=3
        """);
  }

  @Test
  void semiJoinPushesOnConjunctsIntoBothSides() {
    AnalyzedPlanBuilder query = left.join(right, and(and(eq(col("a"), col("x")), gt(col("b"), 1)), gt(col("y"), 2)), JoinType.LEFT_SEMI)
        .filter(gt(col("a"), 7));
    assertThat(optimized(query)).isEqualTo("""
        Join type=LeftSemi, condition=(a#1 = x#2)
          Filter condition=(b#3 > 1)
            Filter condition=(a#1 > 7)
              LocalRelation output=[a#1, b#3], partitions=1, rows=3
          Filter condition=(y#4 > 2)
            LocalRelation output=[x#2, y#4], partitions=1, rows=3
        """);
  }

  @Test
  void antiJoinKeepsLeftOnConjunctsAndPushesRightOnes() {
    AnalyzedPlanBuilder query = left.join(right, and(and(eq(col("a"), col("x")), gt(col("b"), 1)), gt(col("y"), 2)), JoinType.LEFT_ANTI)
        .filter(gt(col("a"), 7));
    assertThat(optimized(query)).isEqualTo("""
        Join type=LeftAnti, condition=((a#1 = x#2) AND (b#3 > 1))
          Filter condition=(a#1 > 7)
            LocalRelation output=[a#1, b#3], partitions=1, rows=3
          Filter condition=(y#4 > 2)
            LocalRelation output=[x#2, y#4], partitions=1, rows=3
        """);
  }

  @Test
  void aloneItLeavesTheFilterAboveTheJoinAlone() {
    AnalyzedPlanBuilder query = left.join(right, and(eq(col("a"), col("x")), gt(col("y"), 2))).filter(gt(col("b"), 1));
    assertThat(PredicatePushdownTesting.optimized(query, List.of(new PushJoinConditionIntoSides()))).isEqualTo("""
        Filter condition=(b#1 > 1)
          Join type=Inner, condition=(a#2 = x#3)
            LocalRelation output=[a#2, b#1], partitions=1, rows=3
            Filter condition=(y#4 > 2)
              LocalRelation output=[x#3, y#4], partitions=1, rows=3
        """);
  }

  @Test
  void notFromAFullOuterJoinNorAConjunctThatReadsNoColumn() {
    assertUnchanged(left.join(right, and(eq(col("a"), col("x")), gt(col("b"), 1)), JoinType.FULL_OUTER));
    assertUnchanged(left.join(right, and(eq(col("a"), col("x")), eq(lit(1), lit(2)))));
  }
}
