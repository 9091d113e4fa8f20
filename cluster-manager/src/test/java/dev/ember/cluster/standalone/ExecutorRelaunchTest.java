package dev.ember.cluster.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Literal;
import dev.ember.core.network.NetworkSettings;
import dev.ember.core.plan.FilterExec;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.RangeScanExec;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.result.ResultAction;
import dev.ember.core.scheduler.DagScheduler;
import dev.ember.core.scheduler.JobFailedException;
import dev.ember.core.scheduler.NoExecutorsException;
import dev.ember.core.scheduler.SchedulerSettings;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.LongVector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real executor processes of a one-worker local cluster: the master relaunches a SIGKILLed
 * executor (new id) and the next job runs on it; once {@code ember.deploy.maxExecutorRetries} is
 * spent the application has no executor, and its job fails after
 * {@code ember.scheduler.noExecutorTimeout} with {@link NoExecutorsException} instead of waiting forever.
 */
class ExecutorRelaunchTest {
  private static final Map<String, String> SETTINGS = Map.of("ember.network.timeout", "30s",
      "ember.executor.heartbeatInterval", "1s", "ember.deploy.maxExecutorRetries", "1",
      SchedulerSettings.NO_EXECUTOR_TIMEOUT, "3s", SchedulerSettings.STARVATION_TIMEOUT, "500ms");

  /** Ids 0..999 out of 0..199_999 over 4 partitions. */
  private static PhysicalPlan job() {
    return new FilterExec(new RangeScanExec(0, 200_000, 1, 4), new Comparison(ComparisonOperator.LESS_THAN,
        new BoundReference(0, ColumnType.LONG, false), new Literal(1_000L, ColumnType.LONG)));
  }

  private static List<Long> values(List<PartitionResult> results) {
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

  private static void kill(long processId) {
    ProcessHandle.of(processId).ifPresent(process -> {
      process.destroyForcibly();
      process.onExit().join();
    });
  }

  private static void awaitExecutors(StandaloneBackend backend, List<String> expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!backend.executorIds().equals(expected)) {
      assertThat(System.nanoTime()).as("executors " + expected + ", have " + backend.executorIds()).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aKilledExecutorIsRelaunchedOnceThenTheJobFailsForWantOfExecutors() throws Exception {
    NetworkSettings network = NetworkSettings.from(SETTINGS);
    LocalClusterProcesses processes = LocalClusterProcesses.start(1, 1, 256L << 20, SETTINGS, null, network.timeout());
    StandaloneBackend backend = StandaloneBackend.start("127.0.0.1", processes.masterPort(), "relaunch-test",
        256L << 20, network, network.timeout(), processes);
    Set<String> ranOn = ConcurrentHashMap.newKeySet();
    List<Long> expected = LongStream.range(0, 1_000).boxed().toList();
    try (DagScheduler scheduler = new DagScheduler(backend, SchedulerSettings.from(SETTINGS))) {
      scheduler.addSchedulingListener(new JobListener() {
        @Override
        public void onTaskEnd(TaskEndEvent event) {
          ranOn.add(event.executorId());
        }
      });
      assertThat(values(scheduler.runJob(job(), new ResultAction.Collect(), "before"))).isEqualTo(expected);
      assertThat(ranOn).containsExactly("0");

      long first = backend.executorProcessIds().get("0");
      kill(first);
      // The worker reports the abnormal exit; the master launches executor 1 in its place.
      awaitExecutors(backend, List.of("1"));
      assertThat(backend.executorProcessIds().get("1")).isNotEqualTo(first);
      ranOn.clear();
      assertThat(values(scheduler.runJob(job(), new ResultAction.Collect(), "relaunched"))).isEqualTo(expected);
      assertThat(ranOn).containsExactly("1");

      // The one retry is spent: no replacement, and the job fails once it has waited 3 s for any executor.
      kill(backend.executorProcessIds().get("1"));
      awaitExecutors(backend, List.of());
      long submitted = System.nanoTime();
      assertThatThrownBy(() -> scheduler.runJob(job(), new ResultAction.Collect(), "starved"))
          .isInstanceOf(JobFailedException.class)
          .hasRootCauseInstanceOf(NoExecutorsException.class)
          .hasMessageContaining("starved")
          .hasMessageContaining(SchedulerSettings.NO_EXECUTOR_TIMEOUT);
      Duration waited = Duration.ofNanos(System.nanoTime() - submitted);
      assertThat(waited).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(20));
      assertThat(backend.executorIds()).as("nothing relaunched meanwhile").isEmpty();
    }
    assertThat(processes.processes()).noneMatch(ProcessHandle::isAlive);
  }
}
