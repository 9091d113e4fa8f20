package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.TestPlans.and;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.normalizeIds;
import static dev.ember.catalyst.optimizer.AnalyzedPlanBuilder.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.optimizer.FixedPointDriver;
import dev.ember.catalyst.optimizer.AnalyzedPlanBuilder;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.plan.JoinType;
import org.junit.jupiter.api.Test;

class ReorderJoinTest {
  // Estimated sizes: 4000, 800 and 40 bytes.
  private final AnalyzedPlanBuilder big = table("big", 1000, "bx INT");
  private final AnalyzedPlanBuilder medium = table("medium", 100, "mx INT, my INT");
  private final AnalyzedPlanBuilder small = table("small", 10, "sy INT");

  @Test
  void noCrossProductWhileAConditionConnectsAndTheSmallerSideBuilds() {
    AnalyzedPlanBuilder query = big.crossJoin(medium).join(small, and(eq(col("my"), col("sy")), eq(col("bx"), col("mx"))));
    LogicalPlan plan = FixedPointDriver.run(query.build(), new ReorderJoin());
    assertThat(plan.output()).isEqualTo(query.build().output());
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo("""
        Project expressions=[bx#1, mx#2, my#3, sy#4]
          Join type=Inner, condition=(bx#1 = mx#2)
            Join type=Inner, condition=(my#3 = sy#4)
              LocalRelation output=[mx#2, my#3], partitions=1, rows=100
              LocalRelation output=[sy#4], partitions=1, rows=10
            LocalRelation output=[bx#1], partitions=1, rows=1000
        """);
    // A second run finds the chain in greedy order and leaves it.
    assertThat(new ReorderJoin().apply(((dev.ember.catalyst.plan.Project) plan).child()))
        .isSameAs(((dev.ember.catalyst.plan.Project) plan).child());
  }

  @Test
  void aCrossProductOnlyWhenNothingConnects() {
    AnalyzedPlanBuilder other = table("other", 5, "ox INT");
    AnalyzedPlanBuilder query = big.join(medium, eq(col("bx"), col("mx"))).crossJoin(other).join(small, eq(col("my"), col("sy")));
    LogicalPlan plan = FixedPointDriver.run(query.build(), new ReorderJoin());
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo("""
        Project expressions=[bx#1, mx#2, my#3, ox#4, sy#5]
          Join type=Cross
            Join type=Inner, condition=(bx#1 = mx#2)
              Join type=Inner, condition=(my#3 = sy#5)
                LocalRelation output=[mx#2, my#3], partitions=1, rows=100
                LocalRelation output=[sy#5], partitions=1, rows=10
              LocalRelation output=[bx#1], partitions=1, rows=1000
            LocalRelation output=[ox#4], partitions=1, rows=5
        """);
  }

  @Test
  void notForTwoInputsNorAcrossOuterJoinsNorForAChainInGreedyOrder() {
    LogicalPlan two = big.join(medium, eq(col("bx"), col("mx"))).build();
    assertThat(new ReorderJoin().apply(two)).isSameAs(two);
    LogicalPlan outer = big.crossJoin(medium).join(small, and(eq(col("my"), col("sy")), eq(col("bx"), col("mx"))),
        JoinType.LEFT_OUTER).build();
    assertThat(new ReorderJoin().apply(outer)).isSameAs(outer);
    LogicalPlan greedy = medium.join(small, eq(col("my"), col("sy"))).join(big, eq(col("bx"), col("mx"))).build();
    assertThat(new ReorderJoin().apply(greedy)).isSameAs(greedy);
  }
}
