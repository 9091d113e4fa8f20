package dev.ember.core.operator;

import dev.ember.core.memory.MemoryContext;
import dev.ember.core.memory.TaskMemory;
import dev.ember.core.operator.Operator;
import dev.ember.core.vector.Batch;
import dev.ember.core.storage.BlockManager;
import java.util.List;
import java.util.Optional;
import dev.ember.core.metrics.TaskMetrics;

/**
 * What a running task may reach outside its plan: its identity, its shuffle inputs, broadcast
 * values and metrics. Nothing here reaches driver objects directly, so the same task runs on a
 * thread of the driver or in a remote executor. Owned by the task's thread.
 */
public interface TaskContext {
  int stageId();

  /** The partition this task computes, in the stage's final node. */
  int partition();

  /** 0 for the first attempt of this partition in this stage attempt, then 1, 2, ... */
  int attempt();

  long taskId();

  /** Batches of reduce partition {@code reducePartition} of shuffle {@code shuffleId}, from all map outputs. */
  Operator shuffleRead(int shuffleId, int reducePartition);

  /** The collected output of broadcast {@code broadcastId}. */
  List<Batch> broadcast(int broadcastId);

  TaskMetrics metrics();

  /** The task's share of its executor's execution memory (unlimited for contexts outside an executor, e.g. tests). */
  default TaskMemory memory() {
    return TaskMemory.UNLIMITED;
  }

  /** What this task's spilling operators reserve from and count spills in. */
  default MemoryContext memoryContext() {
    return new MemoryContext(memory(), metrics());
  }

  /** The executor's cached blocks; empty outside an executor (cached scans then compute their input). */
  default Optional<BlockManager> blockManager() {
    return Optional.empty();
  }
}
