package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.optimizer.PlanBuilder.as;
import static dev.ember.catalyst.optimizer.PlanBuilder.eq;
import static dev.ember.catalyst.optimizer.PlanBuilder.lit;
import static dev.ember.catalyst.optimizer.PlanBuilder.optimizedText;
import static dev.ember.catalyst.optimizer.PlanBuilder.plus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.optimizer.PlanBuilder;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.plan.JoinType;
import org.junit.jupiter.api.Test;

class PushLimitDownTest {
  private final PlanBuilder t = PlanBuilder.relation("a INT, b INT");
  private final PlanBuilder u = PlanBuilder.relation("c INT, d INT");
  private final AttributeReference a = t.attribute("a");
  private final AttributeReference c = u.attribute("c");

  @Test
  void movesBelowAProjectionButStopsAtASort() {
    LogicalPlan plan = t.orderBy(a).select(as(plus(a, lit(1)), "x")).limit(10).build();

    assertThat(optimizedText(plan, new PushLimitDown())).isEqualTo("""
        Project expressions=[(a + 1) AS x]
          Limit limit=10
            Sort orders=[a ASC NULLS FIRST]
              LocalRelation output=[a, b], partitions=1, rows=1000
        """);
  }

  @Test
  void copiesIntoEachUnionChildKeepingTheOuterLimit() {
    LogicalPlan plan = t.union(u, t.limit(3)).limit(10).build();

    assertThat(optimizedText(plan, new PushLimitDown())).isEqualTo("""
        Limit limit=10
          Union
            Limit limit=10
              LocalRelation output=[a, b], partitions=1, rows=1000
            Limit limit=10
              LocalRelation output=[c, d], partitions=1, rows=1000
            Limit limit=3
              LocalRelation output=[a, b], partitions=1, rows=1000
        """);
  }

  @Test
  void copiesIntoThePreservedSideOfAnOuterJoin() {
    assertThat(optimizedText(t.join(u, JoinType.LEFT_OUTER, eq(a, c)).limit(5).build(), new PushLimitDown())).isEqualTo("""
        Limit limit=5
          Join type=LeftOuter, condition=(a = c)
            Limit limit=5
              LocalRelation output=[a, b], partitions=1, rows=1000
            LocalRelation output=[c, d], partitions=1, rows=1000
        """);
    assertThat(optimizedText(t.join(u, JoinType.RIGHT_OUTER, eq(a, c)).limit(5).build(), new PushLimitDown())).isEqualTo("""
        Limit limit=5
          Join type=RightOuter, condition=(a = c)
            LocalRelation output=[a, b], partitions=1, rows=1000
            Limit limit=5
              LocalRelation output=[c, d], partitions=1, rows=1000
        """);
  }

  @Test
  void doesNotFireIntoInnerFullOrSemiJoinsSortsOrSmallInputs() {
    for (JoinType type : new JoinType[] {JoinType.INNER, JoinType.FULL_OUTER, JoinType.LEFT_SEMI, JoinType.LEFT_ANTI}) {
      LogicalPlan plan = t.join(u, type, eq(a, c)).limit(5).build();
      assertThat(PlanBuilder.optimizeWith(plan, new PushLimitDown())).as(type.toString()).isSameAs(plan);
    }
    LogicalPlan sorted = t.orderBy(a).limit(5).build();
    assertThat(PlanBuilder.optimizeWith(sorted, new PushLimitDown())).isSameAs(sorted);
    LogicalPlan small = t.limit(2).union(u.limit(1)).limit(5).build();
    assertThat(PlanBuilder.optimizeWith(small, new PushLimitDown())).isSameAs(small);
  }
}
