package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.optimizer.PlanBuilder.and;
import static dev.ember.catalyst.optimizer.PlanBuilder.gt;
import static dev.ember.catalyst.optimizer.PlanBuilder.lit;
import static dev.ember.catalyst.optimizer.PlanBuilder.optimizedText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.optimizer.PlanBuilder;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import org.junit.jupiter.api.Test;

class CombineFiltersTest {
  private final PlanBuilder t = PlanBuilder.relation("a INT, b INT");
  private final AttributeReference a = t.attribute("a");
  private final AttributeReference b = t.attribute("b");

  @Test
  void mergesStackedFiltersInnerConditionFirst() {
    LogicalPlan plan = t.where(gt(a, lit(1))).where(gt(b, lit(2))).where(and(gt(a, lit(1)), gt(b, lit(3)))).build();

    assertThat(optimizedText(plan, new CombineFilters())).isEqualTo("""
        Filter condition=(((a > 1) AND (b > 2)) AND (b > 3))
          LocalRelation output=[a, b], partitions=1, rows=1000
        """);
  }

  @Test
  void doesNotFireOnASingleFilterOrFiltersSeparatedByAnotherNode() {
    LogicalPlan plan = t.where(gt(a, lit(1))).limit(3).where(gt(b, lit(2))).build();

    assertThat(PlanBuilder.optimizeWith(plan, new CombineFilters())).isSameAs(plan);
  }
}
