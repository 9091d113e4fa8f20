package dev.ember.core.executor;

import dev.ember.core.memory.TaskMemory;
import dev.ember.core.operator.BroadcastTableCache;
import dev.ember.core.operator.Operator;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.shuffle.ShuffleManager;
import dev.ember.core.storage.BlockManager;
import dev.ember.core.vector.Batch;
import java.util.List;
import java.util.Optional;
import dev.ember.core.operator.TaskContext;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.task.BroadcastHandle;
import dev.ember.core.task.BroadcastSource;
import dev.ember.core.task.Task;

/**
 * The context of a task running on an executor: its inputs come from the task itself, the
 * executor's shuffle manager and its broadcast source (the task carries broadcast handles only).
 */
final class ExecutorTaskContext implements TaskContext {
  private final Task task;
  private final ShuffleManager shuffleManager;
  private final TaskMetrics metrics;
  private final TaskMemory memory;
  private final BlockManager blockManager;
  private final BroadcastTableCache broadcastTables;
  private final BroadcastSource broadcasts;

  ExecutorTaskContext(
      Task task, ShuffleManager shuffleManager, TaskMetrics metrics, TaskMemory memory, BlockManager blockManager,
      BroadcastTableCache broadcastTables, BroadcastSource broadcasts) {
    this.task = task;
    this.broadcasts = broadcasts;
    this.broadcastTables = broadcastTables;
    this.blockManager = blockManager;
    this.shuffleManager = shuffleManager;
    this.metrics = metrics;
    this.memory = memory;
  }

  @Override
  public Optional<BlockManager> blockManager() {
    return Optional.of(blockManager);
  }

  @Override
  public int jobId() {
    return task.info().jobId();
  }

  @Override
  public Optional<BroadcastTableCache> broadcastTables() {
    return Optional.of(broadcastTables);
  }

  @Override
  public TaskMemory memory() {
    return memory;
  }

  @Override
  public int stageId() {
    return task.info().stageId();
  }

  @Override
  public int partition() {
    return task.info().partition();
  }

  @Override
  public int attempt() {
    return task.info().attempt();
  }

  @Override
  public long taskId() {
    return task.info().taskId();
  }

  @Override
  public Operator shuffleRead(int shuffleId, int reducePartition) {
    List<MapStatus> statuses = task.inputs().shuffles().get(shuffleId);
    if (statuses == null) {
      throw new IllegalStateException(
          task.info() + " reads shuffle " + shuffleId + " but was not given its map statuses; it has "
              + task.inputs().shuffles().keySet());
    }
    return shuffleManager.reader(shuffleId, reducePartition, statuses, metrics);
  }

  @Override
  public List<Batch> broadcast(int broadcastId) {
    BroadcastHandle handle = task.inputs().broadcasts().get(broadcastId);
    if (handle == null) {
      throw new IllegalStateException(
          task.info() + " reads broadcast " + broadcastId + " but was not given it; it has "
              + task.inputs().broadcasts().keySet());
    }
    return broadcasts.value(handle, metrics);
  }

  @Override
  public TaskMetrics metrics() {
    return metrics;
  }
}
