package dev.ember.core.scheduler;

import dev.ember.core.plan.FilterExec;
import dev.ember.core.plan.HashAggregateExec;
import dev.ember.core.plan.LimitExec;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.ProjectExec;
import dev.ember.core.plan.ShuffleReadExec;
import dev.ember.core.plan.SortExec;
import dev.ember.core.plan.UnionExec;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.vector.Batch;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Whether a range exchange's input is so small that sampling it for bounds costs more than it
 * saves: the sample stage's plan reads only finished shuffles, through operators that never add
 * rows (aggregates, filters, projections, limits, sorts, unions), and those shuffles hold at most
 * one batch of rows ({@value Batch#DEFAULT_ROWS}) in all. TPC-H's final ORDER BY over a handful of
 * groups (Q1, Q5, Q12) is such an input: a stage of tasks that only sampled a few dozen rows is then
 * skipped and one partition takes every row. The map statuses' record counts are exact, so the rule
 * never guesses; anything else (a scan, a join, a broadcast read) is sampled as before.
 */
final class SmallRangeInputs {
  static final long MAXIMUM_ROWS = Batch.DEFAULT_ROWS;

  private SmallRangeInputs() {}

  /**
   * Whether {@code plan}'s rows fit one partition; {@code statuses} gives a shuffle's map outputs,
   * or null when some are missing (then the rows are not known, and the stage samples).
   */
  static boolean fitOnePartition(PhysicalPlan plan, IntFunction<List<MapStatus>> statuses) {
    long[] rows = {0};
    return readsShufflesOnly(plan, statuses, rows) && rows[0] <= MAXIMUM_ROWS;
  }

  private static boolean readsShufflesOnly(PhysicalPlan node, IntFunction<List<MapStatus>> statuses, long[] rows) {
    switch (node) {
      case ShuffleReadExec read -> {
        List<MapStatus> outputs = statuses.apply(read.shuffleId());
        if (outputs == null) {
          return false;
        }
        for (MapStatus status : outputs) {
          for (long records : status.blockRecords()) {
            rows[0] += records;
          }
        }
        return rows[0] <= MAXIMUM_ROWS;
      }
      case HashAggregateExec ignored -> {}
      case FilterExec ignored -> {}
      case ProjectExec ignored -> {}
      case LimitExec ignored -> {}
      case SortExec ignored -> {}
      case UnionExec ignored -> {}
      default -> {
        return false;
      }
    }
    for (PhysicalPlan child : node.children()) {
      if (!readsShufflesOnly(child, statuses, rows)) {
        return false;
      }
    }
    return true;
  }
}
