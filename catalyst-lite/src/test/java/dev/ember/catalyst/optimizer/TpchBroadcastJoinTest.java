package dev.ember.catalyst.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.plan.CsvRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.planner.PhysicalPlanner;
import dev.ember.catalyst.planner.PlannerSettings;
import dev.ember.core.plan.CsvScanExec;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.FilterExec;
import dev.ember.core.plan.ProjectExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.source.FileSplit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TPC-H Q5 at SF1 file sizes through the whole optimizer and the planner with the local-mode
 * threshold of 1 GB of executor memory and 2 slots: lineitem is probed against broadcast sides where
 * it is scanned and never crosses a hash exchange; with Spark's 10 MB, too. Without broadcasting
 * (-1) it is shuffled, so the check can fail.
 */
class TpchBroadcastJoinTest {
  private static final long EXECUTOR_MEMORY = 1L << 30;

  private static PhysicalPlan plan(long threshold) {
    LogicalPlan optimized = FixedPointDriver.runBatches(inFourSplits(TpchQ5PushdownTest.q5()), DefaultRuleBatches.batches());
    PlannerSettings settings = new PlannerSettings(4, threshold, PlannerSettings.joinMemoryBudget(EXECUTOR_MEMORY, 2));
    return new PhysicalPlanner(settings).plan(optimized);
  }

  @Test
  void q5NeverShufflesLineitem() {
    PhysicalPlan local = plan(PlannerSettings.localAutoBroadcastJoinThreshold(EXECUTOR_MEMORY, 2));
    assertThat(lineitemUnderHashExchange(local)).as(PlanPrinter.physical(local)).isFalse();
    assertThat(PlanPrinter.physical(local)).contains("BroadcastExchange");
    PhysicalPlan sparkDefault = plan(PlannerSettings.DEFAULT_AUTO_BROADCAST_JOIN_THRESHOLD);
    assertThat(lineitemUnderHashExchange(sparkDefault)).as(PlanPrinter.physical(sparkDefault)).isFalse();
    PhysicalPlan noBroadcast = plan(-1);
    assertThat(lineitemUnderHashExchange(noBroadcast)).as(PlanPrinter.physical(noBroadcast)).isTrue();
  }

  /** Every file read in four splits, so that scans have four partitions and a join without broadcasts shuffles. */
  private static LogicalPlan inFourSplits(LogicalPlan plan) {
    if (plan instanceof CsvRelation csv) {
      long length = csv.splits().get(0).fileLength();
      List<FileSplit> splits = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        long start = length * i / 4;
        splits.add(new FileSplit(csv.paths().get(0), start, length * (i + 1) / 4 - start, length));
      }
      return new CsvRelation(csv.paths(), splits, csv.options(), csv.dataColumns(), csv.requiredColumns(),
          csv.pushedFilters());
    }
    return plan.withChildren(plan.children().stream().map(TpchBroadcastJoinTest::inFourSplits).toList());
  }

  private static boolean lineitemUnderHashExchange(PhysicalPlan plan) {
    if (plan instanceof ExchangeExec exchange && exchange.partitioning() instanceof Partitioning.Hash
        && scansLineitem(exchange.child())) {
      return true;
    }
    return plan.children().stream().anyMatch(TpchBroadcastJoinTest::lineitemUnderHashExchange);
  }

  /**
   * Whether the subtree is the lineitem scan under projections and filters only: the exchange then
   * moves lineitem's rows (an exchange over an aggregate or a join above it moves their output).
   */
  private static boolean scansLineitem(PhysicalPlan plan) {
    if (plan instanceof CsvScanExec scan) {
      return scan.splits().get(0).path().contains("lineitem");
    }
    if (plan instanceof ProjectExec project) {
      return scansLineitem(project.child());
    }
    return plan instanceof FilterExec filter && scansLineitem(filter.child());
  }
}
