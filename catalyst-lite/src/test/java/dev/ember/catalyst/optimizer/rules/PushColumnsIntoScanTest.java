package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.TestPlans.as;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.gt;
import static dev.ember.catalyst.TestPlans.lit;
import static dev.ember.catalyst.TestPlans.normalizeIds;
import static dev.ember.catalyst.TestPlans.plus;
import static dev.ember.catalyst.optimizer.AnalyzedPlanBuilder.csv;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.optimizer.FixedPointDriver;
import dev.ember.catalyst.optimizer.AnalyzedPlanBuilder;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.planner.PhysicalPlanner;
import dev.ember.catalyst.planner.PlannerSettings;
import org.junit.jupiter.api.Test;

class PushColumnsIntoScanTest {
  private final AnalyzedPlanBuilder scan = csv("t", 1000, "a INT, b STRING, c DOUBLE, d INT");

  private static LogicalPlan optimized(AnalyzedPlanBuilder query) {
    return FixedPointDriver.run(query.build(), new PushFiltersIntoScan(), new PushColumnsIntoScan());
  }

  @Test
  void aProjectionThatPassesColumnsThroughBecomesTheScan() {
    LogicalPlan plan = optimized(scan.select(col("a"), col("c")));
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo(
        "CsvRelation output=[a#1, c#2], paths=[/data/t.csv], splits=1, columns=[a, c]\n");
    assertThat(PlanPrinter.physical(new PhysicalPlanner(new PlannerSettings(2)).plan(plan))).isEqualTo(
        "CsvScan output=[a#0, c#1], files=[/data/t.csv], splits=1, header=false, delimiter=',', columns=[a, c], "
            + "resultStage=0, resultTasks=1\n");
  }

  @Test
  void theColumnsOfAFilterBetweenAndOfPushedFiltersStayRequired() {
    LogicalPlan plan = optimized(scan.filter(gt(col("d"), 5)).filter(gt(col("c"), col("c"))).select(as(plus(col("a"), 1), "e")));
    // (c > c) is pushed too: the second pass sees Filter over the scan again.
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo("""
        Project expressions=[(a#1 + 1) AS e#2]
          CsvRelation output=[a#1, c#3, d#4], paths=[/data/t.csv], splits=1, columns=[a, c, d], pushedFilters=[(d#4 > 5), (c#3 > c#3)]
        """);
  }

  @Test
  void aScanKeepsOneColumn() {
    LogicalPlan plan = optimized(scan.select(as(lit(1), "one")));
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo("""
        Project expressions=[1 AS one#1]
          CsvRelation output=[a#2], paths=[/data/t.csv], splits=1, columns=[a]
        """);
  }

  @Test
  void notWhenEveryColumnIsUsed() {
    LogicalPlan all = scan.select(col("d"), col("c"), col("b"), col("a")).build();
    assertThat(new PushColumnsIntoScan().apply(all)).isSameAs(all);
    LogicalPlan filtered = scan.filter(gt(col("d"), 5)).build();
    assertThat(new PushColumnsIntoScan().apply(filtered)).isSameAs(filtered);
  }
}
