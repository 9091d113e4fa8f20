package dev.ember.core.plan;

import dev.ember.core.types.Schema;
import java.util.List;

/**
 * A node of a physical plan: what to compute, with every column bound to an ordinal of its
 * child's output. Plans are immutable data, serialized into tasks; the operators that run them
 * live in {@code dev.ember.core.operator} and are created per task.
 *
 * <p>Every node has a partition count ({@link PlanPartitions#count}); an {@link ExchangeExec}
 * marks a stage boundary (a wide transformation), everything else is narrow.
 */
public sealed interface PhysicalPlan
    permits InMemoryScanExec, RangeScanExec, FileScanExec, ShuffleReadExec, BroadcastReadExec, ProjectExec,
        FilterExec, HashAggregateExec, HashJoinExec, SortMergeJoinExec, NestedLoopJoinExec, SortExec, LimitExec, UnionExec,
        ReplicateRowsExec,
        ExchangeExec, CoalesceExec, CachedScanExec {

  Schema schema();

  List<PhysicalPlan> children();

  PhysicalPlan withChildren(List<PhysicalPlan> children);
}
