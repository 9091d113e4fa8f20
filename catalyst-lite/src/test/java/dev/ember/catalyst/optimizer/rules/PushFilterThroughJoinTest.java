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

/** {@link PushFilterThroughJoin}, with {@link PushJoinConditionIntoSides} where a case checks a WHERE
 * and an ON clause together (Spark's {@code PushPredicateThroughJoin} does both). */
class PushFilterThroughJoinTest {
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
  void innerJoinSendsConjunctsToTheirSideAndBothSidedOnesIntoTheCondition() {
    AnalyzedPlanBuilder query = left.join(right, eq(col("a"), col("x")))
        .filter(and(and(gt(col("b"), 1), eq(col("y"), 2)), eq(col("b"), col("y"))));
    assertThat(optimized(query)).isEqualTo("""
        Join type=Inner, condition=((a#1 = x#2) AND (b#3 = y#4))
          Filter condition=(b#3 > 1)
            LocalRelation output=[a#1, b#3], partitions=1, rows=3
          Filter condition=(y#4 = 2)
            LocalRelation output=[x#2, y#4], partitions=1, rows=3
        """);
  }

  @Test
  void leftOuterJoinWhereGoesLeftOnlyAndOnGoesRightOnly() {
    AnalyzedPlanBuilder query = left.join(right, and(and(eq(col("a"), col("x")), gt(col("b"), 1)), gt(col("y"), 2)), JoinType.LEFT_OUTER)
        .filter(and(gt(col("a"), 7), call("isnull", col("y"))));
    assertThat(optimized(query)).isEqualTo("""
        Filter condition=y#1 IS NULL
          Join type=LeftOuter, condition=((a#2 = x#3) AND (b#4 > 1))
            Filter condition=(a#2 > 7)
              LocalRelation output=[a#2, b#4], partitions=1, rows=3
            Filter condition=(y#1 > 2)
              LocalRelation output=[x#3, y#1], partitions=1, rows=3
        """);
  }

  @Test
  void rightOuterJoinIsTheMirror() {
    AnalyzedPlanBuilder query = left.join(right, and(and(eq(col("a"), col("x")), gt(col("b"), 1)), gt(col("y"), 2)), JoinType.RIGHT_OUTER)
        .filter(and(gt(col("a"), 7), gt(col("x"), 0)));
    assertThat(optimized(query)).isEqualTo("""
        Filter condition=(a#1 > 7)
          Join type=RightOuter, condition=((a#1 = x#2) AND (y#3 > 2))
            Filter condition=(b#4 > 1)
              LocalRelation output=[a#1, b#4], partitions=1, rows=3
            Filter condition=(x#2 > 0)
              LocalRelation output=[x#2, y#3], partitions=1, rows=3
        """);
  }

  @Test
  void fullOuterJoinKeepsEverythingWhereItIs() {
    assertUnchanged(left.join(right, and(eq(col("a"), col("x")), gt(col("b"), 1)), JoinType.FULL_OUTER)
        .filter(and(gt(col("a"), 7), gt(col("x"), 0))));
  }

  @Test
  void notBelowALimitNorWhenNothingMoves() {
    assertUnchanged(left.limit(2).filter(gt(col("a"), 3)));
    assertUnchanged(left.join(right, eq(col("a"), col("x")), JoinType.LEFT_OUTER).filter(call("isnull", col("y"))));
  }

  @Test
  void aloneItLeavesTheJoinConditionAlone() {
    AnalyzedPlanBuilder query = left.join(right, and(eq(col("a"), col("x")), gt(col("y"), 2))).filter(gt(col("b"), 1));
    assertThat(PredicatePushdownTesting.optimized(query, List.of(new PushFilterThroughJoin()))).isEqualTo("""
        Join type=Inner, condition=((a#1 = x#2) AND (y#3 > 2))
          Filter condition=(b#4 > 1)
            LocalRelation output=[a#1, b#4], partitions=1, rows=3
          LocalRelation output=[x#2, y#3], partitions=1, rows=3
        """);
  }
}
