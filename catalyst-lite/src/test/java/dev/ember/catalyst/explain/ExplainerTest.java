package dev.ember.catalyst.explain;

import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.gt;
import static dev.ember.catalyst.TestPlans.relation;
import static dev.ember.catalyst.TestPlans.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.catalyst.analysis.Analyzer;
import dev.ember.catalyst.optimizer.OptimizationResult;
import dev.ember.catalyst.optimizer.RuleApplication;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.planner.PhysicalPlanner;
import dev.ember.catalyst.planner.PlannerSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The explain modes over one small query: exact text, and the modes Ember refuses. */
class ExplainerTest {
  private final Analyzer analyzer = new Analyzer();
  private final LocalRelation orders = relation(2, "id INT, total DOUBLE");
  private final LogicalPlan filtered = analyzer.filter(orders, gt(col("total"), 10));
  private final LogicalPlan analyzed = analyzer.aggregate(filtered, List.of(col("id")), List.of(sum(col("total"))));

  private Explainer explainer(OptimizationResult optimization) {
    return new Explainer(analyzed, optimization, new PhysicalPlanner(new PlannerSettings(2)).plan(optimization.plan()));
  }

  private String normalized(String text) {
    return dev.ember.catalyst.TestPlans.normalizeIds(text);
  }

  @Test
  void modesAreParsedCaseInsensitivelyAndCodegenAndCostAreRefused() {
    assertThat(ExplainMode.parse("SIMPLE")).isEqualTo(ExplainMode.SIMPLE);
    assertThat(ExplainMode.parse(" Formatted ")).isEqualTo(ExplainMode.FORMATTED);
    assertThat(ExplainMode.parse("rules")).isEqualTo(ExplainMode.RULES);
    assertThat(ExplainMode.parse("extended")).isEqualTo(ExplainMode.EXTENDED);
    assertThatThrownBy(() -> ExplainMode.parse("codegen")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Explain mode 'codegen' is not supported: Ember runs vectorized operators and generates no code."
            + " Accepted explain modes are 'simple', 'extended', 'formatted', 'rules'.");
    assertThatThrownBy(() -> ExplainMode.parse("cost")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Explain mode 'cost' is not supported: Ember's planner has no cost model");
    assertThatThrownBy(() -> ExplainMode.parse("verbose")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown explain mode: verbose. Accepted explain modes are 'simple', 'extended', 'formatted', 'rules'.");
    assertThatThrownBy(() -> ExplainMode.parse(null)).isInstanceOf(NullPointerException.class).hasMessage("mode is null");
  }

  @Test
  void simpleAndExtended() {
    Explainer explainer = explainer(new OptimizationResult(analyzed, List.of()));
    assertThat(explainer.explain(ExplainMode.SIMPLE)).isEqualTo("""
        == Physical Plan ==
        HashAggregate mode=FINAL, keys=[id#0], functions=[sum(sum(total)#1)], output=[id, sum(total)], resultStage=1, resultTasks=2
          Exchange hashpartitioning(id#0, 2), endsStage=0, stageTasks=2
            HashAggregate mode=PARTIAL, keys=[id#0], functions=[sum(total#1)], output=[id, sum(total)]
              Filter condition=(total#1 > 10.0)
                InMemoryScan output=[id#0, total#1], partitions=2, rows=0
        """);
    assertThat(normalized(explainer.explain(ExplainMode.EXTENDED))).isEqualTo("""
        == Parsed Logical Plan ==
        (the DataFrame DSL analyzes each step as it is written: this is the analyzed plan)
        Aggregate groupings=[id#1], aggregates=[sum(total#2) AS sum(total)#3]
          Filter condition=(total#2 > 10.0)
            LocalRelation output=[id#1, total#2], partitions=2, rows=0

        == Analyzed Logical Plan ==
        id: int, sum(total): double
        Aggregate groupings=[id#1], aggregates=[sum(total#2) AS sum(total)#3]
          Filter condition=(total#2 > 10.0)
            LocalRelation output=[id#1, total#2], partitions=2, rows=0

        == Optimized Logical Plan ==
        Aggregate groupings=[id#1], aggregates=[sum(total#2) AS sum(total)#3]
          Filter condition=(total#2 > 10.0)
            LocalRelation output=[id#1, total#2], partitions=2, rows=0

        == Physical Plan ==
        HashAggregate mode=FINAL, keys=[id#4], functions=[sum(sum(total)#5)], output=[id, sum(total)], resultStage=1, resultTasks=2
          Exchange hashpartitioning(id#4, 2), endsStage=0, stageTasks=2
            HashAggregate mode=PARTIAL, keys=[id#4], functions=[sum(total#5)], output=[id, sum(total)]
              Filter condition=(total#5 > 10.0)
                InMemoryScan output=[id#4, total#5], partitions=2, rows=0
        """);
  }

  @Test
  void rulesWithoutApplicationsSaySoAndWithApplicationsShowEachPlanAfter() {
    assertThat(normalized(explainer(new OptimizationResult(analyzed, List.of())).explain(ExplainMode.RULES))).isEqualTo("""
        == Analyzed Logical Plan ==
        Aggregate groupings=[id#1], aggregates=[sum(total#2) AS sum(total)#3]
          Filter condition=(total#2 > 10.0)
            LocalRelation output=[id#1, total#2], partitions=2, rows=0

        no rule changed the plan
        """);
    // A made-up rewrite: the filter dropped, as a rule would report it.
    LogicalPlan withoutFilter = analyzed.withChildren(List.of(((Filter) filtered).child()));
    OptimizationResult optimization = new OptimizationResult(withoutFilter, List.of(
        new RuleApplication("Simplification", "PruneFilters", withoutFilter),
        new RuleApplication("Cleanup", "RemoveNothing", withoutFilter)));
    assertThat(normalized(explainer(optimization).explain(ExplainMode.RULES))).isEqualTo("""
        == Analyzed Logical Plan ==
        Aggregate groupings=[id#1], aggregates=[sum(total#2) AS sum(total)#3]
          Filter condition=(total#2 > 10.0)
            LocalRelation output=[id#1, total#2], partitions=2, rows=0

        == Rule 1: PruneFilters (batch Simplification) ==
        Aggregate groupings=[id#1], aggregates=[sum(total#2) AS sum(total)#3]
          LocalRelation output=[id#1, total#2], partitions=2, rows=0

        == Rule 2: RemoveNothing (batch Cleanup) ==
        Aggregate groupings=[id#1], aggregates=[sum(total#2) AS sum(total)#3]
          LocalRelation output=[id#1, total#2], partitions=2, rows=0
        """);
  }
}
