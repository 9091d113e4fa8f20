package dev.ember.cluster.local;

import static dev.ember.cluster.local.Plans.K;
import static dev.ember.cluster.local.Plans.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.HashJoinExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.JoinType;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.result.ResultAction;
import dev.ember.core.scheduler.BroadcastStore;
import dev.ember.core.scheduler.DagScheduler;
import dev.ember.core.scheduler.SchedulerBackend;
import dev.ember.core.scheduler.SchedulerSettings;
import dev.ember.core.scheduler.TaskDescription;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode ships a broadcast to no one: its tasks carry a handle, and the executor reads the
 * driver's batches by reference, so a task's bytes are the same for a 3-row and a 20,000-row
 * broadcast, and the driver's store is empty after each job.
 */
class LocalBroadcastShippingTest {
  @TempDir
  Path localDirectory;
  private LocalBackend local;
  private RecordingBackend backend;
  private DagScheduler runner;

  /** Delegates to the local backend and keeps each launched task's serialized size by stage. */
  private static final class RecordingBackend implements SchedulerBackend {
    final LocalBackend delegate;
    final Map<Integer, List<Integer>> taskBytesByStage = new ConcurrentHashMap<>();

    RecordingBackend(LocalBackend delegate) {
      this.delegate = delegate;
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
      taskBytesByStage.computeIfAbsent(task.info().stageId(), ignored -> new java.util.concurrent.CopyOnWriteArrayList<>())
          .add(task.serializedTask().length);
      return delegate.launch(task, callback);
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
    public void jobEnded(int jobId) {
      delegate.jobEnded(jobId);
    }

    @Override
    public BroadcastStore broadcastStore() {
      return delegate.broadcastStore();
    }

    @Override
    public void close() {
      delegate.close();
    }

    /** The task sizes of the last stage launched (the probe stage of a broadcast join job). */
    List<Integer> lastStage() {
      return new TreeMap<>(taskBytesByStage).lastEntry().getValue();
    }
  }

  @BeforeEach
  void start() {
    local = LocalBackends.backend(2, LocalBackends.diskShuffle(localDirectory));
    backend = new RecordingBackend(local);
    runner = new DagScheduler(backend, SchedulerSettings.defaults());
  }

  @AfterEach
  void close() {
    runner.close();
  }

  /** {@code rows} rows with distinct keys from {@code first} over {@code partitions} partitions, some values null. */
  private static InMemoryScanExec distinctKeys(long first, int rows, int partitions) {
    List<Batch> batches = new ArrayList<>();
    for (int partition = 0; partition < partitions; partition++) {
      List<List<Object>> data = new ArrayList<>();
      for (int i = partition; i < rows; i += partitions) {
        data.add(Arrays.asList(first + i, i % 11 == 0 ? null : "b" + i));
      }
      batches.add(Batch.fromRows(SCHEMA, data));
    }
    return new InMemoryScanExec(SCHEMA, batches);
  }

  private static PhysicalPlan join(InMemoryScanExec probe, InMemoryScanExec build) {
    Schema output = Schema.of(Field.of("k", ColumnType.LONG), Field.of("v", ColumnType.STRING),
        Field.of("bk", ColumnType.LONG), Field.of("bv", ColumnType.STRING));
    return new HashJoinExec(probe, new ExchangeExec(build, new Partitioning.Broadcast()), JoinType.INNER,
        List.<Expression>of(K), List.<Expression>of(new BoundReference(0, ColumnType.LONG, true)), null, output);
  }

  /** The inner join by a hash map of plain Java lists (null keys never match). */
  private static List<List<Object>> expected(InMemoryScanExec probe, InMemoryScanExec build) {
    Map<Object, List<List<Object>>> byKey = new HashMap<>();
    for (List<Object> row : Plans.rows(build)) {
      if (row.get(0) != null) {
        byKey.computeIfAbsent(row.get(0), ignored -> new ArrayList<>()).add(row);
      }
    }
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> left : Plans.rows(probe)) {
      for (List<Object> right : byKey.getOrDefault(left.get(0), List.of())) {
        List<Object> row = new ArrayList<>(left);
        row.addAll(right);
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void taskBytesDoNotGrowWithTheBroadcastAndTheStoreEmptiesAtJobEnd() {
    InMemoryScanExec probe = Plans.scan(21, 6, 400);
    InMemoryScanExec tiny = distinctKeys(6, 3, 1);
    InMemoryScanExec large = distinctKeys(-10_000, 20_000, 4);

    List<List<Object>> tinyRows = Plans.all(runner.runJob(join(probe, tiny), new ResultAction.Collect(), "tiny"));
    assertThat(Plans.sorted(tinyRows)).isEqualTo(Plans.sorted(expected(probe, tiny))).isNotEmpty();
    List<Integer> tinyTasks = backend.lastStage();
    assertThat(local.broadcastStore().size()).isZero();

    List<List<Object>> largeRows = Plans.all(runner.runJob(join(probe, large), new ResultAction.Collect(), "large"));
    assertThat(Plans.sorted(largeRows)).isEqualTo(Plans.sorted(expected(probe, large))).isNotEmpty();
    List<Integer> largeTasks = backend.lastStage();
    assertThat(local.broadcastStore().size()).isZero();
    assertThat(local.broadcastTables().size()).isZero();

    // The same six probe partitions; the broadcast's ~400 KB are in neither (only its handle's few varints differ).
    assertThat(largeTasks).hasSize(6).hasSameSizeAs(tinyTasks);
    for (int i = 0; i < tinyTasks.size(); i++) {
      assertThat(largeTasks.get(i)).isBetween(tinyTasks.get(i) - 16, tinyTasks.get(i) + 16);
    }
    long largeBytes = Plans.rows(large).size() * 8L;
    assertThat(largeTasks.stream().mapToLong(Integer::longValue).max().orElseThrow()).isLessThan(largeBytes / 4);
  }
}
