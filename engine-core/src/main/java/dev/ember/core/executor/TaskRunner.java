package dev.ember.core.executor;

import dev.ember.core.io.Directories;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.io.csv.CsvPartitionWriter;
import dev.ember.core.logging.LazyLogger;
import dev.ember.core.memory.TaskMemoryManager;
import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.storage.BlockManager;
import dev.ember.core.storage.BlockStatus;
import dev.ember.core.operator.BroadcastTableCache;
import dev.ember.core.operator.Operator;
import dev.ember.core.task.OperatorFactory;
import dev.ember.core.vector.BatchSizes;
import dev.ember.core.serialization.EmberSerializer;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.shuffle.ShuffleManager;
import dev.ember.core.shuffle.ShuffleWriter;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.VectorHashing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import dev.ember.core.task.BroadcastSource;
import dev.ember.core.task.InjectedTaskFailureException;
import dev.ember.core.task.RangeSampleTask;
import dev.ember.core.task.ResultTask;
import dev.ember.core.task.ShuffleMapTask;
import dev.ember.core.task.Task;
import dev.ember.core.task.TaskFailure;
import dev.ember.core.task.TaskInfo;
import dev.ember.core.task.TaskOutput;
import dev.ember.core.task.TaskResult;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.result.ResultAction;
import dev.ember.core.operator.TaskContext;
import dev.ember.core.metrics.TaskMetrics;

/**
 * The executor side of a task: bytes in, bytes out for an executor process, or the task object in
 * and the result object out for the executor in the driver's JVM. Builds the task's operator
 * tree, drains it into the shuffle writer (map task), the result action (result task) or a key
 * sample (sample task), and returns a {@link TaskResult}: success with the output and metrics,
 * or failure with the error as a {@link TaskFailure}. Never throws for a task's own error.
 *
 * <p>Thread-safe: every call runs on the calling executor thread with its own state; a task
 * thread that is interrupted stops between batches with a {@link CancellationException}.
 */
public final class TaskRunner {
  /** A TaskInfo for results of bytes that could not even be read as a task. */
  private static final TaskInfo UNKNOWN = new TaskInfo(-1, -1, -1, -1, -1, -1);
  private static final LazyLogger LOG = new LazyLogger(TaskRunner.class);

  private final String executorId;
  private final ShuffleManager shuffleManager;
  private final EmberSerializer serializer;
  private final UnifiedMemoryManager memoryManager;
  private final BlockManager blockManager;
  private final BroadcastTableCache broadcastTables;
  private final BroadcastSource broadcasts;

  /** A runner with the default executor memory (the JVM's max heap, see {@link UnifiedMemoryManager#fromSettings}). */
  public TaskRunner(String executorId, ShuffleManager shuffleManager, EmberSerializer serializer) {
    this(executorId, shuffleManager, serializer, UnifiedMemoryManager.fromSettings(Map.of()));
  }

  /** A runner whose tasks share {@code memoryManager}'s execution memory (one per executor) and read no broadcast. */
  public TaskRunner(
      String executorId, ShuffleManager shuffleManager, EmberSerializer serializer, UnifiedMemoryManager memoryManager) {
    this(executorId, shuffleManager, serializer, memoryManager, BroadcastSource.NONE);
  }

  /**
   * A runner whose tasks share {@code memoryManager}'s execution memory (one per executor) and read
   * broadcast values from {@code broadcasts} (the driver's store in its JVM, a fetching cache elsewhere).
   */
  public TaskRunner(String executorId, ShuffleManager shuffleManager, EmberSerializer serializer,
      UnifiedMemoryManager memoryManager, BroadcastSource broadcasts) {
    this.broadcasts = Objects.requireNonNull(broadcasts, "broadcasts is null");
    this.executorId = Objects.requireNonNull(executorId, "executorId is null");
    this.shuffleManager = Objects.requireNonNull(shuffleManager, "shuffleManager is null");
    this.serializer = Objects.requireNonNull(serializer, "serializer is null");
    this.memoryManager = Objects.requireNonNull(memoryManager, "memoryManager is null");
    // Next to the spill files, in a directory of its own: closing it never touches another executor's blocks.
    this.blockManager = new BlockManager(
        memoryManager, memoryManager.spillDirectory().resolveSibling("blocks-" + Directories.randomName()));
    this.broadcastTables = new BroadcastTableCache(memoryManager);
  }

  /** The executor's hash tables built once from broadcasts and shared by its tasks; whoever owns the executor releases a job's when the job ends. */
  public BroadcastTableCache broadcastTables() {
    return broadcastTables;
  }

  /** The executor's cached blocks; whoever owns the executor closes it. */
  public BlockManager blockManager() {
    return blockManager;
  }

  public UnifiedMemoryManager memoryManager() {
    return memoryManager;
  }

  public String executorId() {
    return executorId;
  }

  /**
   * Runs a serialized {@link Task} and returns a serialized {@link TaskResult}: an executor in
   * another process than the driver.
   */
  public byte[] run(byte[] taskBytes) {
    long started = System.nanoTime();
    Task task;
    try {
      task = serializer.deserialize(taskBytes, Task.class);
    } catch (Throwable error) {
      rethrowFatal(error);
      TaskMetrics metrics = new TaskMetrics();
      metrics.setRunTimeNanos(System.nanoTime() - started);
      return serialize(new TaskResult.Failed(UNKNOWN, executorId, TaskFailure.of(error), metrics));
    }
    return serialize(run(task, started));
  }

  /**
   * The serialized result of a task this executor cannot start (its application's classes could not
   * be fetched): a failure with {@code error}, so the driver retries the task elsewhere or reports it.
   */
  public byte[] failBeforeRunning(byte[] taskBytes, Throwable error) {
    TaskInfo info;
    try {
      info = serializer.deserialize(taskBytes, Task.class).info();
    } catch (RuntimeException unreadable) {
      info = UNKNOWN;
    }
    return serialize(new TaskResult.Failed(info, executorId, TaskFailure.of(error), new TaskMetrics()));
  }

  /**
   * Runs a task handed over in the driver's JVM (local mode) and returns its result as it is: no
   * encoding either way. The task is only read, so several attempts may share it.
   */
  public TaskResult run(Task task) {
    return run(Objects.requireNonNull(task, "task is null"), System.nanoTime());
  }

  private TaskResult run(Task task, long started) {
    TaskMetrics metrics = new TaskMetrics();
    TaskInfo info = task.info();
    TaskResult result;
    try {
      if (task.injectedFailure() != null) {
        throw new InjectedTaskFailureException(task.injectedFailure());
      }
      TaskOutput output = execute(task, metrics);
      metrics.setRunTimeNanos(System.nanoTime() - started);
      result = new TaskResult.Succeeded(info, executorId, output, metrics);
    } catch (Throwable error) {
      rethrowFatal(error);
      metrics.setRunTimeNanos(System.nanoTime() - started);
      result = new TaskResult.Failed(info, executorId, TaskFailure.of(error), metrics);
    }
    // Cached blocks that changed on this executor travel to the driver with this result.
    for (BlockStatus update : blockManager.drainUpdates()) {
      metrics.addBlockUpdate(update.id().cacheId(), update.id().partition(), update.mode().ordinal(),
          update.memoryBytes(), update.diskBytes(), update.rows(), update.version());
    }
    return result;
  }

  private static void rethrowFatal(Throwable error) {
    if (error instanceof VirtualMachineError fatal && !(fatal instanceof StackOverflowError)) {
      throw fatal;
    }
  }

  private byte[] serialize(TaskResult result) {
    try {
      return serializer.serialize(result);
    } catch (RuntimeException error) {
      // The output itself could not travel: report that instead of losing the task.
      return serializer.serialize(
          new TaskResult.Failed(result.info(), executorId, TaskFailure.of(error), result.metrics()));
    }
  }

  private TaskOutput execute(Task task, TaskMetrics metrics) {
    TaskMemoryManager memory = memoryManager.newTaskMemory(task.info().taskId());
    memory.recordOperatorMemoryIn(metrics);
    try {
      ExecutorTaskContext context = new ExecutorTaskContext(
          task, shuffleManager, metrics, memory, blockManager, broadcastTables, broadcasts);
      int partition = task.info().partition();
      return switch (task) {
        case ShuffleMapTask map -> new TaskOutput.MapOutput(runMap(map, context, metrics));
        case ResultTask result -> new TaskOutput.ResultOutput(runResult(result, context, metrics));
        case RangeSampleTask sample -> runSample(sample, context, metrics, partition);
      };
    } finally {
      // Operators release what they reserve when they close; anything left is a leak to report.
      metrics.updatePeakMemory(memory.peak());
      Map<String, Long> leaks = memory.releaseAll();
      if (!leaks.isEmpty()) {
        LOG.get().warn("{} ended without releasing execution memory (bytes by consumer): {}", task.info(), leaks);
      }
    }
  }

  private MapStatus runMap(ShuffleMapTask task, TaskContext context, TaskMetrics metrics) {
    int mapId = task.info().partition();
    try (Operator operator = OperatorFactory.create(task.plan(), mapId, context);
        ShuffleWriter writer =
            shuffleManager.writer(task.dependency(), mapId, task.info().taskId(), metrics, context.memory())) {
      for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
        checkNotInterrupted(task);
        if (batch.rowCount() > 0) {
          writer.write(batch);
        }
      }
      checkNotInterrupted(task);
      return writer.commit();
    }
  }

  private PartitionResult runResult(ResultTask task, TaskContext context, TaskMetrics metrics) {
    int partition = task.info().partition();
    try (Operator operator = OperatorFactory.create(task.plan(), partition, context)) {
      return switch (task.action()) {
        case ResultAction.Collect collect -> {
          List<Batch> batches = new ArrayList<>();
          for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
            checkNotInterrupted(task);
            if (batch.rowCount() > 0) {
              // Results are kept and sent: without the unselected rows a filter left in the batch.
              batch = batch.dense();
              batches.add(batch);
              metrics.addOutput(batch.rowCount(), BatchSizes.estimateBytes(batch));
            }
          }
          yield new PartitionResult.Collected(batches);
        }
        case ResultAction.WriteCsv write -> {
          PartitionResult.WrittenFiles files =
              CsvPartitionWriter.write(operator, task.plan().schema(), write, partition, task.info().taskId());
          metrics.addOutput(files.rows(), 0);
          yield files;
        }
      };
    }
  }

  private TaskOutput runSample(RangeSampleTask task, TaskContext context, TaskMetrics metrics, int partition) {
    List<SortOrder> orders = task.orders();
    VectorExpression[] keys = new VectorExpression[orders.size()];
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      keys[i] = ExpressionCompiler.compile(orders.get(i).child());
      fields.add(Field.of("key" + i, keys[i].type()));
    }
    Schema keySchema = new Schema(fields);
    long seed = VectorHashing.hashInt(partition, VectorHashing.hashInt(task.info().stageId(), VectorHashing.SEED));
    KeyReservoir reservoir = new KeyReservoir(keySchema, task.sampleSize(), seed);
    try (Operator operator = OperatorFactory.create(task.plan(), partition, context)) {
      for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
        checkNotInterrupted(task);
        if (batch.rowCount() == 0) {
          continue;
        }
        ColumnVector[] columns = new ColumnVector[keys.length];
        for (int i = 0; i < keys.length; i++) {
          columns[i] = VectorExpression.dispatch(keys[i], batch);
        }
        reservoir.add(new Batch(columns, batch.rowCount()));
      }
    }
    Batch sample = reservoir.sample();
    metrics.addOutput(sample.rowCount(), BatchSizes.estimateBytes(sample));
    return new TaskOutput.SampleOutput(sample, reservoir.seen());
  }

  private static void checkNotInterrupted(Task task) {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException(task.info() + " was killed");
    }
  }
}
