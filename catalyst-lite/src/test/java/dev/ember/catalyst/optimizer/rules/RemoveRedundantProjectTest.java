package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.optimizer.PlanBuilder.as;
import static dev.ember.catalyst.optimizer.PlanBuilder.gt;
import static dev.ember.catalyst.optimizer.PlanBuilder.lit;
import static dev.ember.catalyst.optimizer.PlanBuilder.optimizedText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.optimizer.PlanBuilder;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.AttributeReference;
import org.junit.jupiter.api.Test;

class RemoveRedundantProjectTest {
  private final PlanBuilder t = PlanBuilder.relation("a INT, b INT");
  private final AttributeReference a = t.attribute("a");
  private final AttributeReference b = t.attribute("b");

  @Test
  void removesAProjectionOfExactlyTheChildsColumns() {
    LogicalPlan plan = t.where(gt(a, lit(1))).select(a, b).build();

    assertThat(optimizedText(plan, new RemoveRedundantProject())).isEqualTo("""
        Filter condition=(a > 1)
          LocalRelation output=[a, b], partitions=1, rows=1000
        """);
  }

  @Test
  void keepsProjectionsThatDropReorderRenameOrCompute() {
    for (LogicalPlan plan : new LogicalPlan[] {
        t.select(a).build(),
        t.select(b, a).build(),
        t.select(new Alias(a, "a2", a.id() + 1_000_000_000L), b).build(),
        t.select(a, as(lit(1), "one")).build(),
        t.select(a, b, a).build()}) {
      assertThat(PlanBuilder.optimizeWith(plan, new RemoveRedundantProject())).as(PlanBuilder.text(plan)).isSameAs(plan);
    }
  }
}
