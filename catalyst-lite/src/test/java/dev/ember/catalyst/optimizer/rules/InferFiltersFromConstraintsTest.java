package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.TestPlans.and;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.gt;
import static dev.ember.catalyst.TestPlans.normalizeIds;
import static dev.ember.catalyst.optimizer.AnalyzedPlanBuilder.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.optimizer.DefaultRuleBatches;
import dev.ember.catalyst.optimizer.FixedPointDriver;
import dev.ember.catalyst.optimizer.AnalyzedPlanBuilder;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.RangeRelation;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.plan.JoinType;
import dev.ember.core.types.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

class InferFiltersFromConstraintsTest {
  private final AnalyzedPlanBuilder left = table("l", 3, "a INT, b INT");
  private final AnalyzedPlanBuilder right = table("r", 3, "x INT, y INT");

  private static String optimized(AnalyzedPlanBuilder query) {
    return normalizeIds(PlanPrinter.logical(FixedPointDriver.run(query.build(), new InferFiltersFromConstraints())));
  }

  @Test
  void innerJoinKeysAreNotNullAndEqualitiesCarryAcross() {
    AnalyzedPlanBuilder query = left.filter(eq(col("a"), 5)).join(right, eq(col("a"), col("x")));
    assertThat(optimized(query)).isEqualTo("""
        Join type=Inner, condition=(a#1 = x#2)
          Filter condition=(a#1 = 5)
            LocalRelation output=[a#1, b#3], partitions=1, rows=3
          Filter condition=((x#2 = 5) AND x#2 IS NOT NULL)
            LocalRelation output=[x#2, y#4], partitions=1, rows=3
        """);
  }

  @Test
  void anEqualityInTheConditionCarriesAConstantToTheOtherSide() {
    AnalyzedPlanBuilder query = left.join(right, and(eq(col("b"), col("y")), eq(col("y"), 7)));
    assertThat(optimized(query)).isEqualTo("""
        Join type=Inner, condition=((b#1 = y#2) AND (y#2 = 7))
          Filter condition=((b#1 = 7) AND b#1 IS NOT NULL)
            LocalRelation output=[a#3, b#1], partitions=1, rows=3
          Filter condition=y#2 IS NOT NULL
            LocalRelation output=[x#4, y#2], partitions=1, rows=3
        """);
  }

  @Test
  void leftOuterJoinFiltersOnlyTheNullSupplyingSide() {
    AnalyzedPlanBuilder query = left.filter(gt(col("a"), 5)).join(right, eq(col("a"), col("x")), JoinType.LEFT_OUTER);
    assertThat(optimized(query)).isEqualTo("""
        Join type=LeftOuter, condition=(a#1 = x#2)
          Filter condition=(a#1 > 5)
            LocalRelation output=[a#1, b#3], partitions=1, rows=3
          Filter condition=((x#2 > 5) AND x#2 IS NOT NULL)
            LocalRelation output=[x#2, y#4], partitions=1, rows=3
        """);
  }

  @Test
  void rightOuterJoinFiltersOnlyTheLeft() {
    AnalyzedPlanBuilder query = left.join(right.filter(gt(col("x"), 5)), eq(col("a"), col("x")), JoinType.RIGHT_OUTER);
    assertThat(optimized(query)).isEqualTo("""
        Join type=RightOuter, condition=(a#1 = x#2)
          Filter condition=((a#1 > 5) AND a#1 IS NOT NULL)
            LocalRelation output=[a#1, b#3], partitions=1, rows=3
          Filter condition=(x#2 > 5)
            LocalRelation output=[x#2, y#4], partitions=1, rows=3
        """);
  }

  @Test
  void notForFullOuterJoinsNorWhenEverythingIsKnown() {
    LogicalPlan full = left.filter(gt(col("a"), 5)).join(right, eq(col("a"), col("x")), JoinType.FULL_OUTER).build();
    assertThat(new InferFiltersFromConstraints().apply(full)).isSameAs(full);
    // A second run adds nothing: the inferred filters are known constraints of the sides now.
    LogicalPlan once = FixedPointDriver.run(left.filter(eq(col("a"), 5)).join(right, eq(col("a"), col("x"))).build(),
        new InferFiltersFromConstraints());
    assertThat(new InferFiltersFromConstraints().apply(once)).isSameAs(once);
    // Non-nullable keys (a range's id) need no IS NOT NULL.
    RangeRelation range = new RangeRelation(0, 10, 1, 1, new AttributeReference("id", ColumnType.LONG, false, 901, ""));
    RangeRelation other = new RangeRelation(0, 10, 1, 1, new AttributeReference("id2", ColumnType.LONG, false, 902, ""));
    LogicalPlan ranges = new AnalyzedPlanBuilder(range).join(new AnalyzedPlanBuilder(other), eq(col("id"), col("id2"))).build();
    assertThat(new InferFiltersFromConstraints().apply(ranges)).isSameAs(ranges);
  }

  @Test
  void constraintsAreSeenThroughProjectionsSoPushedFiltersAreNotInferredAgain() {
    // (a = 5) already implies that a is not null.
    AnalyzedPlanBuilder query = left.filter(eq(col("a"), 5)).join(right.select(col("x")), eq(col("a"), col("x")));
    LogicalPlan plan = FixedPointDriver.run(query.build(),
        FixedPointDriver.concat(List.of(new InferFiltersFromConstraints()), DefaultRuleBatches.predicatePushdown()));
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo("""
        Join type=Inner, condition=(a#1 = x#2)
          Filter condition=(a#1 = 5)
            LocalRelation output=[a#1, b#3], partitions=1, rows=3
          Project expressions=[x#2]
            Filter condition=((x#2 = 5) AND x#2 IS NOT NULL)
              LocalRelation output=[x#2, y#4], partitions=1, rows=3
        """);
  }
}
