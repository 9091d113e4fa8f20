package dev.ember.core.task;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.evaluation.RowSelector;
import dev.ember.core.expression.evaluation.Selections;
import dev.ember.core.io.csv.CsvScanOperator;
import dev.ember.core.memory.MemoryContext;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.operator.BroadcastTableCache;
import dev.ember.core.operator.Operator;
import dev.ember.core.operator.TaskContext;
import dev.ember.core.operator.aggregate.HashAggregateOperator;
import dev.ember.core.operator.basic.ConcatenateOperator;
import dev.ember.core.operator.basic.FilterOperator;
import dev.ember.core.operator.basic.LimitOperator;
import dev.ember.core.operator.basic.ProjectOperator;
import dev.ember.core.operator.basic.ReplicateRowsOperator;
import dev.ember.core.operator.hash.KeyBitmap;
import dev.ember.core.operator.hash.LongKeyHashTable;
import dev.ember.core.operator.join.HashJoinOperator;
import dev.ember.core.operator.join.NestedLoopJoinOperator;
import dev.ember.core.operator.join.SortMergeJoinOperator;
import dev.ember.core.operator.scan.BroadcastScanOperator;
import dev.ember.core.operator.scan.CachedScanOperator;
import dev.ember.core.operator.scan.InMemoryScanOperator;
import dev.ember.core.operator.scan.RangeScanOperator;
import dev.ember.core.operator.sort.SortOperator;
import dev.ember.core.operator.sort.TopNOperator;
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
import dev.ember.core.plan.NestedLoopJoinExec;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.PlanPartitions;
import dev.ember.core.plan.ProjectExec;
import dev.ember.core.plan.RangeScanExec;
import dev.ember.core.plan.ReplicateRowsExec;
import dev.ember.core.plan.ShuffleReadExec;
import dev.ember.core.plan.SortExec;
import dev.ember.core.plan.SortMergeJoinExec;
import dev.ember.core.plan.UnionExec;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Creates the operator tree that computes one partition of a stage's plan inside a task.
 *
 * <p>A stage's plan has no {@link ExchangeExec} left: the DAG scheduler replaced each by a
 * {@link ShuffleReadExec} or {@link BroadcastReadExec} leaf. Partition numbers pass through narrow
 * nodes unchanged, except where a node maps its partitions onto its children's (union, coalesce).
 */
public final class OperatorFactory {
  private OperatorFactory() {}

  /**
   * The operator tree of {@code plan}'s partition {@code partition}, every node counted in the
   * task's metrics under its slot: its position in the plan walked children first, left to right
   * (the order in which the stage graph lists a stage's operators), so slot {@code i} of every task
   * of a stage is the same operator.
   */
  public static Operator create(PhysicalPlan plan, int partition, TaskContext context) {
    // Asked once: every operator of the tree counts into the same metrics.
    Metering metering = new Metering(context.metrics(), new IdentityHashMap<>(), new IdentityHashMap<>(), scansDoneAtNext(plan));
    metering.metrics().startOperators(metering.size(plan));
    context.broadcastTables().ifPresent(tables -> buildSharedTablesUnlessBusy(plan, context, tables));
    return create(plan, partition, context, metering, 0);
  }

  /**
   * Starts the executor's shared tables of {@code plan}'s broadcast joins, top join first, skipping
   * any another task is building: tasks that start together then build different tables side by
   * side before either waits for one (TPC-H Q5's lineitem tasks need the customer, supplier and
   * orders tables: one builds customer while the other builds orders and supplier).
   */
  private static void buildSharedTablesUnlessBusy(PhysicalPlan plan, TaskContext context, BroadcastTableCache tables) {
    if (plan instanceof HashJoinExec join && join.right() instanceof BroadcastReadExec broadcast) {
      sharedBuild(join, broadcast, context, tables).buildUnlessBusy(join.rightKeys());
    }
    for (PhysicalPlan child : plan.children()) {
      buildSharedTablesUnlessBusy(child, context, tables);
    }
  }

  /** Where a broadcast join finds the executor's table: one per job, broadcast and build keys. */
  private static HashJoinOperator.SharedBuild sharedBuild(HashJoinExec join, BroadcastReadExec broadcast, TaskContext context,
      BroadcastTableCache tables) {
    BroadcastTableCache.Key key = new BroadcastTableCache.Key(context.jobId(), broadcast.broadcastId(), join.rightKeys());
    return new HashJoinOperator.SharedBuild(tables, key,
        () -> concatenate(context.broadcast(broadcast.broadcastId()), broadcast.schema()));
  }

  /** Per cached scan of {@code plan} (by identity), whether every reader is done with a batch when it asks for the next. */
  static Map<CachedScanExec, Boolean> scansDoneAtNext(PhysicalPlan plan) {
    Map<CachedScanExec, Boolean> scans = new IdentityHashMap<>();
    findScansDoneAtNext(plan, false, scans);
    return scans;
  }

  /**
   * Marks each cached scan whose batches every reader is done with when it asks for the next: the
   * operators above it, up to an aggregate (which copies what it keeps), only pass batches on (filters,
   * projections, a join's probe side). Such a scan widens into the same arrays batch after batch.
   * Any other reader (an exchange, a sort, a join's build side, the result) may keep batches: a scan
   * that occurs twice in the plan is marked only when both occurrences allow it.
   */
  private static void findScansDoneAtNext(PhysicalPlan plan, boolean readByCopier, Map<CachedScanExec, Boolean> scans) {
    switch (plan) {
      case HashAggregateExec aggregate -> findScansDoneAtNext(aggregate.child(), true, scans);
      case FilterExec filter -> findScansDoneAtNext(filter.child(), readByCopier, scans);
      case ProjectExec project -> findScansDoneAtNext(project.child(), readByCopier, scans);
      case HashJoinExec join -> {
        findScansDoneAtNext(join.left(), readByCopier, scans);
        findScansDoneAtNext(join.right(), false, scans);
      }
      case CachedScanExec cached -> {
        scans.merge(cached, readByCopier, Boolean::logicalAnd);
        // A missing block is computed from the child and stored: those batches are kept.
        findScansDoneAtNext(cached.child(), false, scans);
      }
      default -> {
        for (PhysicalPlan child : plan.children()) {
          findScansDoneAtNext(child, false, scans);
        }
      }
    }
  }

  /**
   * The task's metrics and the node counts of the plan's subtrees (by identity: a subtree that
   * occurs twice in the plan is counted, and its nodes get slots, at each occurrence).
   */
  private record Metering(TaskMetrics metrics, Map<PhysicalPlan, Integer> sizes,
      Map<CachedScanExec, List<CachedScanOperator.KeySet>> keySets, Map<CachedScanExec, Boolean> scansDoneAtNext) {
    /** Whether every reader of {@code scan}'s batches is done with one when it asks for the next. */
    boolean doneAtNext(CachedScanExec scan) {
      return scansDoneAtNext.getOrDefault(scan, false);
    }

    /** The join key sets registered for {@code scan} while its join's probe side is being created. */
    List<CachedScanOperator.KeySet> keySetsFor(CachedScanExec scan) {
      return keySets.getOrDefault(scan, List.of());
    }

    int size(PhysicalPlan node) {
      Integer known = sizes.get(node);
      if (known != null) {
        return known;
      }
      int size = 1;
      for (PhysicalPlan child : node.children()) {
        size += size(child);
      }
      sizes.put(node, size);
      return size;
    }
  }

  /** {@code first} is the slot of the first node of {@code plan}'s subtree in the walk; the node's own is its last. */
  private static Operator create(
      PhysicalPlan plan, int partition, TaskContext context, Metering metering, int first) {
    Operator operator = createUnmetered(plan, partition, context, metering, first);
    return new MeteredOperator(operator, metering.metrics(), first + metering.size(plan) - 1);
  }

  private static Operator createUnmetered(
      PhysicalPlan plan, int partition, TaskContext context, Metering metering, int first) {
    return switch (plan) {
      case InMemoryScanExec scan -> new InMemoryScanOperator(scan.partitions().get(partition));
      case RangeScanExec range -> new RangeScanOperator(range, partition);
      case CsvScanExec csv -> new CsvScanOperator(csv, partition, context);
      case ShuffleReadExec read -> context.shuffleRead(read.shuffleId(), partition);
      case BroadcastReadExec broadcast -> new BroadcastScanOperator(context.broadcast(broadcast.broadcastId()));
      case ProjectExec project ->
          new ProjectOperator(create(project.child(), partition, context, metering, first), project.expressions());
      case FilterExec filter when filter.child() instanceof CachedScanExec cached -> {
        // One compiled condition serves both the scan's checks on stored values and the filter. A
        // non-deterministic condition must see every row in written order: the scan checks nothing.
        RowSelector condition = Selections.compile(filter.condition());
        CachedScanOperator.Prefilter prefilter = filter.condition().deterministic()
            ? CachedScanOperator.prefilterOf(condition) : CachedScanOperator.Prefilter.none();
        yield new FilterOperator(createPrefilteredCachedScan(cached, prefilter.withKeySets(metering.keySetsFor(cached)),
            partition, context, metering, first), condition);
      }
      case FilterExec filter -> new FilterOperator(create(filter.child(), partition, context, metering, first), filter.condition());
      case LimitExec limit when limit.child() instanceof SortExec sort && limit.limit() <= TopNOperator.MAXIMUM_LIMIT ->
          createTopN(sort, limit.limit(), partition, context, metering, first);
      case LimitExec limit -> new LimitOperator(create(limit.child(), partition, context, metering, first), limit.limit());
      case UnionExec union -> createUnionPartition(union, partition, context, metering, first);
      case ReplicateRowsExec replicate ->
          new ReplicateRowsOperator(create(replicate.child(), partition, context, metering, first));
      case CoalesceExec coalesce -> createCoalescedPartition(coalesce, partition, context, metering, first);
      case CachedScanExec cached -> CachedScanOperator.create(cached, partition, context,
          () -> create(cached.child(), partition, context, metering, first),
          CachedScanOperator.Prefilter.none().withKeySets(metering.keySetsFor(cached)), metering.doneAtNext(cached));
      case HashAggregateExec aggregate -> createHashAggregate(aggregate, partition, context, metering, first);
      case HashJoinExec join -> createHashJoin(join, partition, context, metering, first);
      case SortMergeJoinExec join -> createSortMergeJoin(join, partition, context, metering, first);
      case NestedLoopJoinExec join -> createNestedLoopJoin(join, partition, context, metering, first);
      case SortExec sort -> new SortOperator(
          create(sort.child(), partition, context, metering, first), sort.child().schema(), sort.orders(), context.memoryContext());
      case ExchangeExec exchange -> throw new IllegalStateException(
          "an exchange reached a task: the DAG scheduler must cut stages at exchanges first");
    };
  }

  /**
   * A cached scan right under a filter, metered as {@link #create} meters it: a stored block is read
   * keeping only the rows inside the filter's integral ranges and passing its conditions on dictionary
   * strings (the filter still runs over them).
   */
  private static Operator createPrefilteredCachedScan(CachedScanExec cached, CachedScanOperator.Prefilter prefilter,
      int partition, TaskContext context, Metering metering, int first) {
    Operator scan = CachedScanOperator.create(cached, partition, context,
        () -> create(cached.child(), partition, context, metering, first), prefilter, metering.doneAtNext(cached));
    return new MeteredOperator(scan, metering.metrics(), first + metering.size(cached) - 1);
  }

  /**
   * A limit over a sort as one {@link TopNOperator}, metered in the sort's slot and (by {@link
   * #create}) the limit's: both nodes show the rows it passes on.
   */
  private static Operator createTopN(SortExec sort, int limit, int partition, TaskContext context, Metering metering, int first) {
    Operator topN = new TopNOperator(create(sort.child(), partition, context, metering, first), sort.child().schema(),
        sort.orders(), limit, context.memoryContext());
    return new MeteredOperator(topN, metering.metrics(), first + metering.size(sort) - 1);
  }

  private static Operator createHashAggregate(HashAggregateExec aggregate, int partition, TaskContext context, Metering metering, int first) {
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
        create(aggregate.child(), partition, context, metering, first), aggregate.mode(), aggregate.groupings(), aggregate.aggregates(),
        context.memoryContext());
  }

  /**
   * The right child runs with the same partition number (the exchanges co-partitioned both sides);
   * a broadcast right side is the same in every partition.
   */
  private static Operator createHashJoin(HashJoinExec join, int partition, TaskContext context, Metering metering, int first) {
    checkJoin(join.left(), join.right(), join.joinType(), join.schema(), "hash join");
    Optional<BroadcastTableCache> tables = context.broadcastTables();
    HashJoinOperator.SharedBuild shared = null;
    if (join.right() instanceof BroadcastReadExec broadcast && tables.isPresent()) {
      // One table per executor for the job's tasks, built from the broadcast's rows.
      shared = sharedBuild(join, broadcast, context, tables.get());
    }
    Operator left = createProbeSide(join, shared, partition, context, metering, first);
    try {
      Operator right = create(join.right(), partition, context, metering, first + metering.size(join.left()));
      if (shared != null) {
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

  /**
   * The batches of a broadcast as one batch (a hash table's build side); string columns that are
   * dictionary-encoded stay so, which makes the probe's gathers of them int copies.
   */
  private static Batch concatenate(List<Batch> batches, Schema schema) {
    return Batch.concat(schema, batches);
  }

  /** Both children run with the same partition number: the exchanges hash-partitioned them alike. */
  /**
   * The join's left (probe) side. When it is a cached scan (under filters, projections of bare
   * columns and the probe sides of inner and semi joins) and the join keeps only probe rows with a
   * match (inner, left semi) on one integer key,
   * the scan first drops the rows whose key the broadcast table lacks, checked on the stored offsets
   * against the table's key bitmap: a runtime join filter (Spark's, DuckDB's), so the scan widens its
   * other columns only for rows that can match. The join still probes every row it gets.
   */
  private static Operator createProbeSide(HashJoinExec join, HashJoinOperator.SharedBuild shared, int partition,
      TaskContext context, Metering metering, int first) {
    if (shared == null || (join.joinType() != JoinType.INNER && join.joinType() != JoinType.LEFT_SEMI)
        || join.leftKeys().size() != 1 || !(join.leftKeys().get(0) instanceof BoundReference key)
        || !LongKeyHashTable.supports(key.type())) {
      return create(join.left(), partition, context, metering, first);
    }
    PhysicalPlan node = join.left();
    int column = key.ordinal();
    while (!(node instanceof CachedScanExec)) {
      if (node instanceof FilterExec filter) {
        node = filter.child();
      } else if (node instanceof ProjectExec project && project.expressions().get(column) instanceof BoundReference passed) {
        column = passed.ordinal();
        node = project.child();
      } else if (node instanceof HashJoinExec below && column < below.left().schema().size()
          && (below.joinType() == JoinType.INNER || below.joinType() == JoinType.LEFT_SEMI)) {
        // A key of a lower join's probe side: each of its output rows carries its probe row's key,
        // so probe rows this join cannot match only make output rows it drops.
        node = below.left();
      } else {
        return create(join.left(), partition, context, metering, first);
      }
    }
    CachedScanExec scan = (CachedScanExec) node;
    KeyBitmap keys = shared.keyBitmap(join.rightKeys());
    if (keys == null) {
      return create(join.left(), partition, context, metering, first);
    }
    // Registered for this scan node while the probe side is created, then gone: the same node
    // elsewhere in the plan (a self-join) is read whole.
    List<CachedScanOperator.KeySet> before = metering.keySetsFor(scan);
    List<CachedScanOperator.KeySet> with = new ArrayList<>(before);
    with.add(new CachedScanOperator.KeySet(column, keys.lowest(), keys.bits(), keys.words()));
    metering.keySets().put(scan, with);
    try {
      return create(join.left(), partition, context, metering, first);
    } finally {
      if (before.isEmpty()) {
        metering.keySets().remove(scan);
      } else {
        metering.keySets().put(scan, before);
      }
    }
  }

  private static Operator createSortMergeJoin(SortMergeJoinExec join, int partition, TaskContext context, Metering metering, int first) {
    checkJoin(join.left(), join.right(), join.joinType(), join.schema(), "sort-merge join");
    Operator left = create(join.left(), partition, context, metering, first);
    try {
      Operator right = create(join.right(), partition, context, metering, first + metering.size(join.left()));
      return new SortMergeJoinOperator(left, right, join.joinType(), join.leftKeys(), join.rightKeys(),
          join.condition(), join.left().schema(), join.right().schema(), context.memoryContext());
    } catch (RuntimeException failure) {
      left.close();
      throw failure;
    }
  }

  private static Operator createNestedLoopJoin(NestedLoopJoinExec join, int partition, TaskContext context, Metering metering, int first) {
    checkJoin(join.left(), join.right(), join.joinType(), join.schema(), "nested loop join");
    Operator left = create(join.left(), partition, context, metering, first);
    try {
      Operator right = create(join.right(), partition, context, metering, first + metering.size(join.left()));
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

  private static Operator createUnionPartition(UnionExec union, int partition, TaskContext context, Metering metering, int first) {
    if (partition < 0) {
      throw new IllegalArgumentException("partition is negative: " + partition);
    }
    int firstPartition = 0;
    int childFirst = first;
    for (PhysicalPlan child : union.children()) {
      int count = PlanPartitions.count(child);
      if (partition < firstPartition + count) {
        return create(child, partition - firstPartition, context, metering, childFirst);
      }
      firstPartition += count;
      childFirst += metering.size(child);
    }
    throw new IllegalArgumentException("union has " + firstPartition + " partitions, asked for " + partition);
  }

  /** Output partition p reads child partitions [p*c/n, (p+1)*c/n): adjacent, evenly spread. */
  private static Operator createCoalescedPartition(CoalesceExec coalesce, int partition, TaskContext context, Metering metering, int first) {
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
      inputs.add(() -> create(coalesce.child(), index, context, metering, first));
    }
    return new ConcatenateOperator(inputs);
  }
}
