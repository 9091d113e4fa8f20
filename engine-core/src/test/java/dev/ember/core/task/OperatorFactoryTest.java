package dev.ember.core.task;

import static dev.ember.core.operator.OperatorTesting.drainRows;
import static dev.ember.core.operator.OperatorTesting.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.IsNotNull;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.operator.FakeTaskContext;
import dev.ember.core.operator.Operator;
import dev.ember.core.operator.basic.LimitOperator;
import dev.ember.core.operator.sort.TopNOperator;
import dev.ember.core.plan.AggregateMode;
import dev.ember.core.plan.BroadcastReadExec;
import dev.ember.core.plan.CachedScanExec;
import dev.ember.core.plan.CoalesceExec;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.FilterExec;
import dev.ember.core.plan.HashAggregateExec;
import dev.ember.core.plan.HashJoinExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.JoinType;
import dev.ember.core.plan.LimitExec;
import dev.ember.core.plan.NestedLoopJoinExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.PlanPartitions;
import dev.ember.core.plan.ProjectExec;
import dev.ember.core.plan.RangeScanExec;
import dev.ember.core.plan.ShuffleReadExec;
import dev.ember.core.plan.SortExec;
import dev.ember.core.plan.SortMergeJoinExec;
import dev.ember.core.plan.UnionExec;
import dev.ember.core.storage.StorageMode;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorFactoryTest {
  private static final Schema LONGS = RangeScanExec.SCHEMA;
  private static final BoundReference ID = new BoundReference(0, ColumnType.LONG, false);
  private final FakeTaskContext context = new FakeTaskContext();

  /** An in-memory scan whose partition p holds the values p*100 .. p*100+size-1. */
  private static InMemoryScanExec scan(int partitions, int size) {
    List<Batch> batches = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      batches.add(Batch.fromRows(LONGS, values(p * 100L, size)));
    }
    return new InMemoryScanExec(LONGS, batches);
  }

  private static List<List<Object>> values(long from, int count) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(List.of(from + i));
    }
    return rows;
  }

  private List<List<Object>> run(PhysicalPlan plan, int partition) {
    return drainRows(OperatorFactory.create(plan, partition, context));
  }

  @Test
  void unionPartitionsAreTheChildrensPartitionsInOrder() {
    UnionExec union = new UnionExec(List.of(scan(2, 1), new RangeScanExec(1000, 1003, 1, 3)), LONGS);

    assertThat(PlanPartitions.count(union)).isEqualTo(5);
    assertThat(run(union, 0)).containsExactly(List.of(0L));
    assertThat(run(union, 1)).containsExactly(List.of(100L));
    assertThat(run(union, 2)).containsExactly(List.of(1000L));
    assertThat(run(union, 4)).containsExactly(List.of(1002L));
    assertThatThrownBy(() -> run(union, 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5");
    assertThatThrownBy(() -> run(union, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void coalesceReadsAdjacentChildPartitionsEvenlySpread() {
    InMemoryScanExec five = scan(5, 1);

    CoalesceExec two = new CoalesceExec(five, 2);
    assertThat(run(two, 0)).containsExactly(List.of(0L), List.of(100L));
    assertThat(run(two, 1)).containsExactly(List.of(200L), List.of(300L), List.of(400L));

    CoalesceExec one = new CoalesceExec(five, 1);
    assertThat(run(one, 0)).hasSize(5);

    CoalesceExec more = new CoalesceExec(five, 9);
    assertThat(PlanPartitions.count(more)).isEqualTo(5);
    for (int p = 0; p < 5; p++) {
      assertThat(run(more, p)).containsExactly(List.of(p * 100L));
    }
    assertThatThrownBy(() -> run(more, 5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aggregatesAreBuiltPerPartition() {
    Schema output = schema(ColumnType.LONG, ColumnType.LONG);
    HashAggregateExec aggregate = new HashAggregateExec(scan(2, 10), AggregateMode.COMPLETE, List.of(),
        List.of(AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()), AggregateFunction.of(AggregateKind.SUM, List.of(ID))),
        output);

    assertThat(run(aggregate, 0)).containsExactly(List.of(10L, 45L));
    assertThat(run(aggregate, 1)).containsExactly(List.of(10L, 1045L));
  }

  @Test
  void coPartitionedHashJoinReadsTheSamePartitionOnBothSides() {
    HashJoinExec join = new HashJoinExec(scan(2, 3), scan(2, 2), JoinType.INNER, List.of(ID), List.of(ID), null,
        LONGS.concat(LONGS));

    assertThat(run(join, 1)).containsExactlyInAnyOrder(List.of(100L, 100L), List.of(101L, 101L));
  }

  @Test
  void sortMergeJoinIsRegisteredAndJoinsLikeTheHashJoin() {
    for (JoinType joinType : JoinType.values()) {
      Schema schema = joinType.outputsRight() ? LONGS.concat(LONGS) : LONGS;
      SortMergeJoinExec merge = new SortMergeJoinExec(scan(2, 5), scan(2, 3), joinType, List.of(ID), List.of(ID), null,
          schema);
      HashJoinExec hash = new HashJoinExec(scan(2, 5), scan(2, 3), joinType, List.of(ID), List.of(ID), null, schema);

      assertThat(run(merge, 1)).as("%s", joinType).containsExactlyInAnyOrderElementsOf(run(hash, 1));
    }
    assertThatThrownBy(() -> run(new SortMergeJoinExec(scan(1, 1), scan(1, 1), JoinType.INNER, List.of(ID), List.of(ID),
        null, LONGS), 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sort-merge join");
  }

  @Test
  void broadcastRightSideIsTheSameInEveryPartition() {
    context.withBroadcast(4, List.of(Batch.fromRows(LONGS, List.of(List.of(0L), List.of(101L)))));
    BroadcastReadExec broadcast = new BroadcastReadExec(4, LONGS);
    HashJoinExec join = new HashJoinExec(scan(2, 3), broadcast, JoinType.LEFT_SEMI, List.of(ID), List.of(ID), null, LONGS);

    assertThat(run(join, 0)).containsExactly(List.of(0L));
    assertThat(run(join, 1)).containsExactly(List.of(101L));
  }

  @Test
  void broadcastRightSideCannotEmitItsUnmatchedRowsFromSeveralPartitions() {
    BroadcastReadExec broadcast = new BroadcastReadExec(4, LONGS);
    for (JoinType joinType : List.of(JoinType.RIGHT_OUTER, JoinType.FULL_OUTER)) {
      HashJoinExec hash = new HashJoinExec(scan(2, 3), broadcast, joinType, List.of(ID), List.of(ID), null,
          LONGS.concat(LONGS));
      NestedLoopJoinExec loop = new NestedLoopJoinExec(scan(2, 3), broadcast, joinType, null, LONGS.concat(LONGS));

      assertThatThrownBy(() -> run(hash, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broadcast");
      assertThatThrownBy(() -> run(loop, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broadcast");
    }
  }

  @Test
  void nestedLoopJoinAndSortAreRegistered() {
    NestedLoopJoinExec cross = new NestedLoopJoinExec(scan(1, 2), scan(1, 3), JoinType.CROSS, null, LONGS.concat(LONGS));
    assertThat(run(cross, 0)).hasSize(6);

    SortExec sort = new SortExec(new RangeScanExec(0, 10, 1, 1), List.of(SortOrder.descending(ID)));
    assertThat(run(sort, 0)).first().isEqualTo(List.of(9L));
  }

  @Test
  void aLimitOverASortIsOneTopNUpToItsMaximumLimitAndASortAndALimitAbove() {
    SortExec sort = new SortExec(new RangeScanExec(0, 20_000, 1, 1), List.of(SortOrder.descending(ID)));
    Operator topN = ((MeteredOperator) OperatorFactory.create(new LimitExec(sort, 3), 0, context)).input();
    assertThat(((MeteredOperator) topN).input()).as("metered in the sort's slot too").isInstanceOf(TopNOperator.class);
    assertThat(drainRows(topN)).containsExactly(List.of(19_999L), List.of(19_998L), List.of(19_997L));

    int above = TopNOperator.MAXIMUM_LIMIT + 1;
    Operator limit = ((MeteredOperator) OperatorFactory.create(new LimitExec(sort, above), 0, context)).input();
    assertThat(limit).isInstanceOf(LimitOperator.class);
    List<List<Object>> rows = drainRows(limit);
    assertThat(rows).hasSize(above);
    assertThat(rows.get(above - 1)).isEqualTo(List.of(20_000L - above));
  }

  @Test
  void planSchemasOfTheWrongWidthAreRejected() {
    HashAggregateExec partial = new HashAggregateExec(scan(1, 1), AggregateMode.PARTIAL, List.of(ID),
        List.of(AggregateFunction.of(AggregateKind.AVG, List.of(ID))), schema(ColumnType.LONG, ColumnType.DOUBLE));
    HashJoinExec semi = new HashJoinExec(scan(1, 1), scan(1, 1), JoinType.LEFT_SEMI, List.of(ID), List.of(ID), null,
        LONGS.concat(LONGS));

    assertThatThrownBy(() -> run(partial, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PARTIAL").hasMessageContaining("3 columns");
    assertThatThrownBy(() -> run(semi, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LEFT_SEMI").hasMessageContaining("1 columns");
  }

  @Test
  void shuffleReadsComeFromTheContext() {
    context.withShuffleInput(3, 1, List.of(Batch.fromRows(LONGS, values(5, 2))));

    assertThat(run(new ShuffleReadExec(3, LONGS, 2), 1)).containsExactly(List.of(5L), List.of(6L));
  }

  @Test
  void anExchangeInATaskIsAnError() {
    ExchangeExec exchange = new ExchangeExec(scan(1, 1), new Partitioning.Single());

    assertThatThrownBy(() -> run(exchange, 0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("exchange");
  }

  /**
   * A cached scan widens into the same arrays batch after batch only when everything reading its
   * batches up to an aggregate passes them on (filters, projections, a join's probe side): not under
   * a sort, a limit, a join's build side or at a stage's top, and not when it also occurs in such a place.
   */
  @Test
  void onlyScansReadThroughToAnAggregateReuseTheirArrays() {
    CachedScanExec probed = new CachedScanExec(1, StorageMode.MEMORY_ONLY, scan(1, 3));
    CachedScanExec built = new CachedScanExec(2, StorageMode.MEMORY_ONLY, scan(1, 3));
    PhysicalPlan probeSide = new ProjectExec(new FilterExec(probed, new IsNotNull(ID)), List.of(ID), LONGS);
    HashJoinExec join = new HashJoinExec(probeSide, built, JoinType.INNER, List.of(ID), List.of(ID), null, LONGS.concat(LONGS));
    HashAggregateExec counted = new HashAggregateExec(join, AggregateMode.COMPLETE, List.of(),
        List.of(AggregateFunction.of(AggregateKind.COUNT, List.of(ID))), schema(ColumnType.LONG));

    assertThat(OperatorFactory.scansDoneAtNext(counted)).containsEntry(probed, true).containsEntry(built, false);
    assertThat(OperatorFactory.scansDoneAtNext(join)).as("the join's rows are the stage's output")
        .containsEntry(probed, false).containsEntry(built, false);
    assertThat(OperatorFactory.scansDoneAtNext(new HashAggregateExec(new SortExec(probed, List.of(SortOrder.ascending(ID))),
        AggregateMode.COMPLETE, List.of(), List.of(AggregateFunction.of(AggregateKind.COUNT, List.of(ID))),
        schema(ColumnType.LONG)))).as("a sort keeps its input").containsEntry(probed, false);
    HashJoinExec selfJoin = new HashJoinExec(probed, probed, JoinType.INNER, List.of(ID), List.of(ID), null, LONGS.concat(LONGS));
    assertThat(OperatorFactory.scansDoneAtNext(new HashAggregateExec(selfJoin, AggregateMode.COMPLETE, List.of(),
        List.of(AggregateFunction.of(AggregateKind.COUNT, List.of(ID))), schema(ColumnType.LONG))))
        .as("also the build side: its batches are kept").containsEntry(probed, false);
  }
}
