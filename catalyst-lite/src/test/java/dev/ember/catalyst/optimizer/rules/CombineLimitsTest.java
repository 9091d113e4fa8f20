package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.optimizer.PlanBuilder.optimizedText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.optimizer.PlanBuilder;
import dev.ember.catalyst.plan.LogicalPlan;
import org.junit.jupiter.api.Test;

class CombineLimitsTest {
  private final PlanBuilder t = PlanBuilder.relation("a INT");

  @Test
  void keepsTheSmallerLimit() {
    assertThat(optimizedText(t.limit(5).limit(10).build(), new CombineLimits())).isEqualTo("""
        Limit limit=5
          LocalRelation output=[a], partitions=1, rows=1000
        """);
    assertThat(optimizedText(t.limit(10).limit(3).limit(7).build(), new CombineLimits())).isEqualTo("""
        Limit limit=3
          LocalRelation output=[a], partitions=1, rows=1000
        """);
  }

  @Test
  void doesNotFireOnLimitsSeparatedByASort() {
    LogicalPlan plan = t.limit(5).orderBy(t.attribute("a")).limit(10).build();

    assertThat(PlanBuilder.optimizeWith(plan, new CombineLimits())).isSameAs(plan);
  }
}
