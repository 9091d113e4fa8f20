package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.TestPlans.and;
import static dev.ember.catalyst.TestPlans.as;
import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.gt;
import static dev.ember.catalyst.TestPlans.normalizeIds;
import static dev.ember.catalyst.TestPlans.plus;
import static dev.ember.catalyst.TestPlans.sum;
import static dev.ember.catalyst.optimizer.AnalyzedPlanBuilder.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.optimizer.FixedPointDriver;
import dev.ember.catalyst.optimizer.AnalyzedPlanBuilder;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.plan.JoinType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushDownPredicatesTest {
  private final AnalyzedPlanBuilder left = table("l", 3, "a INT, b INT");
  private final AnalyzedPlanBuilder right = table("r", 3, "x INT, y INT");

  private static String optimized(AnalyzedPlanBuilder query) {
    return normalizeIds(PlanPrinter.logical(FixedPointDriver.run(query.build(), new PushDownPredicates())));
  }

  private static void assertUnchanged(AnalyzedPlanBuilder query) {
    LogicalPlan plan = query.build();
    assertThat(new PushDownPredicates().apply(plan)).isSameAs(plan);
    assertThat(FixedPointDriver.run(plan, new PushDownPredicates())).isEqualTo(plan);
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
  void notBelowAGlobalAggregate() {
    assertUnchanged(left.groupBy(List.of(), as(sum(col("b")), "s")).filter(gt(col("s"), 10L)));
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
  void throughSortRepartitionCoalesceAndDistinct() {
    AnalyzedPlanBuilder query = left.distinct().repartition(3, true, col("a")).repartition(1, false).orderBy(col("b"))
        .filter(gt(col("a"), 3));
    assertThat(optimized(query)).isEqualTo("""
        Sort orders=[b#1 ASC NULLS FIRST]
          Repartition partitions=1, shuffle=false
            Repartition partitions=3, shuffle=true, keys=[a#2]
              Distinct
                Filter condition=(a#2 > 3)
                  LocalRelation output=[a#2, b#1], partitions=1, rows=3
        """);
  }

  @Test
  void notBelowALimitNorWhenNothingMoves() {
    assertUnchanged(left.limit(2).filter(gt(col("a"), 3)));
    assertUnchanged(left.join(right, eq(col("a"), col("x")), JoinType.LEFT_OUTER).filter(call("isnull", col("y"))));
  }
}
