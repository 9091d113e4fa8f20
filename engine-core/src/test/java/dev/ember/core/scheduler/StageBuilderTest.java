package dev.ember.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.plan.BroadcastReadExec;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.LimitExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.ShuffleReadExec;
import dev.ember.core.plan.UnionExec;
import dev.ember.core.scheduler.listener.StageKind;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StageBuilderTest {
  private static final Schema SCHEMA = Schema.of(Field.of("k", ColumnType.LONG));
  private static final InMemoryScanExec SCAN = new InMemoryScanExec(SCHEMA,
      List.of(Batch.fromRows(SCHEMA, List.of(List.of(1L))), Batch.fromRows(SCHEMA, List.of(List.of(2L))),
          Batch.empty(SCHEMA)));
  private static final BoundReference KEY = new BoundReference(0, ColumnType.LONG, false);

  private static StageBuilder.JobStages build(PhysicalPlan plan) {
    AtomicInteger stages = new AtomicInteger();
    AtomicInteger shuffles = new AtomicInteger();
    AtomicInteger broadcasts = new AtomicInteger();
    return new StageBuilder(stages::getAndIncrement, shuffles::getAndIncrement, broadcasts::getAndIncrement).build(plan);
  }

  @Test
  void nestedExchangesBecomeAChainOfStagesWithReadLeaves() {
    PhysicalPlan plan = new LimitExec(new ExchangeExec(
        new ExchangeExec(SCAN, new Partitioning.Hash(List.of(KEY), 5)), new Partitioning.Single()), 3);
    StageBuilder.JobStages job = build(plan);
    assertThat(job.stages()).extracting(stage -> stage.id).containsExactly(0, 1, 2);
    Stage first = job.stages().get(0);
    Stage second = job.stages().get(1);
    Stage result = job.resultStage();
    assertThat(first.kind).isEqualTo(StageKind.SHUFFLE_MAP);
    assertThat(first.plan).isSameAs(SCAN);
    assertThat(first.partitionCount).isEqualTo(3);
    assertThat(first.dependency.reducePartitionCount()).isEqualTo(5);
    assertThat(second.plan).isEqualTo(new ShuffleReadExec(first.shuffleId, SCHEMA, 5));
    assertThat(second.partitionCount).isEqualTo(5);
    assertThat(second.parents).containsExactly(first);
    assertThat(result.kind).isEqualTo(StageKind.RESULT);
    assertThat(result.plan).isEqualTo(new LimitExec(new ShuffleReadExec(second.shuffleId, SCHEMA, 1), 3));
    assertThat(result.parents).containsExactly(second);
    assertThat(result.shufflesRead()).containsExactly(second.shuffleId);
  }

  @Test
  void broadcastRangeAndSharedExchanges() {
    ExchangeExec shared = new ExchangeExec(SCAN, new Partitioning.RoundRobin(2));
    PhysicalPlan plan = new UnionExec(List.of(shared, shared,
        new ExchangeExec(SCAN, new Partitioning.Broadcast()),
        new ExchangeExec(SCAN, new Partitioning.Range(List.of(SortOrder.ascending(KEY)), 4))), SCHEMA);
    StageBuilder.JobStages job = build(plan);
    assertThat(job.stages()).extracting(stage -> stage.kind).containsExactly(
        StageKind.SHUFFLE_MAP, StageKind.BROADCAST, StageKind.SAMPLE, StageKind.SHUFFLE_MAP, StageKind.RESULT);
    Stage broadcast = job.stages().get(1);
    Stage sample = job.stages().get(2);
    Stage range = job.stages().get(3);
    assertThat(sample.sampledStage).isSameAs(range);
    assertThat(range.parents).containsExactly(sample);
    assertThat(range.dependency).isNull();
    assertThat(job.resultStage().parents).containsExactly(job.stages().get(0), broadcast, range);
    assertThat(job.resultStage().plan.children()).containsExactly(
        new ShuffleReadExec(0, SCHEMA, 2), new ShuffleReadExec(0, SCHEMA, 2),
        new BroadcastReadExec(broadcast.broadcastId, SCHEMA), new ShuffleReadExec(range.shuffleId, SCHEMA, 4));
    assertThat(job.resultStage().partitionCount).isEqualTo(2 + 2 + 1 + 4);
    assertThat(PlanDescriptions.describe(job.resultStage().plan))
        .isEqualTo("Union(ShuffleRead[shuffle 0], ShuffleRead[shuffle 0], BroadcastRead[broadcast 0], ShuffleRead[shuffle 1])");
  }
}
