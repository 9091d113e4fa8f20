package dev.ember.cluster.local;

import static dev.ember.cluster.local.Plans.K;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.SortOrder;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.result.ResultAction;
import dev.ember.core.scheduler.DagScheduler;
import dev.ember.core.scheduler.SchedulerBackend;
import dev.ember.core.scheduler.SchedulerSettings;
import dev.ember.core.scheduler.TaskDescription;
import dev.ember.core.serialization.EmberSerializer;
import dev.ember.core.task.RangeSampleTask;
import dev.ember.core.task.Task;
import dev.ember.core.task.TaskResult;
import dev.ember.core.testing.EngineHygiene;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode hands tasks to its executor threads and results back as objects (no encoding: the
 * executor shares the driver's JVM), and every task of a local job still round-trips through the
 * serializer, so what runs locally can be shipped to an executor process.
 */
@ExtendWith(EngineHygiene.class)
class LocalTaskHandoverTest {
  private static final EmberSerializer SERIALIZER = EmberSerializer.shared();

  @TempDir
  Path localDirectory;
  private DagScheduler runner;

  /** Delegates to the local backend; keeps each launched task and counts how results came back. */
  private static final class RecordingBackend implements SchedulerBackend {
    final LocalBackend delegate;
    final boolean roundTripTasks;
    final List<TaskDescription> launched = new CopyOnWriteArrayList<>();
    final List<Task> roundTripped = new CopyOnWriteArrayList<>();
    final AtomicInteger objectResults = new AtomicInteger();
    final AtomicInteger byteResults = new AtomicInteger();

    RecordingBackend(LocalBackend delegate, boolean roundTripTasks) {
      this.delegate = delegate;
      this.roundTripTasks = roundTripTasks;
    }

    @Override
    public int totalSlots() {
      return delegate.totalSlots();
    }

    @Override
    public void setExecutorListener(ExecutorListener listener) {
      delegate.setExecutorListener(listener);
    }

    @Override
    public String launch(TaskDescription task, TaskCallback callback) {
      launched.add(task);
      if (roundTripTasks) {
        roundTripped.add(SERIALIZER.deserialize(new TaskDescription(task.task(), SERIALIZER).serializedTask(), Task.class));
      }
      return delegate.launch(task, new TaskCallback() {
        @Override
        public void completed(TaskDescription finished, String executorId, byte[] serializedResult) {
          byteResults.incrementAndGet();
          callback.completed(finished, executorId, serializedResult);
        }

        @Override
        public void completed(TaskDescription finished, String executorId, TaskResult result) {
          objectResults.incrementAndGet();
          callback.completed(finished, executorId, result);
        }

        @Override
        public void lost(TaskDescription finished, String executorId, Throwable reason) {
          callback.lost(finished, executorId, reason);
        }
      });
    }

    @Override
    public void kill(long taskId) {
      delegate.kill(taskId);
    }

    @Override
    public void removeShuffle(int shuffleId) {
      delegate.removeShuffle(shuffleId);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  @AfterEach
  void close() {
    if (runner != null) {
      runner.close();
    }
  }

  private RecordingBackend start(boolean roundTripTasks) {
    RecordingBackend backend = new RecordingBackend(
        LocalBackends.backend(2, LocalBackends.diskShuffle(localDirectory)), roundTripTasks);
    runner = new DagScheduler(backend, SchedulerSettings.defaults());
    return backend;
  }

  @Test
  void tasksTravelSerializedAndResultsComeBackAsObjectsInLocalMode() {
    RecordingBackend backend = start(false);
    InMemoryScanExec scan = Plans.scan(21, 5, 2_000);
    PhysicalPlan plan = new ExchangeExec(scan, new Partitioning.Hash(List.of(K), 3));
    List<List<Object>> rows = Plans.all(runner.runJob(plan, new ResultAction.Collect(), "handover"));

    assertThat(Plans.sorted(rows)).isEqualTo(Plans.sorted(Plans.rows(scan)));
    assertThat(backend.launched).hasSize(5 + 3);
    // Every task travels serialized (DESIGN: what runs locally runs remotely); results come back as objects.
    assertThat(backend.launched).allMatch(TaskDescription::isSerialized);
    assertThat(backend.objectResults).hasValue(8);
    assertThat(backend.byteResults).hasValue(0);
  }

  @Test
  void everyTaskOfALocalJobStillRoundTripsThroughTheSerializer() {
    RecordingBackend backend = start(true);
    // More rows than one batch, so the range exchange samples (a few rows would skip the sample stage).
    InMemoryScanExec scan = Plans.scan(22, 4, 6_000);
    PhysicalPlan hashed = new ExchangeExec(scan, new Partitioning.Hash(List.of(K), 2));
    PhysicalPlan ranged = new ExchangeExec(hashed, new Partitioning.Range(List.of(new SortOrder(K, true, true)), 3));
    List<List<Object>> rows = Plans.all(runner.runJob(ranged, new ResultAction.Collect(), "round trip"));

    assertThat(Plans.sorted(rows)).isEqualTo(Plans.sorted(Plans.rows(scan)));
    // Map stage, the sample stage, the range-exchange map stage, the result stage.
    assertThat(backend.roundTripped).hasSameSizeAs(backend.launched).hasSizeGreaterThanOrEqualTo(4 + 2 + 2 + 3);
    assertThat(backend.roundTripped).hasAtLeastOneElementOfType(RangeSampleTask.class);
    for (int i = 0; i < backend.launched.size(); i++) {
      Task original = backend.launched.get(i).task();
      Task copy = backend.roundTripped.get(i);
      assertThat(copy.getClass()).isEqualTo(original.getClass());
      assertThat(copy.info()).isEqualTo(original.info());
      assertThat(copy.plan().schema()).isEqualTo(original.plan().schema());
      assertThat(copy.inputs().shuffles().keySet()).isEqualTo(original.inputs().shuffles().keySet());
    }
  }
}
