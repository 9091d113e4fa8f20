package dev.ember.core.task;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.io.csv.CsvScanOperator;
import dev.ember.core.memory.MemoryContext;
import dev.ember.core.operator.aggregate.HashAggregateOperator;
import dev.ember.core.operator.basic.ConcatenateOperator;
import dev.ember.core.operator.basic.FilterOperator;
import dev.ember.core.operator.basic.LimitOperator;
import dev.ember.core.operator.basic.ReplicateRowsOperator;
import dev.ember.core.operator.basic.ProjectOperator;
import dev.ember.core.operator.join.HashJoinOperator;
import dev.ember.core.operator.join.NestedLoopJoinOperator;
import dev.ember.core.operator.join.SortMergeJoinOperator;
import dev.ember.core.operator.scan.BroadcastScanOperator;
import dev.ember.core.operator.scan.CachedScanOperator;
import dev.ember.core.operator.scan.InMemoryScanOperator;
import dev.ember.core.operator.scan.RangeScanOperator;
import dev.ember.core.operator.sort.SortOperator;
import dev.ember.core.plan.AggregateMode;
import dev.ember.core.plan.BroadcastReadExec;
import dev.ember.core.plan.CachedScanExec;
import dev.ember.core.plan.CoalesceExec;
import dev.ember.core.plan.CsvScanExec;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.FilterExec;
import dev.ember.core.plan.HashAggregateExec;
import dev.ember.core.plan.HashJoinExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.JoinType;
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
import dev.ember.core.operator.BroadcastTableCache;
import dev.ember.core.operator.TaskContext;
import dev.ember.core.operator.buffer.BatchBuffer;
import dev.ember.core.vector.Batch;
import dev.ember.core.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import dev.ember.core.operator.Operator;

/**
 * Creates the operator tree that computes one partition of a stage's plan inside a task.
 *
 * <p>A stage's plan has no {@link ExchangeExec} left: the DAG scheduler replaced each by a
 * {@link ShuffleReadExec} or {@link BroadcastReadExec} leaf. Partition numbers pass through narrow
 * nodes unchanged, except where a node maps its partitions onto its children's (union, coalesce).
 */
public final class OperatorFactory {
  private OperatorFactory() {}

  public static Operator create(PhysicalPlan plan, int partition, TaskContext context) {
    return switch (plan) {
      case InMemoryScanExec scan -> new InMemoryScanOperator(scan.partitions().get(partition));
      case RangeScanExec range -> new RangeScanOperator(range, partition);
      case CsvScanExec csv -> new CsvScanOperator(csv, partition, context);
      case ShuffleReadExec read -> context.shuffleRead(read.shuffleId(), partition);
      case BroadcastReadExec broadcast -> new BroadcastScanOperator(context.broadcast(broadcast.broadcastId()));
      case ProjectExec project ->
          new ProjectOperator(create(project.child(), partition, context), project.expressions());
      case FilterExec filter -> new FilterOperator(create(filter.child(), partition, context), filter.condition());
      case LimitExec limit -> new LimitOperator(create(limit.child(), partition, context), limit.limit());
      case UnionExec union -> createUnionPartition(union, partition, context);
      case ReplicateRowsExec replicate -> new ReplicateRowsOperator(create(replicate.child(), partition, context));
      case CoalesceExec coalesce -> createCoalescedPartition(coalesce, partition, context);
      case CachedScanExec cached -> CachedScanOperator.create(cached, partition, context,
          () -> create(cached.child(), partition, context));
      case HashAggregateExec aggregate -> createHashAggregate(aggregate, partition, context);
      case HashJoinExec join -> createHashJoin(join, partition, context);
      case SortMergeJoinExec join -> createSortMergeJoin(join, partition, context);
      case NestedLoopJoinExec join -> createNestedLoopJoin(join, partition, context);
      case SortExec sort -> new SortOperator(
          create(sort.child(), partition, context), sort.child().schema(), sort.orders(), context.memoryContext());
      case ExchangeExec exchange -> throw new IllegalStateException(
          "an exchange reached a task: the DAG scheduler must cut stages at exchanges first");
    };
  }

  private static Operator createHashAggregate(HashAggregateExec aggregate, int partition, TaskContext context) {
    int columns = aggregate.groupings().size();
    for (AggregateFunction function : aggregate.aggregates()) {
      columns += aggregate.mode() == AggregateMode.PARTIAL ? function.stateTypes().size() : 1;
    }
    if (columns != aggregate.schema().size()) {
      throw new IllegalArgumentException("a " + aggregate.mode() + " aggregate of " + aggregate.groupings().size()
          + " grouping columns and " + aggregate.aggregates() + " outputs " + columns + " columns, but its schema "
          + aggregate.schema() + " has " + aggregate.schema().size());
    }
    return new HashAggregateOperator(
        create(aggregate.child(), partition, context), aggregate.mode(), aggregate.groupings(), aggregate.aggregates(),
        context.memoryContext());
  }

  /**
   * The right child runs with the same partition number (the exchanges co-partitioned both sides);
   * a broadcast right side is the same in every partition.
   */
  private static Operator createHashJoin(HashJoinExec join, int partition, TaskContext context) {
    checkJoin(join.left(), join.right(), join.joinType(), join.schema(), "hash join");
    Operator left = create(join.left(), partition, context);
    try {
      Operator right = create(join.right(), partition, context);
      Optional<BroadcastTableCache> tables = context.broadcastTables();
      if (join.right() instanceof BroadcastReadExec broadcast && tables.isPresent()) {
        // One table per executor for the job's tasks, built from the broadcast's rows.
        BroadcastTableCache.Key key = new BroadcastTableCache.Key(context.jobId(), broadcast.broadcastId(), join.rightKeys());
        HashJoinOperator.SharedBuild shared = new HashJoinOperator.SharedBuild(tables.get(), key,
            () -> concatenate(context.broadcast(broadcast.broadcastId()), broadcast.schema()));
        return new HashJoinOperator(left, right, join.joinType(), join.leftKeys(), join.rightKeys(), join.condition(),
            join.left().schema(), join.right().schema(), context.memoryContext(), shared);
      }
      return new HashJoinOperator(left, right, join.joinType(), join.leftKeys(), join.rightKeys(), join.condition(),
          join.left().schema(), join.right().schema(), context.memoryContext());
    } catch (RuntimeException failure) {
      left.close();
      throw failure;
    }
  }

  /** The batches of a broadcast as one batch (a hash table's build side). */
  private static Batch concatenate(List<Batch> batches, Schema schema) {
    BatchBuffer buffer = new BatchBuffer(schema.types());
    for (Batch batch : batches) {
      buffer.append(batch);
    }
    return buffer.toBatch();
  }

  /** Both children run with the same partition number: the exchanges hash-partitioned them alike. */
  private static Operator createSortMergeJoin(SortMergeJoinExec join, int partition, TaskContext context) {
    checkJoin(join.left(), join.right(), join.joinType(), join.schema(), "sort-merge join");
    Operator left = create(join.left(), partition, context);
    try {
      Operator right = create(join.right(), partition, context);
      return new SortMergeJoinOperator(left, right, join.joinType(), join.leftKeys(), join.rightKeys(),
          join.condition(), join.left().schema(), join.right().schema(), context.memoryContext());
    } catch (RuntimeException failure) {
      left.close();
      throw failure;
    }
  }

  private static Operator createNestedLoopJoin(NestedLoopJoinExec join, int partition, TaskContext context) {
    checkJoin(join.left(), join.right(), join.joinType(), join.schema(), "nested loop join");
    Operator left = create(join.left(), partition, context);
    try {
      Operator right = create(join.right(), partition, context);
      return new NestedLoopJoinOperator(left, right, join.joinType(), join.condition(), join.left().schema(),
          join.right().schema());
    } catch (RuntimeException failure) {
      left.close();
      throw failure;
    }
  }

  /**
   * Checks the output width against the schema, and that a broadcast right side is not joined as
   * right or full outer over several left partitions: each would emit the unmatched right rows again.
   */
  private static void checkJoin(PhysicalPlan left, PhysicalPlan right, JoinType joinType, Schema schema, String what) {
    int columns = left.schema().size() + (joinType.outputsRight() ? right.schema().size() : 0);
    if (columns != schema.size()) {
      throw new IllegalArgumentException("a " + what + " of type " + joinType + " outputs " + columns
          + " columns, but its schema " + schema + " has " + schema.size());
    }
    boolean emitsUnmatchedRight = joinType == JoinType.RIGHT_OUTER || joinType == JoinType.FULL_OUTER;
    if (emitsUnmatchedRight && right instanceof BroadcastReadExec && PlanPartitions.count(left) > 1) {
      throw new IllegalArgumentException("a " + what + " of type " + joinType + " cannot broadcast its right side over "
          + PlanPartitions.count(left) + " left partitions: unmatched right rows would be emitted once per partition");
    }
  }

  private static Operator createUnionPartition(UnionExec union, int partition, TaskContext context) {
    if (partition < 0) {
      throw new IllegalArgumentException("partition is negative: " + partition);
    }
    int first = 0;
    for (PhysicalPlan child : union.children()) {
      int count = PlanPartitions.count(child);
      if (partition < first + count) {
        return create(child, partition - first, context);
      }
      first += count;
    }
    throw new IllegalArgumentException("union has " + first + " partitions, asked for " + partition);
  }

  /** Output partition p reads child partitions [p*c/n, (p+1)*c/n): adjacent, evenly spread. */
  private static Operator createCoalescedPartition(CoalesceExec coalesce, int partition, TaskContext context) {
    int childCount = PlanPartitions.count(coalesce.child());
    int outputCount = PlanPartitions.count(coalesce);
    if (partition < 0 || partition >= outputCount) {
      throw new IllegalArgumentException("coalesce has " + outputCount + " partitions, asked for " + partition);
    }
    long from = (long) partition * childCount / outputCount;
    long to = (long) (partition + 1) * childCount / outputCount;
    List<Supplier<Operator>> inputs = new ArrayList<>();
    for (long childPartition = from; childPartition < to; childPartition++) {
      int index = (int) childPartition;
      inputs.add(() -> create(coalesce.child(), index, context));
    }
    return new ConcatenateOperator(inputs);
  }
}
