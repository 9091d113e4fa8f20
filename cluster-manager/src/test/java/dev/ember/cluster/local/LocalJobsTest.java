package dev.ember.cluster.local;

import static dev.ember.cluster.local.Plans.K;
import static dev.ember.cluster.local.Plans.SCHEMA;
import static dev.ember.cluster.local.Plans.V;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.ProjectExec;
import dev.ember.core.plan.UnionExec;
import dev.ember.core.scheduler.DagScheduler;
import dev.ember.core.scheduler.SchedulerSettings;
import dev.ember.core.scheduler.listener.JobEndEvent;
import dev.ember.core.scheduler.listener.JobStartEvent;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.StageKind;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.scheduler.listener.TaskStartEvent;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.result.ResultAction;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.VectorHashing;
import dev.ember.shuffle.sort.DiskShuffleManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalJobsTest {
  @TempDir
  Path localDirectory;

  private DiskShuffleManager shuffle;
  private DagScheduler runner;
  private final RecordingListener listener = new RecordingListener();

  @BeforeEach
  void start() {
    shuffle = LocalBackends.diskShuffle(localDirectory);
    runner = new DagScheduler(LocalBackends.backend(3, shuffle), SchedulerSettings.defaults());
    listener.listenTo(runner);
  }

  @AfterEach
  void close() {
    runner.close();
  }

  private List<PartitionResult> collect(PhysicalPlan plan) {
    return runner.runJob(plan, new ResultAction.Collect(), "test");
  }

  @Test
  void aHashExchangeReturnsTheInputMultisetWithEqualKeysInOnePartition() {
    for (int seed = 0; seed < 4; seed++) {
      InMemoryScanExec scan = Plans.scan(seed, 1 + seed * 2, 3000);
      Schema swapped = Schema.of(Field.of("v", ColumnType.STRING), Field.of("k", ColumnType.LONG));
      PhysicalPlan plan = new ProjectExec(
          new ExchangeExec(scan, new Partitioning.Hash(List.of(K), 5)), List.<Expression>of(V, K), swapped);
      List<PartitionResult> results = collect(plan);
      assertThat(results).hasSize(5);
      List<List<Object>> expected = new ArrayList<>();
      for (List<Object> row : Plans.rows(scan)) {
        expected.add(Arrays.asList(row.get(1), row.get(0)));
      }
      List<List<List<Object>>> partitions = Plans.partitions(results);
      List<List<Object>> actual = new ArrayList<>();
      partitions.forEach(actual::addAll);
      Comparator<List<Object>> order = Comparator.comparing(
          (List<Object> row) -> String.valueOf(row.get(0))).thenComparing(row -> String.valueOf(row.get(1)));
      assertThat(actual.stream().sorted(order).toList()).isEqualTo(expected.stream().sorted(order).toList());
      for (int partition = 0; partition < 5; partition++) {
        for (List<Object> row : partitions.get(partition)) {
          Long key = (Long) row.get(1);
          int hash = key == null ? VectorHashing.SEED : VectorHashing.hashLong(key, VectorHashing.SEED);
          assertThat(VectorHashing.partitionOf(hash, 5)).isEqualTo(partition);
        }
      }
    }
    assertThat(shuffle.shuffleIds()).as("shuffles removed after each job").isEmpty();
  }

  @Test
  void twoExchangesMakeThreeStagesWithTheirParentsPartitionCountsAndMetrics() {
    InMemoryScanExec scan = Plans.scan(42, 3, 2000);
    long rows = Plans.rows(scan).size();
    PhysicalPlan plan = new ExchangeExec(
        new ExchangeExec(scan, new Partitioning.Hash(List.of(K), 4)), new Partitioning.RoundRobin(2));
    List<PartitionResult> results = collect(plan);
    assertThat(Plans.sorted(Plans.all(results))).isEqualTo(Plans.sorted(Plans.rows(scan)));

    JobStartEvent start = listener.of(JobStartEvent.class).get(0);
    assertThat(start.stageIds()).containsExactly(0, 1, 2);
    List<StageSubmittedEvent> submitted = listener.of(StageSubmittedEvent.class);
    assertThat(submitted).extracting(StageSubmittedEvent::stageId).containsExactly(0, 1, 2);
    assertThat(submitted).extracting(StageSubmittedEvent::kind)
        .containsExactly(StageKind.SHUFFLE_MAP, StageKind.SHUFFLE_MAP, StageKind.RESULT);
    assertThat(submitted).extracting(StageSubmittedEvent::partitionCount).containsExactly(3, 4, 2);
    assertThat(submitted).extracting(StageSubmittedEvent::parentStageIds)
        .containsExactly(List.of(), List.of(0), List.of(1));
    assertThat(submitted.get(1).planDescription()).isEqualTo("ShuffleRead[shuffle 0]");

    List<StageCompletedEvent> completed = listener.of(StageCompletedEvent.class);
    assertThat(completed).allMatch(StageCompletedEvent::succeeded);
    assertThat(completed.get(0).metrics().shuffleRecordsWritten()).isEqualTo(rows);
    assertThat(completed.get(1).metrics().shuffleRecordsRead()).isEqualTo(rows);
    assertThat(completed.get(1).metrics().shuffleRecordsWritten()).isEqualTo(rows);
    assertThat(completed.get(2).metrics().outputRows()).isEqualTo(rows);
    assertThat(listener.of(TaskEndEvent.class)).hasSize(3 + 4 + 2).allMatch(TaskEndEvent::succeeded);
    assertEventOrder(listener.events(), 3);
  }

  /** Job start first and end last, stage submitted before its tasks, each task starts before it ends, never more in flight than slots. */
  static void assertEventOrder(List<Object> events, int slots) {
    assertThat(events.get(0)).isInstanceOf(JobStartEvent.class);
    assertThat(events.get(events.size() - 1)).isInstanceOf(JobEndEvent.class);
    Set<Long> started = new HashSet<>();
    Map<Integer, Integer> submittedStages = new HashMap<>();
    int inFlight = 0;
    for (Object event : events) {
      switch (event) {
        case StageSubmittedEvent submitted -> submittedStages.merge(submitted.stageId(), 1, Integer::sum);
        case TaskStartEvent start -> {
          assertThat(submittedStages).containsKey(start.stageId());
          assertThat(started.add(start.taskId())).isTrue();
          inFlight++;
          assertThat(inFlight).isLessThanOrEqualTo(slots);
        }
        case TaskEndEvent end -> {
          assertThat(started).contains(end.taskId());
          inFlight--;
        }
        default -> {}
      }
    }
    assertThat(inFlight).isZero();
  }

  @Test
  void roundRobinDealsEvenlyAndSingleGathersEverything() {
    InMemoryScanExec scan = Plans.scan(7, 4, 3000);
    List<List<List<Object>>> dealt = Plans.partitions(collect(new ExchangeExec(scan, new Partitioning.RoundRobin(3))));
    assertThat(dealt).hasSize(3);
    List<List<Object>> all = new ArrayList<>();
    dealt.forEach(all::addAll);
    assertThat(Plans.sorted(all)).isEqualTo(Plans.sorted(Plans.rows(scan)));
    int max = dealt.stream().mapToInt(List::size).max().orElseThrow();
    int min = dealt.stream().mapToInt(List::size).min().orElseThrow();
    assertThat(max - min).as("each of 4 maps deals evenly").isLessThanOrEqualTo(4);

    List<List<List<Object>>> single = Plans.partitions(collect(new ExchangeExec(scan, new Partitioning.Single())));
    assertThat(single).hasSize(1);
    // One reducer reads the maps in map order, and each map's rows keep their order.
    assertThat(single.get(0)).isEqualTo(Plans.rows(scan));
  }

  @Test
  void aRangeExchangeYieldsGloballyOrderedPartitionsAfterASampleStage() {
    for (boolean ascending : new boolean[] {true, false}) {
      for (boolean nullsFirst : new boolean[] {true, false}) {
        listener.events().clear();
        InMemoryScanExec scan = Plans.scan(ascending ? 1 : 2, 5, 2500);
        SortOrder order = new SortOrder(K, ascending, nullsFirst);
        List<List<List<Object>>> partitions = Plans.partitions(
            collect(new ExchangeExec(scan, new Partitioning.Range(List.of(order), 4))));
        List<List<Object>> all = new ArrayList<>();
        partitions.forEach(all::addAll);
        assertThat(Plans.sorted(all)).isEqualTo(Plans.sorted(Plans.rows(scan)));
        Comparator<Long> values = ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
        Comparator<Long> keys = nullsFirst ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
        Long highest = null;
        boolean any = false;
        for (List<List<Object>> partition : partitions) {
          if (partition.isEmpty()) {
            continue;
          }
          List<Long> partitionKeys = new ArrayList<>();
          partition.forEach(row -> partitionKeys.add((Long) row.get(0)));
          partitionKeys.sort(keys);
          Long lowest = partitionKeys.get(0);
          if (any) {
            assertThat(keys.compare(highest, lowest)).isLessThanOrEqualTo(0);
          }
          highest = partitionKeys.get(partitionKeys.size() - 1);
          any = true;
        }
        assertThat(partitions.stream().filter(rows -> !rows.isEmpty()).count()).isGreaterThanOrEqualTo(3);
        assertThat(listener.of(StageSubmittedEvent.class)).extracting(StageSubmittedEvent::kind)
            .containsExactly(StageKind.SAMPLE, StageKind.SHUFFLE_MAP, StageKind.RESULT);
      }
    }
  }

  @Test
  void aBroadcastStageIsCollectedOnceAndShippedToTheReadingStage() {
    InMemoryScanExec left = Plans.scan(3, 2, 500);
    InMemoryScanExec small = Plans.scan(4, 3, 100);
    PhysicalPlan plan = new UnionExec(List.of(
        left,
        new ProjectExec(new ExchangeExec(small, new Partitioning.Broadcast()), List.<Expression>of(K, Literal.of("b")),
            SCHEMA)), SCHEMA);
    List<List<List<Object>>> partitions = Plans.partitions(collect(plan));
    assertThat(partitions).hasSize(3);
    assertThat(partitions.get(0)).isEqualTo(left.partitions().get(0).rows());
    List<List<Object>> expected = new ArrayList<>();
    for (List<Object> row : Plans.rows(small)) {
      expected.add(Arrays.asList(row.get(0), "b"));
    }
    assertThat(partitions.get(2)).isEqualTo(expected);
    List<StageSubmittedEvent> submitted = listener.of(StageSubmittedEvent.class);
    assertThat(submitted).extracting(StageSubmittedEvent::kind).containsExactly(StageKind.BROADCAST, StageKind.RESULT);
    assertThat(submitted.get(1).parentStageIds()).containsExactly(0);
  }

  @Test
  void emptyInputsGiveEmptyPartitionsUnderEveryPartitioning() {
    InMemoryScanExec empty = new InMemoryScanExec(SCHEMA, List.of(
        dev.ember.core.vector.Batch.empty(SCHEMA), dev.ember.core.vector.Batch.empty(SCHEMA)));
    List<Partitioning> partitionings = List.of(new Partitioning.Hash(List.of(K), 3), new Partitioning.RoundRobin(3),
        new Partitioning.Range(List.of(SortOrder.ascending(K)), 3), new Partitioning.Single());
    for (Partitioning partitioning : partitionings) {
      List<List<List<Object>>> partitions = Plans.partitions(collect(new ExchangeExec(empty, partitioning)));
      assertThat(partitions).as(partitioning.toString()).hasSize(partitioning.partitionCount()).allMatch(List::isEmpty);
    }
    List<List<List<Object>>> broadcast = Plans.partitions(collect(new ExchangeExec(empty, new Partitioning.Broadcast())));
    assertThat(broadcast).containsExactly(List.of());
  }

  @Test
  void aListenerCannotStartAJob() {
    List<Throwable> refused = new ArrayList<>();
    runner.addListener(new dev.ember.core.scheduler.listener.JobListener() {
      @Override
      public void onJobStart(JobStartEvent event) {
        try {
          collect(Plans.scan(1, 1, 1));
        } catch (IllegalStateException e) {
          refused.add(e);
        }
      }
    });
    collect(Plans.scan(2, 1, 10));
    assertThat(runner.waitUntilListenerBusEmpty(java.time.Duration.ofSeconds(30))).isTrue();
    assertThat(refused).singleElement().extracting(Throwable::getMessage).asString().contains("job listener");
  }

  @Test
  void aJobWithoutExchangesIsOneResultStage() {
    InMemoryScanExec scan = Plans.scan(5, 4, 100);
    List<List<List<Object>>> partitions = Plans.partitions(collect(scan));
    for (int partition = 0; partition < 4; partition++) {
      assertThat(partitions.get(partition)).isEqualTo(scan.partitions().get(partition).rows());
    }
    assertThat(listener.of(StageSubmittedEvent.class)).hasSize(1);
    assertThat(runner.defaultParallelism()).isEqualTo(3);
  }
}
