package dev.ember.core.scheduler;

import dev.ember.core.plan.BroadcastReadExec;
import dev.ember.core.plan.CachedScanExec;
import dev.ember.core.plan.CoalesceExec;
import dev.ember.core.plan.CsvScanExec;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.FilterExec;
import dev.ember.core.plan.HashAggregateExec;
import dev.ember.core.plan.HashJoinExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.LimitExec;
import dev.ember.core.plan.ReplicateRowsExec;
import dev.ember.core.plan.NestedLoopJoinExec;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.PlanPartitions;
import dev.ember.core.plan.ProjectExec;
import dev.ember.core.plan.RangeScanExec;
import dev.ember.core.plan.ShuffleReadExec;
import dev.ember.core.plan.SortExec;
import dev.ember.core.plan.SortMergeJoinExec;
import dev.ember.core.plan.UnionExec;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shrinks a stage plan to what one task reads, so that a task does not ship the rows of every
 * in-memory partition: the in-memory scan partitions the task does not read are replaced by empty
 * batches (partition counts stay as they are). The mapping of partitions through union and
 * coalesce is the one {@link dev.ember.core.task.OperatorFactory} uses; the right side of a
 * join is left whole, because its partition mapping belongs to the join operator.
 */
final class PartitionPruning {
  private PartitionPruning() {}

  static PhysicalPlan forPartition(PhysicalPlan plan, int partition) {
    int partitions = PlanPartitions.count(plan);
    if (partitions == 1) {
      return plan; // the task reads every partition there is: nothing to prune
    }
    boolean[] keep = new boolean[partitions];
    keep[partition] = true;
    return prune(plan, keep);
  }

  /**
   * For each shuffle the stage plan reads, which of its reduce partitions the task of
   * {@code partition} reads (one flag per reduce partition), by the same mapping as the pruning; a
   * join's right side counts as read whole. The scheduler ships such a task only the map outputs
   * that have rows for it.
   */
  static Map<Integer, boolean[]> shuffleReads(PhysicalPlan plan, int partition) {
    boolean[] keep = new boolean[PlanPartitions.count(plan)];
    keep[partition] = true;
    Map<Integer, boolean[]> reads = new HashMap<>();
    collectReads(plan, keep, reads);
    return reads;
  }

  private static void collectReads(PhysicalPlan plan, boolean[] keep, Map<Integer, boolean[]> reads) {
    switch (plan) {
      case ShuffleReadExec read -> {
        boolean[] flags = reads.computeIfAbsent(read.shuffleId(), id -> new boolean[keep.length]);
        for (int i = 0; i < Math.min(flags.length, keep.length); i++) {
          flags[i] |= keep[i];
        }
      }
      case InMemoryScanExec scan -> {}
      case RangeScanExec range -> {}
      case CsvScanExec csv -> {}
      case BroadcastReadExec read -> {}
      case ExchangeExec exchange -> {}
      case ProjectExec project -> collectReads(project.child(), keep, reads);
      case FilterExec filter -> collectReads(filter.child(), keep, reads);
      case CachedScanExec cached -> collectReads(cached.child(), keep, reads);
      case HashAggregateExec aggregate -> collectReads(aggregate.child(), keep, reads);
      case SortExec sort -> collectReads(sort.child(), keep, reads);
      case LimitExec limit -> collectReads(limit.child(), keep, reads);
      case ReplicateRowsExec replicate -> collectReads(replicate.child(), keep, reads);
      case HashJoinExec join -> collectJoinReads(join.left(), join.right(), keep, reads);
      case SortMergeJoinExec join -> collectJoinReads(join.left(), join.right(), keep, reads);
      case NestedLoopJoinExec join -> collectJoinReads(join.left(), join.right(), keep, reads);
      case UnionExec union -> {
        int first = 0;
        for (PhysicalPlan child : union.children()) {
          int count = PlanPartitions.count(child);
          collectReads(child, Arrays.copyOfRange(keep, first, first + count), reads);
          first += count;
        }
      }
      case CoalesceExec coalesce -> collectReads(
          coalesce.child(), coalescedChildKeep(PlanPartitions.count(coalesce.child()), keep), reads);
    }
  }

  private static void collectJoinReads(
      PhysicalPlan left, PhysicalPlan right, boolean[] keep, Map<Integer, boolean[]> reads) {
    collectReads(left, keep, reads);
    boolean[] all = new boolean[PlanPartitions.count(right)];
    Arrays.fill(all, true);
    collectReads(right, all, reads);
  }

  /** The plan with only the partitions in {@code keep} (one flag per partition of the plan) left readable. */
  private static PhysicalPlan prune(PhysicalPlan plan, boolean[] keep) {
    return switch (plan) {
      case InMemoryScanExec scan -> pruneScan(scan, keep);
      case RangeScanExec range -> range;
      case CsvScanExec csv -> csv;
      case ShuffleReadExec read -> read;
      case BroadcastReadExec read -> read;
      case ProjectExec project -> rebuilt(project, List.of(prune(project.child(), keep)));
      case FilterExec filter -> rebuilt(filter, List.of(prune(filter.child(), keep)));
      case CachedScanExec cached -> rebuilt(cached, List.of(prune(cached.child(), keep)));
      case HashAggregateExec aggregate -> rebuilt(aggregate, List.of(prune(aggregate.child(), keep)));
      case SortExec sort -> rebuilt(sort, List.of(prune(sort.child(), keep)));
      case LimitExec limit -> rebuilt(limit, List.of(prune(limit.child(), keep)));
      case ReplicateRowsExec replicate -> rebuilt(replicate, List.of(prune(replicate.child(), keep)));
      case HashJoinExec join -> rebuilt(join, List.of(prune(join.left(), keep), join.right()));
      case SortMergeJoinExec join -> rebuilt(join, List.of(prune(join.left(), keep), join.right()));
      case NestedLoopJoinExec join -> rebuilt(join, List.of(prune(join.left(), keep), join.right()));
      case UnionExec union -> pruneUnion(union, keep);
      case CoalesceExec coalesce -> pruneCoalesce(coalesce, keep);
      case ExchangeExec exchange -> exchange;
    };
  }

  /**
   * {@code plan} over {@code children}: itself when they are its children already, so a stage plan
   * with nothing to prune stays one instance for all its tasks (its encoded bytes are then found by
   * identity, see {@code StagePlans}).
   */
  private static PhysicalPlan rebuilt(PhysicalPlan plan, List<PhysicalPlan> children) {
    List<PhysicalPlan> current = plan.children();
    for (int i = 0; i < children.size(); i++) {
      if (children.get(i) != current.get(i)) {
        return plan.withChildren(children);
      }
    }
    return plan;
  }

  private static PhysicalPlan pruneScan(InMemoryScanExec scan, boolean[] keep) {
    List<Batch> partitions = scan.partitions();
    List<Batch> pruned = new ArrayList<>(partitions.size());
    Batch empty = null;
    boolean changed = false;
    for (int i = 0; i < partitions.size(); i++) {
      Batch batch = partitions.get(i);
      if (keep[i] || batch.rowCount() == 0) {
        pruned.add(batch);
      } else {
        if (empty == null) {
          empty = Batch.empty(scan.schema());
        }
        pruned.add(empty);
        changed = true;
      }
    }
    return changed ? new InMemoryScanExec(scan.schema(), pruned) : scan;
  }

  private static PhysicalPlan pruneUnion(UnionExec union, boolean[] keep) {
    List<PhysicalPlan> children = new ArrayList<>();
    int first = 0;
    for (PhysicalPlan child : union.children()) {
      int count = PlanPartitions.count(child);
      boolean[] childKeep = new boolean[count];
      System.arraycopy(keep, first, childKeep, 0, count);
      children.add(prune(child, childKeep));
      first += count;
    }
    return rebuilt(union, children);
  }

  /** Output partition p reads child partitions [p*c/n, (p+1)*c/n), as the operator factory does. */
  private static PhysicalPlan pruneCoalesce(CoalesceExec coalesce, boolean[] keep) {
    return rebuilt(coalesce, List.of(
        prune(coalesce.child(), coalescedChildKeep(PlanPartitions.count(coalesce.child()), keep))));
  }

  private static boolean[] coalescedChildKeep(int childCount, boolean[] keep) {
    int outputCount = keep.length;
    boolean[] childKeep = new boolean[childCount];
    for (int partition = 0; partition < outputCount; partition++) {
      if (keep[partition]) {
        long from = (long) partition * childCount / outputCount;
        long to = (long) (partition + 1) * childCount / outputCount;
        for (long child = from; child < to; child++) {
          childKeep[(int) child] = true;
        }
      }
    }
    return childKeep;
  }
}
