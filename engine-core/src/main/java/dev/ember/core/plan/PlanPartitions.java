package dev.ember.core.plan;

/** How many partitions a node produces: the number of tasks of the stage it ends. */
public final class PlanPartitions {
  private PlanPartitions() {}

  public static int count(PhysicalPlan plan) {
    return switch (plan) {
      case InMemoryScanExec scan -> scan.partitions().size();
      case RangeScanExec range -> range.partitionCount();
      case CsvScanExec csv -> Math.max(1, csv.splits().size());
      case ShuffleReadExec read -> read.partitionCount();
      case BroadcastReadExec broadcast -> 1;
      case ProjectExec project -> count(project.child());
      case FilterExec filter -> count(filter.child());
      case CachedScanExec cached -> count(cached.child());
      case HashAggregateExec aggregate -> count(aggregate.child());
      case HashJoinExec join -> count(join.left());
      case SortMergeJoinExec join -> count(join.left());
      case NestedLoopJoinExec join -> count(join.left());
      case SortExec sort -> count(sort.child());
      case LimitExec limit -> count(limit.child());
      case ReplicateRowsExec replicate -> count(replicate.child());
      case UnionExec union -> union.children().stream().mapToInt(PlanPartitions::count).sum();
      case ExchangeExec exchange -> exchange.partitioning().partitionCount();
      case CoalesceExec coalesce -> Math.min(coalesce.partitionCount(), count(coalesce.child()));
    };
  }
}
