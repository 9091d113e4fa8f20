package dev.ember.catalyst.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.planner.PhysicalPlanner;
import dev.ember.catalyst.planner.PlannerSettings;
import dev.ember.core.plan.CsvScanExec;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
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
    LogicalPlan optimized = FixedPointDriver.runBatches(TpchQ5PushdownTest.q5(), DefaultRuleBatches.batches());
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

  private static boolean lineitemUnderHashExchange(PhysicalPlan plan) {
    if (plan instanceof ExchangeExec exchange && exchange.partitioning() instanceof Partitioning.Hash) {
      return scansLineitem(exchange.child());
    }
    return plan.children().stream().anyMatch(TpchBroadcastJoinTest::lineitemUnderHashExchange);
  }

  /** Whether the subtree scans lineitem without an exchange in between. */
  private static boolean scansLineitem(PhysicalPlan plan) {
    if (plan instanceof CsvScanExec scan) {
      return scan.splits().get(0).path().contains("lineitem");
    }
    if (plan instanceof ExchangeExec) {
      return false;
    }
    return plan.children().stream().anyMatch(TpchBroadcastJoinTest::scansLineitem);
  }
}
