package dev.ember.cluster.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Literal;
import dev.ember.core.network.NetworkSettings;
import dev.ember.core.plan.FilterExec;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.RangeScanExec;
import dev.ember.core.scheduler.DagScheduler;
import dev.ember.core.scheduler.SchedulerSettings;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.scheduler.listener.TaskStartEvent;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.result.ResultAction;
import dev.ember.core.types.ColumnType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SIGKILL of an executor process while a single-stage job runs: its tasks run again elsewhere. */
class ExecutorLossTest {
  private static final long ROWS = 120_000_000L;
  private static final long KEPT = 1_000L;

  /** Long enough per task (millions of rows each) that the kill lands while tasks run; keeps ids below KEPT. */
  private static PhysicalPlan slowFilter() {
    return new FilterExec(new RangeScanExec(0, ROWS, 1, 16), new Comparison(ComparisonOperator.LESS_THAN,
        new BoundReference(0, ColumnType.LONG, false), new Literal(KEPT, ColumnType.LONG)));
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aKilledExecutorsTasksAreRescheduledAndTheJobCompletes() {
    NetworkSettings network = new NetworkSettings(NetworkSettings.DEFAULT_MAXIMUM_FRAME_BYTES, null,
        Duration.ofSeconds(60));
    // No relaunch: the job must finish on the executor that was not killed.
    Map<String, String> settings = Map.of("ember.network.timeout", "60s", "ember.executor.heartbeatInterval", "1s",
        "ember.deploy.maxExecutorRetries", "0");
    LocalClusterProcesses processes = LocalClusterProcesses.start(2, 1, 256L << 20, settings, null,
        network.timeout());
    StandaloneBackend backend = StandaloneBackend.start("127.0.0.1", processes.masterPort(), "loss-test", 256L << 20,
        network, network.timeout(), processes);
    List<TaskEndEvent> ends = Collections.synchronizedList(new ArrayList<>());
    Map<String, Long> pids = backend.executorProcessIds();
    assertThat(pids).containsOnlyKeys("0", "1");
    long victim = pids.get("0");
    AtomicBoolean killed = new AtomicBoolean();
    try (DagScheduler scheduler = new DagScheduler(backend, SchedulerSettings.from(Map.of()))) {
      // Fault injection: the kill must happen while the task runs, on the scheduling thread.
      scheduler.addSchedulingListener(new JobListener() {
        @Override
        public void onTaskStart(TaskStartEvent event) {
          // Kill executor 0 as soon as it has work, SIGKILL as a crash would.
          if ("0".equals(event.executorId()) && killed.compareAndSet(false, true)) {
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
          }
        }

        @Override
        public void onTaskEnd(TaskEndEvent event) {
          ends.add(event);
        }
      });
      List<PartitionResult> results = scheduler.runJob(slowFilter(), new ResultAction.Collect(), "loss");
      long rows = results.stream().mapToLong(result ->
          ((PartitionResult.Collected) result).batches().stream().mapToLong(batch -> batch.rowCount()).sum()).sum();
      assertThat(rows).isEqualTo(KEPT);
      assertThat(killed).isTrue();
      assertThat(backend.executorIds()).containsExactly("1");
      assertThat(ends).anySatisfy(end -> {
        assertThat(end.executorId()).isEqualTo("0");
        assertThat(end.succeeded()).isFalse();
      });
      assertThat(ends.stream().filter(TaskEndEvent::succeeded).map(TaskEndEvent::partition).distinct().count())
          .isEqualTo(16);
    }
    assertThat(processes.processes()).noneMatch(ProcessHandle::isAlive);
  }

  /**
   * SIGSTOP, not SIGKILL: the process hangs with its connection open, so only the missing
   * heartbeats tell. The driver drops it after ember.network.timeout and its tasks run on the other.
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aHungExecutorIsLostWhenItsHeartbeatsStopAndItsTasksRunElsewhere() throws Exception {
    NetworkSettings network = new NetworkSettings(NetworkSettings.DEFAULT_MAXIMUM_FRAME_BYTES, null,
        Duration.ofSeconds(4));
    Map<String, String> settings = Map.of("ember.network.timeout", "4s", "ember.executor.heartbeatInterval", "500ms",
        "ember.deploy.maxExecutorRetries", "0");
    LocalClusterProcesses processes = LocalClusterProcesses.start(2, 1, 256L << 20, settings, null,
        Duration.ofSeconds(60));
    StandaloneBackend backend = StandaloneBackend.start("127.0.0.1", processes.masterPort(), "hang-test", 256L << 20,
        network, Duration.ofSeconds(60), processes);
    long victim = backend.executorProcessIds().get("0");
    AtomicBoolean stopped = new AtomicBoolean();
    List<TaskEndEvent> ends = Collections.synchronizedList(new ArrayList<>());
    try (DagScheduler scheduler = new DagScheduler(backend, SchedulerSettings.from(Map.of()))) {
      scheduler.addSchedulingListener(new JobListener() {
        @Override
        public void onTaskStart(TaskStartEvent event) {
          if ("0".equals(event.executorId()) && stopped.compareAndSet(false, true)) {
            signal("STOP", victim);
          }
        }

        @Override
        public void onTaskEnd(TaskEndEvent event) {
          ends.add(event);
        }
      });
      long started = System.nanoTime();
      List<PartitionResult> results = scheduler.runJob(slowFilter(), new ResultAction.Collect(), "hang");
      long rows = results.stream().mapToLong(result ->
          ((PartitionResult.Collected) result).batches().stream().mapToLong(batch -> batch.rowCount()).sum()).sum();
      assertThat(rows).isEqualTo(KEPT);
      assertThat(stopped).isTrue();
      assertThat(backend.executorIds()).containsExactly("1");
      assertThat(ends).anySatisfy(end -> {
        assertThat(end.executorId()).isEqualTo("0");
        assertThat(end.succeeded()).isFalse();
        assertThat(end.failure().getMessage()).contains("heartbeat");
      });
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(120));
    } finally {
      ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
    }
    assertThat(processes.processes()).noneMatch(ProcessHandle::isAlive);
  }

  private static void signal(String signal, long processId) {
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(processId)).inheritIO().start().waitFor();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
