package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.optimizer.PlanBuilder.as;
import static dev.ember.catalyst.optimizer.PlanBuilder.lit;
import static dev.ember.catalyst.optimizer.PlanBuilder.optimizedText;
import static dev.ember.catalyst.optimizer.PlanBuilder.plus;
import static dev.ember.catalyst.optimizer.PlanBuilder.times;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.optimizer.PlanBuilder;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.AttributeReference;
import org.junit.jupiter.api.Test;

class CollapseProjectTest {
  private final PlanBuilder t = PlanBuilder.relation("a INT, b INT");
  private final AttributeReference a = t.attribute("a");
  private final AttributeReference b = t.attribute("b");

  @Test
  void substitutesInnerAliasesAndKeepsOuterNamesAndIds() {
    Alias x = as(plus(a, lit(1)), "x");
    PlanBuilder inner = t.select(x, a);
    AttributeReference xRef = inner.attribute("x");
    LogicalPlan plan = inner.select(as(times(xRef, lit(2)), "y"), a).build();
    LogicalPlan passing = inner.select(a, xRef).build();

    LogicalPlan collapsed = PlanBuilder.optimizeWith(plan, new CollapseProject());
    LogicalPlan collapsedPassing = PlanBuilder.optimizeWith(passing, new CollapseProject());

    assertThat(PlanBuilder.text(collapsed)).isEqualTo("""
        Project expressions=[((a + 1) * 2) AS y, a]
          LocalRelation output=[a, b], partitions=1, rows=1000
        """);
    assertThat(collapsed.output()).isEqualTo(plan.output());
    // An outer column that passes an inner alias through becomes that alias, with its id.
    assertThat(PlanBuilder.text(collapsedPassing)).isEqualTo("""
        Project expressions=[a, (a + 1) AS x]
          LocalRelation output=[a, b], partitions=1, rows=1000
        """);
    assertThat(collapsedPassing.output()).isEqualTo(passing.output());
  }

  @Test
  void collapsesThreeLevelsAndCheapAliasesUsedTwice() {
    PlanBuilder first = t.select(as(a, "c"), b);
    AttributeReference c = first.attribute("c");
    LogicalPlan plan = first.select(as(plus(c, c), "d"), b).select(b).build();

    assertThat(optimizedText(plan, new CollapseProject())).isEqualTo("""
        Project expressions=[b]
          LocalRelation output=[a, b], partitions=1, rows=1000
        """);
  }

  @Test
  void doesNotDuplicateANonTrivialExpression() {
    PlanBuilder twice = t.select(as(plus(a, lit(1)), "x"), a);
    LogicalPlan usedTwice = twice.select(as(times(twice.attribute("x"), lit(2)), "y"), twice.attribute("x")).build();
    assertThat(PlanBuilder.optimizeWith(usedTwice, new CollapseProject())).isSameAs(usedTwice);

    PlanBuilder inner = t.select(as(plus(a, b), "s"));
    AttributeReference s = inner.attribute("s");
    LogicalPlan plan = inner.select(as(times(s, s), "square")).build();

    assertThat(PlanBuilder.optimizeWith(plan, new CollapseProject())).isSameAs(plan);
  }

  @Test
  void doesNotFireOnASingleProjection() {
    LogicalPlan plan = t.select(as(plus(a, b), "s")).limit(2).select(t.attribute("a")).build();

    // A limit separates the two projections.
    assertThat(PlanBuilder.optimizeWith(plan, new CollapseProject())).isSameAs(plan);
  }
}
