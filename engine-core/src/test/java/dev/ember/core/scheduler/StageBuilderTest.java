package dev.ember.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.plan.BroadcastReadExec;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.LimitExec;
import dev.ember.core.plan.NodeDescription;
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
import org.junit.jupiter.api.Test;

class StageBuilderTest {
  private static final Schema SCHEMA = Schema.of(Field.of("k", ColumnType.LONG));
  private static final InMemoryScanExec SCAN = new InMemoryScanExec(SCHEMA,
      List.of(Batch.fromRows(SCHEMA, List.of(List.of(1L))), Batch.fromRows(SCHEMA, List.of(List.of(2L))),
          Batch.empty(SCHEMA)));
  private static final BoundReference KEY = new BoundReference(0, ColumnType.LONG, false);

  /** The scheduler's stages of the plan's job, as a job that is the session's first runs them. */
  private record Job(List<Stage> stages) {
    Stage resultStage() {
      return stages.get(stages.size() - 1);
    }
  }

  private static Job build(PhysicalPlan plan) {
    return new Job(Stage.forJob(StageBuilder.build(plan), 0));
  }

  @Test
  void nestedExchangesBecomeAChainOfStagesWithReadLeaves() {
    PhysicalPlan plan = new LimitExec(new ExchangeExec(
        new ExchangeExec(SCAN, new Partitioning.Hash(List.of(KEY), 5)), new Partitioning.Single()), 3);
    Job job = build(plan);
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
    Job job = build(plan);
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
    assertThat(NodeDescription.outline(job.resultStage().plan))
        .isEqualTo("Union(ShuffleRead[shuffle 0], ShuffleRead[shuffle 0], BroadcastRead[broadcast 0], ShuffleRead[shuffle 1])");
  }

  @Test
  void keysOperatorsAndExchangeStagesComeFromOneWalk() {
    ExchangeExec hash = new ExchangeExec(SCAN, new Partitioning.Hash(List.of(KEY), 5));
    ExchangeExec single = new ExchangeExec(hash, new Partitioning.Single());
    LimitExec plan = new LimitExec(single, 3);
    JobStages job = StageBuilder.build(plan);
    assertThat(job.stages()).extracting(StagePlan::key).containsExactly(0, 1, 2);
    assertThat(job.stages()).extracting(StagePlan::parents).containsExactly(List.of(), List.of(0), List.of(1));
    assertThat(job.stage(0).operators()).containsExactly(
        new StageOperator(1, SCAN, List.of()), new StageOperator(2, hash, List.of(1)));
    assertThat(job.stage(1).operators()).containsExactly(new StageOperator(3, single, List.of(2)));
    assertThat(job.resultStage().operators()).containsExactly(new StageOperator(4, plan, List.of(3)));
    assertThat(job.stage(0).operators()).extracting(StageOperator::wide).containsExactly(false, true);
    assertThat(job.stageEnding(hash).key()).isEqualTo(0);
    assertThat(job.stageEnding(single).key()).isEqualTo(1);
    assertThat(job.stage(0).output()).isEqualTo(new StageOutput.Shuffle(0, hash.partitioning()));
    assertThat(job.resultStage().output()).isEqualTo(new StageOutput.Result());
    assertThat(job.resultStage().plan()).isEqualTo(new LimitExec(new ShuffleReadExec(1, SCHEMA, 1), 3));
  }

  @Test
  void theWalkIsPureAndNumbersShufflesAndBroadcastsFromTheGivenIds() {
    ExchangeExec shared = new ExchangeExec(SCAN, new Partitioning.RoundRobin(2));
    PhysicalPlan plan = new UnionExec(List.of(shared, shared,
        new ExchangeExec(SCAN, new Partitioning.Broadcast()),
        new ExchangeExec(SCAN, new Partitioning.Range(List.of(SortOrder.ascending(KEY)), 4))), SCHEMA);
    JobStages first = StageBuilder.build(plan, 7, 3);
    assertThat(StageBuilder.build(plan, 7, 3)).isEqualTo(first);
    assertThat(first.stages()).extracting(StagePlan::output).containsExactly(
        new StageOutput.Shuffle(7, new Partitioning.RoundRobin(2)), new StageOutput.Broadcast(3),
        new StageOutput.Sample(3, new Partitioning.Range(List.of(SortOrder.ascending(KEY)), 4)),
        new StageOutput.Shuffle(8, new Partitioning.Range(List.of(SortOrder.ascending(KEY)), 4)),
        new StageOutput.Result());
    assertThat(first.shuffleCount()).isEqualTo(2);
    assertThat(first.broadcastCount()).isEqualTo(1);
    assertThat(first.resultStage().plan().children()).containsExactly(
        new ShuffleReadExec(7, SCHEMA, 2), new ShuffleReadExec(7, SCHEMA, 2),
        new BroadcastReadExec(3, SCHEMA), new ShuffleReadExec(8, SCHEMA, 4));
    // The shared exchange is numbered once and read twice by the union.
    StageOperator union = first.resultStage().operators().get(0);
    assertThat(union.children()).containsExactly(2, 2, 4, 6);
    // The sample stage runs the map stage's operators without its exchange; the map stage reads it last.
    StagePlan sample = first.stage(2);
    StagePlan rangeMap = first.stage(3);
    assertThat(sample.operators()).isEqualTo(rangeMap.operators().subList(0, rangeMap.operators().size() - 1));
    assertThat(rangeMap.parents()).containsExactly(2);
    assertThat(first.sampleStageOf(rangeMap)).isEqualTo(sample);
    assertThat(sample.plan()).isSameAs(SCAN);
    assertThat(sample.partitionCount()).isEqualTo(3);
  }

  @Test
  void schedulerStageIdsAreTheJobsFirstIdPlusTheKey() {
    PhysicalPlan plan = new ExchangeExec(SCAN, new Partitioning.Range(List.of(SortOrder.ascending(KEY)), 4));
    List<Stage> stages = Stage.forJob(StageBuilder.build(plan), 40);
    assertThat(stages).extracting(stage -> stage.id).containsExactly(40, 41, 42);
    assertThat(stages).extracting(stage -> stage.key).containsExactly(0, 1, 2);
    assertThat(stages.get(0).sampledStage).isSameAs(stages.get(1));
    assertThat(stages.get(1).parentIds()).containsExactly(40);
    assertThat(stages.get(2).parentIds()).containsExactly(41);
  }
}
