package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.optimizer.PlanBuilder.gt;
import static dev.ember.catalyst.optimizer.PlanBuilder.lit;
import static dev.ember.catalyst.optimizer.PlanBuilder.nullOf;
import static dev.ember.catalyst.optimizer.PlanBuilder.optimizedText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.optimizer.PlanBuilder;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.types.ColumnType;
import org.junit.jupiter.api.Test;

class PruneFiltersTest {
  private final PlanBuilder t = PlanBuilder.relation("a INT, s STRING");
  private final AttributeReference a = t.attribute("a");

  @Test
  void anAlwaysTrueFilterDisappears() {
    LogicalPlan plan = t.where(lit(true)).select(a).build();

    assertThat(optimizedText(plan, new PruneFilters())).isEqualTo("""
        Project expressions=[a]
          LocalRelation output=[a, s], partitions=1, rows=1000
        """);
  }

  @Test
  void falseAndNullFiltersBecomeAnEmptyRelationWithTheSameOutput() {
    for (LogicalPlan plan : new LogicalPlan[] {
        t.where(gt(a, lit(3))).where(lit(false)).build(), t.where(nullOf(ColumnType.BOOLEAN)).build()}) {
      LogicalPlan pruned = PlanBuilder.optimizeWith(plan, new PruneFilters());

      assertThat(pruned).isInstanceOf(LocalRelation.class);
      assertThat(pruned.output()).isEqualTo(plan.output());
      LocalRelation empty = (LocalRelation) pruned;
      assertThat(empty.partitions()).hasSize(1);
      assertThat(empty.partitions().get(0).rowCount()).isZero();
      assertThat(empty.partitions().get(0).columnCount()).isEqualTo(2);
      assertThat(empty.partitions().get(0).type(1)).isEqualTo(ColumnType.STRING);
    }
  }

  @Test
  void doesNotFireOnAConditionThatReadsAColumn() {
    LogicalPlan plan = t.where(gt(a, lit(1))).build();

    assertThat(PlanBuilder.optimizeWith(plan, new PruneFilters())).isSameAs(plan);
  }
}
