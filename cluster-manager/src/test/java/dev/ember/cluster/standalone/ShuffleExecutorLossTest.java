package dev.ember.cluster.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Literal;
import dev.ember.core.network.NetworkSettings;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.FilterExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.RangeScanExec;
import dev.ember.core.plan.UnionExec;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.result.ResultAction;
import dev.ember.core.scheduler.DagScheduler;
import dev.ember.core.scheduler.SchedulerSettings;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.scheduler.listener.TaskStartEvent;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.LongVector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGKILL of an executor process of {@code local-cluster[2,1,256m]} around a shuffle: while the
 * map stage runs, and after the map stage wrote its outputs but before the reducers fetched them.
 * The job's answer is checked against plain Java; the listener shows which map partitions were
 * computed again (stage attempts after the first), and those are exactly the victim's.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ShuffleExecutorLossTest {
  private static final BoundReference ID = new BoundReference(0, ColumnType.LONG, false);
  /** Fetches of a dead executor's blocks give up fast, so a lost block becomes a fetch failure in time. */
  /** No relaunch (ember.deploy.maxExecutorRetries 0): the killed executor's partitions must be recomputed on the other. */
  private static final Map<String, String> SETTINGS = Map.of("ember.network.timeout", "60s",
      "ember.executor.heartbeatInterval", "1s", "ember.shuffle.io.maxRetries", "1", "ember.shuffle.io.retryWait", "100ms",
      "ember.deploy.maxExecutorRetries", "0");

  /** Everything the listener saw, in order. */
  private static final class Recorder implements JobListener {
    final List<Object> events = new CopyOnWriteArrayList<>();

    @Override
    public void onStageSubmitted(StageSubmittedEvent event) {
      events.add(event);
    }

    @Override
    public void onStageCompleted(StageCompletedEvent event) {
      events.add(event);
    }

    @Override
    public void onTaskStart(TaskStartEvent event) {
      events.add(event);
    }

    @Override
    public void onTaskEnd(TaskEndEvent event) {
      events.add(event);
    }

    <T> List<T> of(Class<T> type) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Map partitions whose task succeeded on the executor in the stage's first attempt. */
    Set<Integer> firstAttemptOutputsOn(int stageId, String executorId) {
      Set<Integer> partitions = new TreeSet<>();
      for (TaskEndEvent end : of(TaskEndEvent.class)) {
        if (end.stageId() == stageId && end.stageAttempt() == 0 && end.succeeded() && executorId.equals(end.executorId())) {
          partitions.add(end.partition());
        }
      }
      return partitions;
    }

    /** Partitions of the stage started in attempts after the first: the recomputed ones. */
    Set<Integer> recomputed(int stageId) {
      Set<Integer> partitions = new TreeSet<>();
      for (TaskStartEvent start : of(TaskStartEvent.class)) {
        if (start.stageId() == stageId && start.stageAttempt() > 0) {
          partitions.add(start.partition());
        }
      }
      return partitions;
    }
  }

  private record Cluster(LocalClusterProcesses processes, StandaloneBackend backend) {}

  private static Cluster start(String name) {
    NetworkSettings network = NetworkSettings.from(SETTINGS);
    LocalClusterProcesses processes = LocalClusterProcesses.start(2, 1, 256L << 20, SETTINGS, null, network.timeout());
    StandaloneBackend backend = StandaloneBackend.start("127.0.0.1", processes.masterPort(), name, 256L << 20,
        network, network.timeout(), processes);
    return new Cluster(processes, backend);
  }

  private static void kill(long processId) {
    ProcessHandle.of(processId).ifPresent(process -> {
      process.destroyForcibly();
      process.onExit().join();
    });
  }

  private static List<Long> sortedValues(List<PartitionResult> results) {
    List<Long> values = new ArrayList<>();
    for (PartitionResult result : results) {
      for (Batch batch : ((PartitionResult.Collected) result).batches()) {
        LongVector column = (LongVector) batch.column(0);
        for (int row = 0; row < batch.rowCount(); row++) {
          values.add(column.get(row));
        }
      }
    }
    values.sort(null);
    return values;
  }

  private static List<Long> range(long from, long to) {
    return LongStream.range(from, to).boxed().toList();
  }

  @Test
  void anExecutorKilledWhileTheMapStageRunsHasItsMapOutputsRecomputedAndTheAnswerIsRight() {
    Cluster cluster = start("kill-during-map");
    long victim = cluster.backend().executorProcessIds().get("0");
    Recorder recorder = new Recorder();
    AtomicBoolean killed = new AtomicBoolean();
    // 16 map tasks of 5M rows each keep both one-core executors busy; ids below 1000 survive the filter.
    PhysicalPlan plan = new ExchangeExec(new FilterExec(new RangeScanExec(0, 80_000_000L, 1, 16),
        new Comparison(ComparisonOperator.LESS_THAN, ID, new Literal(1_000L, ColumnType.LONG))),
        new Partitioning.Hash(List.of(ID), 4));
    List<PartitionResult> results;
    try (DagScheduler scheduler = new DagScheduler(cluster.backend(), SchedulerSettings.from(Map.of()))) {
      scheduler.addSchedulingListener(recorder);
      scheduler.addSchedulingListener(new JobListener() {
        @Override
        public void onTaskStart(TaskStartEvent event) {
          // The victim's second map task starts only after its first wrote a map output.
          if (event.stageId() == 0 && "0".equals(event.executorId()) && !recorder.firstAttemptOutputsOn(0, "0").isEmpty()
              && killed.compareAndSet(false, true)) {
            kill(victim);
          }
        }
      });
      results = scheduler.runJob(plan, new ResultAction.Collect(), "kill during map");
      assertThat(cluster.backend().executorIds()).containsExactly("1");
    }
    assertThat(killed).isTrue();
    assertThat(sortedValues(results)).isEqualTo(range(0, 1_000));
    Set<Integer> lostOutputs = recorder.firstAttemptOutputsOn(0, "0");
    assertThat(lostOutputs).isNotEmpty();
    assertThat(recorder.recomputed(0)).isEqualTo(lostOutputs);
    assertThat(recorder.of(StageSubmittedEvent.class)).filteredOn(event -> event.stageId() == 0)
        .extracting(StageSubmittedEvent::attempt).containsExactly(0, 1);
    assertThat(cluster.processes().processes()).noneMatch(ProcessHandle::isAlive);
  }

  @Test
  void anExecutorKilledBetweenTheMapAndReduceStagesHasOnlyItsPartitionsRecomputed() {
    Cluster cluster = start("kill-between-stages");
    long victim = cluster.backend().executorProcessIds().get("0");
    Recorder recorder = new Recorder();
    AtomicBoolean killed = new AtomicBoolean();
    PhysicalPlan plan = new ExchangeExec(new RangeScanExec(0, 200_000, 1, 8), new Partitioning.Hash(List.of(ID), 4));
    List<PartitionResult> results;
    try (DagScheduler scheduler = new DagScheduler(cluster.backend(), SchedulerSettings.from(Map.of()))) {
      scheduler.addSchedulingListener(recorder);
      scheduler.addSchedulingListener(new JobListener() {
        @Override
        public void onStageCompleted(StageCompletedEvent event) {
          // Listeners run on the scheduler's loop: the reduce stage is submitted only after this returns.
          if (event.stageId() == 0 && event.succeeded() && killed.compareAndSet(false, true)) {
            kill(victim);
          }
        }
      });
      results = scheduler.runJob(plan, new ResultAction.Collect(), "kill between stages");
    }
    assertThat(killed).isTrue();
    assertThat(sortedValues(results)).isEqualTo(range(0, 200_000));
    Set<Integer> victimOutputs = recorder.firstAttemptOutputsOn(0, "0");
    assertThat(victimOutputs).isNotEmpty().hasSizeLessThan(8);
    assertThat(recorder.recomputed(0)).isEqualTo(victimOutputs);
    // No reduce task succeeded on the dead executor.
    assertThat(recorder.of(TaskEndEvent.class)).filteredOn(end -> end.stageId() == 1 && end.succeeded())
        .extracting(TaskEndEvent::executorId).containsOnly("1");
    assertThat(cluster.processes().processes()).noneMatch(ProcessHandle::isAlive);
  }

  @Test
  void independentMapStagesOverlapInTime() {
    Cluster cluster = start("overlap");
    Recorder recorder = new Recorder();
    // Two one-partition map stages, each a few seconds of scanning, then a union of their reads.
    Function<Long, PhysicalPlan> side = offset -> new ExchangeExec(new FilterExec(
        new RangeScanExec(offset, offset + 30_000_000L, 1, 1),
        new Comparison(ComparisonOperator.LESS_THAN, ID, new Literal(offset + 10L, ColumnType.LONG))),
        new Partitioning.Hash(List.of(ID), 2));
    PhysicalPlan plan = new UnionExec(List.of(side.apply(0L), side.apply(1_000_000_000L)),
        side.apply(0L).schema());
    List<PartitionResult> results;
    try (DagScheduler scheduler = new DagScheduler(cluster.backend(), SchedulerSettings.from(Map.of()))) {
      scheduler.addSchedulingListener(recorder);
      results = scheduler.runJob(plan, new ResultAction.Collect(), "overlap");
    }
    List<Long> expected = new ArrayList<>(range(0, 10));
    expected.addAll(range(1_000_000_000L, 1_000_000_010L));
    assertThat(sortedValues(results)).isEqualTo(expected);
    List<Object> events = recorder.events;
    StageSubmittedEvent second = recorder.of(StageSubmittedEvent.class).stream()
        .filter(event -> event.stageId() == 1).findFirst().orElseThrow();
    StageCompletedEvent firstDone = recorder.of(StageCompletedEvent.class).stream()
        .filter(event -> event.stageId() == 0).findFirst().orElseThrow();
    assertThat(events.indexOf(second)).isLessThan(events.indexOf(firstDone));
    // Both map tasks ran at the same time, one on each executor.
    List<TaskStartEvent> mapStarts = recorder.of(TaskStartEvent.class).stream()
        .filter(event -> event.stageId() <= 1).toList();
    assertThat(mapStarts).extracting(TaskStartEvent::executorId).containsExactlyInAnyOrder("0", "1");
    int firstMapEnd = events.indexOf(recorder.of(TaskEndEvent.class).get(0));
    assertThat(mapStarts).allMatch(start -> events.indexOf(start) < firstMapEnd);
  }
}
