package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.TestPlans.and;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.gt;
import static dev.ember.catalyst.TestPlans.normalizeIds;
import static dev.ember.catalyst.optimizer.AnalyzedPlanBuilder.csv;
import static dev.ember.catalyst.optimizer.AnalyzedPlanBuilder.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.optimizer.FixedPointDriver;
import dev.ember.catalyst.optimizer.AnalyzedPlanBuilder;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.planner.PhysicalPlanner;
import dev.ember.catalyst.planner.PlannerSettings;
import org.junit.jupiter.api.Test;

class PushFiltersIntoScanTest {
  private final AnalyzedPlanBuilder scan = csv("t", 1000, "a INT, b STRING, c DOUBLE");

  private static LogicalPlan optimized(AnalyzedPlanBuilder query) {
    return FixedPointDriver.run(query.build(), new PushFiltersIntoScan());
  }

  @Test
  void theConjunctsOfAFilterOverAScanMoveIntoIt() {
    LogicalPlan plan = optimized(scan.filter(gt(col("a"), 5)).filter(and(gt(col("c"), 1.5), gt(col("b"), "m"))));
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo(
        "CsvRelation output=[a#1, b#2, c#3], paths=[/data/t.csv], splits=1, "
            + "pushedFilters=[(a#1 > 5), (c#3 > 1.5), (b#2 > 'm')]\n");
    assertThat(PlanPrinter.physical(new PhysicalPlanner(new PlannerSettings(2)).plan(plan))).isEqualTo(
        "CsvScan output=[a#0, b#1, c#2], files=[/data/t.csv], splits=1, header=false, delimiter=',', "
            + "pushedFilters=[(a#0 > 5), (c#2 > 1.5), (b#1 > 'm')], resultStage=0, resultTasks=1\n");
  }

  @Test
  void aConjunctTheScanHasIsNotAddedTwice() {
    LogicalPlan once = optimized(scan.filter(gt(col("a"), 5)));
    LogicalPlan twice = optimized(new AnalyzedPlanBuilder(once).filter(gt(col("a"), 5)));
    assertThat(twice).isEqualTo(once);
  }

  @Test
  void notIntoOtherRelationsNorThroughOtherNodes() {
    LogicalPlan local = table("l", 2, "a INT").filter(gt(col("a"), 5)).build();
    assertThat(new PushFiltersIntoScan().apply(local)).isSameAs(local);
    LogicalPlan aliased = scan.as("s").filter(gt(col("a"), 5)).build();
    assertThat(new PushFiltersIntoScan().apply(aliased)).isSameAs(aliased);
  }
}
