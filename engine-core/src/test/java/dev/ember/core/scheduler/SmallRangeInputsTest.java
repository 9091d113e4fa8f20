package dev.ember.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.plan.AggregateMode;
import dev.ember.core.plan.FilterExec;
import dev.ember.core.plan.HashAggregateExec;
import dev.ember.core.plan.HashJoinExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.JoinType;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.ShuffleReadExec;
import dev.ember.core.plan.SortExec;
import dev.ember.core.plan.UnionExec;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The rule that lets a range exchange over a few rows skip its sample stage: the rows are counted
 * from the map outputs of the shuffles the stage reads, and only plans that never add rows to them
 * qualify.
 */
class SmallRangeInputsTest {
  private static final Schema SCHEMA = Schema.of(Field.of("k", ColumnType.LONG));
  private static final BoundReference KEY = new BoundReference(0, ColumnType.LONG, true);

  /** Shuffle 1 holds 30 rows over two maps (a final aggregate's input of a few groups), shuffle 2 exactly one batch, shuffle 3 one row more. */
  private static final Map<Integer, List<MapStatus>> OUTPUTS = Map.of(
      1, List.of(status(1, 0, 10, 5), status(1, 1, 0, 15)),
      2, List.of(status(2, 0, 4_000, 0), status(2, 1, 0, 96)),
      3, List.of(status(3, 0, 4_000, 0), status(3, 1, 0, 97)));
  private static final IntFunction<List<MapStatus>> STATUSES = OUTPUTS::get;

  private static MapStatus status(int shuffle, int map, long... records) {
    return new MapStatus("local", shuffle, map, new long[records.length], records);
  }

  private static ShuffleReadExec read(int shuffle) {
    return new ShuffleReadExec(shuffle, SCHEMA, 2);
  }

  @Test
  void aFinalAggregateOverAFewPartialRowsFitsOnePartition() {
    PhysicalPlan finalAggregate = new HashAggregateExec(read(1), AggregateMode.FINAL, List.of(KEY), List.of(), SCHEMA);
    assertThat(SmallRangeInputs.fitOnePartition(finalAggregate, STATUSES)).isTrue();
    PhysicalPlan filtered = new SortExec(new FilterExec(read(2), Literal.of(true)), List.of(SortOrder.ascending(KEY)));
    assertThat(SmallRangeInputs.fitOnePartition(filtered, STATUSES)).as("exactly one batch").isTrue();
  }

  @Test
  void moreRowsThanOneBatchInAllAreSampled() {
    assertThat(SmallRangeInputs.fitOnePartition(read(3), STATUSES)).as("one row over").isFalse();
    PhysicalPlan union = new UnionExec(List.of(read(1), read(2)), SCHEMA);
    assertThat(SmallRangeInputs.fitOnePartition(union, STATUSES)).as("30 + 4,096 rows").isFalse();
  }

  @Test
  void aPlanThatCouldAddRowsOrReadsAnythingButShufflesIsSampled() {
    PhysicalPlan join = new HashJoinExec(read(1), read(1), JoinType.INNER, List.of(KEY), List.of(KEY), null, SCHEMA);
    assertThat(SmallRangeInputs.fitOnePartition(join, STATUSES)).as("a join may multiply rows").isFalse();
    assertThat(SmallRangeInputs.fitOnePartition(read(9), STATUSES)).as("a shuffle whose outputs are missing").isFalse();
    PhysicalPlan scan = new InMemoryScanExec(SCHEMA, List.of(Batch.fromRows(SCHEMA, List.of(List.of(1L)))));
    assertThat(SmallRangeInputs.fitOnePartition(scan, STATUSES)).as("a scan's rows are not counted").isFalse();
  }
}
