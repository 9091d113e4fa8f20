package dev.ember.core.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.memory.TaskMemory;
import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.operator.Operator;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.ProjectExec;
import dev.ember.core.plan.SortExec;
import dev.ember.core.serialization.EmberSerializer;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.shuffle.ShuffleDependency;
import dev.ember.core.shuffle.ShuffleManager;
import dev.ember.core.shuffle.ShuffleWriter;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.ember.core.task.InjectedTaskFailureException;
import dev.ember.core.task.RangeSampleTask;
import dev.ember.core.task.ResultTask;
import dev.ember.core.task.ShuffleMapTask;
import dev.ember.core.task.Task;
import dev.ember.core.task.TaskFailure;
import dev.ember.core.task.TaskInfo;
import dev.ember.core.task.TaskInputs;
import dev.ember.core.task.TaskOutput;
import dev.ember.core.task.TaskResult;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.result.ResultAction;
import dev.ember.core.metrics.TaskMetrics;

class TaskRunnerTest {
  private static final Schema SCHEMA = Schema.of(Field.of("k", ColumnType.LONG), Field.of("s", ColumnType.STRING));
  private static final EmberSerializer SERIALIZER = EmberSerializer.shared();

  /** Records what map tasks write; reads are not needed here. */
  private static final class RecordingShuffleManager implements ShuffleManager {
    final List<Batch> written = new ArrayList<>();
    boolean committed;
    boolean closed;

    @Override
    public ShuffleWriter writer(
        ShuffleDependency dependency, int mapId, long taskAttemptId, TaskMetrics metrics, TaskMemory memory) {
      return new ShuffleWriter() {
        @Override
        public void write(Batch batch) {
          written.add(batch);
        }

        @Override
        public MapStatus commit() {
          committed = true;
          long rows = written.stream().mapToLong(Batch::rowCount).sum();
          metrics.addShuffleWrite(rows, 0);
          return new MapStatus("test", dependency.shuffleId(), mapId, new long[] {0}, new long[] {rows});
        }

        @Override
        public void close() {
          closed = true;
        }
      };
    }

    @Override
    public Operator reader(int shuffleId, int reducePartition, List<MapStatus> mapOutputs, TaskMetrics metrics) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void removeShuffle(int shuffleId) {}

    @Override
    public void close() {}
  }

  private static InMemoryScanExec scan(int rows) {
    List<List<Object>> data = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      data.add(Arrays.asList((long) i, i % 3 == 0 ? null : "v" + i));
    }
    return new InMemoryScanExec(SCHEMA, List.of(Batch.fromRows(SCHEMA, data), Batch.empty(SCHEMA)));
  }

  private static TaskResult run(TaskRunner runner, Task task) {
    return SERIALIZER.deserialize(runner.run(SERIALIZER.serialize(task)), TaskResult.class);
  }

  private static TaskInfo info(int partition) {
    return new TaskInfo(11, 1, 2, 0, partition, 0);
  }

  @Test
  void aResultTaskCollectsItsPartitionAndCountsRows() {
    TaskRunner runner = new TaskRunner("exec-1", new RecordingShuffleManager(), SERIALIZER);
    InMemoryScanExec scan = scan(10_000);
    TaskResult result = run(runner, new ResultTask(info(0), scan, new ResultAction.Collect(), TaskInputs.NONE, null));
    TaskResult.Succeeded succeeded = (TaskResult.Succeeded) result;
    assertThat(succeeded.executorId()).isEqualTo("exec-1");
    assertThat(succeeded.info()).isEqualTo(info(0));
    PartitionResult.Collected collected = (PartitionResult.Collected) ((TaskOutput.ResultOutput) succeeded.output()).result();
    List<List<Object>> rows = new ArrayList<>();
    collected.batches().forEach(batch -> rows.addAll(batch.rows()));
    assertThat(rows).isEqualTo(scan.partitions().get(0).rows());
    assertThat(succeeded.metrics().outputRows()).isEqualTo(10_000);
    assertThat(succeeded.metrics().outputBytes()).isPositive();
    assertThat(succeeded.metrics().runTimeNanos()).isPositive();

    TaskResult empty = run(runner, new ResultTask(info(1), scan, new ResultAction.Collect(), TaskInputs.NONE, null));
    assertThat(((PartitionResult.Collected) ((TaskOutput.ResultOutput) ((TaskResult.Succeeded) empty).output()).result())
        .batches()).isEmpty();
  }

  /** The executor in the driver's JVM: the task object in, the result object out, the same answer as through bytes. */
  @Test
  void aTaskHandedOverAsAnObjectGivesTheResultOfItsSerializedForm() {
    TaskRunner runner = new TaskRunner("local", new RecordingShuffleManager(), SERIALIZER);
    InMemoryScanExec scan = scan(5_000);
    ResultTask task = new ResultTask(info(0), scan, new ResultAction.Collect(), TaskInputs.NONE, null);
    TaskResult.Succeeded direct = (TaskResult.Succeeded) runner.run(task);
    TaskResult.Succeeded encoded = (TaskResult.Succeeded) run(runner, task);
    assertThat(direct.info()).isEqualTo(encoded.info()).isEqualTo(info(0));
    assertThat(collectedRows(direct)).isEqualTo(collectedRows(encoded)).isEqualTo(scan.partitions().get(0).rows());
    assertThat(direct.metrics().outputRows()).isEqualTo(encoded.metrics().outputRows()).isEqualTo(5_000);

    TaskResult.Failed failed = (TaskResult.Failed) runner.run(
        new ResultTask(info(1), scan, new ResultAction.Collect(), TaskInputs.NONE, "planned failure"));
    assertThat(failed.info()).isEqualTo(info(1));
    assertThat(failed.failure().className()).isEqualTo(InjectedTaskFailureException.class.getName());
    assertThat(failed.failure().message()).contains("planned failure");
  }

  private static List<List<Object>> collectedRows(TaskResult.Succeeded result) {
    List<List<Object>> rows = new ArrayList<>();
    ((PartitionResult.Collected) ((TaskOutput.ResultOutput) result.output()).result()).batches()
        .forEach(batch -> rows.addAll(batch.rows()));
    return rows;
  }

  @Test
  void aTaskSortsWithinItsExecutorsMemoryAndReportsSpillsAndPeakMemory(@TempDir Path directory) {
    UnifiedMemoryManager memory = UnifiedMemoryManager.forExecution(64 * 1024, directory.resolve("spill"));
    TaskRunner runner = new TaskRunner("exec-1", new RecordingShuffleManager(), SERIALIZER, memory);
    InMemoryScanExec scan = scan(50_000);
    SortExec sort = new SortExec(scan, List.of(SortOrder.descending(new BoundReference(0, ColumnType.LONG, false))));

    TaskResult result = run(runner, new ResultTask(info(0), sort, new ResultAction.Collect(), TaskInputs.NONE, null));

    TaskResult.Succeeded succeeded = (TaskResult.Succeeded) result;
    PartitionResult.Collected collected = (PartitionResult.Collected) ((TaskOutput.ResultOutput) succeeded.output()).result();
    List<Object> firstColumn = new ArrayList<>();
    collected.batches().forEach(batch -> batch.rows().forEach(row -> firstColumn.add(row.get(0))));
    assertThat(firstColumn).hasSize(50_000).first().isEqualTo(49_999L);
    assertThat(succeeded.metrics().spillCount()).isPositive();
    assertThat(succeeded.metrics().spillBytes()).isPositive();
    assertThat(succeeded.metrics().peakExecutionMemory()).isPositive().isLessThanOrEqualTo(64 * 1024);
    assertThat(memory.executionUsed()).as("released at task end").isZero();
    assertThat(memory.activeTasks()).isZero();
  }

  @Test
  void stageTotalsSumSpillsAndTakeTheLargestPeak() {
    TaskMetrics first = new TaskMetrics();
    first.addSpill(100);
    first.updatePeakMemory(700);
    TaskMetrics second = new TaskMetrics();
    second.addSpill(50);
    second.addSpill(25);
    second.updatePeakMemory(300);
    TaskMetrics total = new TaskMetrics();
    total.add(first);
    total.add(second);

    assertThat(total.spillCount()).isEqualTo(3);
    assertThat(total.spillBytes()).isEqualTo(175);
    assertThat(total.peakExecutionMemory()).isEqualTo(700);
  }

  @Test
  void aMapTaskDrainsIntoTheWriterAndCommits() {
    RecordingShuffleManager shuffles = new RecordingShuffleManager();
    TaskRunner runner = new TaskRunner("exec-1", shuffles, SERIALIZER);
    InMemoryScanExec scan = scan(5000);
    ShuffleDependency dependency = new ShuffleDependency(4, 2, new Partitioning.RoundRobin(3), SCHEMA, null);
    TaskResult result = run(runner, new ShuffleMapTask(info(0), scan, dependency, TaskInputs.NONE, null));
    MapStatus status = ((TaskOutput.MapOutput) ((TaskResult.Succeeded) result).output()).status();
    assertThat(status.blockRecords()).containsExactly(5000);
    assertThat(shuffles.committed).isTrue();
    assertThat(shuffles.closed).isTrue();
    assertThat(result.metrics().shuffleRecordsWritten()).isEqualTo(5000);
  }

  @Test
  void failuresComeBackAsDataWithTheOriginalClassAndMessage() {
    TaskRunner runner = new TaskRunner("exec-1", new RecordingShuffleManager(), SERIALIZER);
    TaskResult injected = run(runner, new ResultTask(info(0), scan(3), new ResultAction.Collect(), TaskInputs.NONE, "planned"));
    TaskFailure failure = ((TaskResult.Failed) injected).failure();
    assertThat(failure.className()).isEqualTo(InjectedTaskFailureException.class.getName());
    assertThat(failure.message()).isEqualTo("planned");

    // A reference past the input's last column fails when the task compiles its expressions.
    PhysicalPlan broken = new ProjectExec(scan(3), List.of(new BoundReference(7, ColumnType.LONG, false)),
        Schema.of(Field.of("missing", ColumnType.LONG)));
    TaskResult.Failed failed = (TaskResult.Failed) run(runner,
        new ResultTask(info(0), broken, new ResultAction.Collect(), TaskInputs.NONE, null));
    assertThat(failed.failure().className()).isEqualTo("java.lang.IllegalStateException");
    assertThat(failed.failure().stackTrace()).isNotEmpty();
    assertThat(failed.info()).isEqualTo(info(0));

    TaskResult.Failed garbage = SERIALIZER.deserialize(runner.run(new byte[] {1, 2, 3}), TaskResult.Failed.class);
    assertThat(garbage.failure().className()).isEqualTo("dev.ember.core.serialization.SerializationException");
    assertThat(garbage.info().taskId()).isEqualTo(-1);

    TaskResult.Failed missingShuffle = (TaskResult.Failed) run(runner, new ResultTask(info(0),
        new dev.ember.core.plan.ShuffleReadExec(3, SCHEMA, 1), new ResultAction.Collect(), TaskInputs.NONE, null));
    assertThat(missingShuffle.failure().message()).contains("shuffle 3");
  }

  @Test
  void aSampleTaskReturnsABoundedUniformSampleOfItsSortKeys() {
    TaskRunner runner = new TaskRunner("exec-1", new RecordingShuffleManager(), SERIALIZER);
    List<SortOrder> orders = List.of(SortOrder.ascending(new BoundReference(1, ColumnType.STRING, true)),
        SortOrder.descending(new BoundReference(0, ColumnType.LONG, false)));
    for (int rows : new int[] {0, 7, 20_000}) {
      TaskResult result = run(runner, new RangeSampleTask(info(0), scan(rows), orders, 100, TaskInputs.NONE, null));
      TaskOutput.SampleOutput sample = (TaskOutput.SampleOutput) ((TaskResult.Succeeded) result).output();
      assertThat(sample.rowCount()).isEqualTo(rows);
      assertThat(sample.sample().rowCount()).isEqualTo(Math.min(rows, 100));
      assertThat(sample.sample().columnCount()).isEqualTo(2);
      Set<Long> seen = new HashSet<>();
      for (List<Object> row : sample.sample().rows()) {
        long key = (Long) row.get(1);
        assertThat(seen.add(key)).as("each input row sampled once").isTrue();
        assertThat(row.get(0)).isEqualTo(key % 3 == 0 ? null : "v" + key);
      }
      if (rows == 20_000) {
        // Uniform: the sample is not just the first rows.
        assertThat(seen.stream().filter(key -> key >= 10_000).count()).isBetween(25L, 75L);
      }
    }
  }
}
