package dev.ember.core.shuffle;

import dev.ember.core.memory.TaskMemory;
import dev.ember.core.operator.Operator;
import dev.ember.core.metrics.TaskMetrics;
import java.util.List;

/**
 * The executor-side entry to shuffle storage: writers for map tasks, readers for reduce tasks.
 * Implementations are thread-safe: many task threads use one manager.
 *
 * <p>The first implementation keeps blocks in memory; the disk-based sort shuffle and the
 * network block fetcher replace it without changing this interface. A reader that cannot get a
 * block throws {@link FetchFailedException}, which makes the scheduler recompute the map output.
 */
public interface ShuffleManager extends AutoCloseable {
  ShuffleWriter writer(ShuffleDependency dependency, int mapId, long taskAttemptId, TaskMetrics metrics);

  /**
   * A writer whose buffers are budgeted by the task's execution memory: it reserves before it
   * buffers and spills when a reservation is refused (or when the memory manager asks). Tasks
   * write through this method; managers that do not buffer may ignore {@code memory}.
   */
  default ShuffleWriter writer(
      ShuffleDependency dependency, int mapId, long taskAttemptId, TaskMetrics metrics, TaskMemory memory) {
    return writer(dependency, mapId, taskAttemptId, metrics);
  }

  /** Reduce partition {@code reducePartition} of the shuffle, from every registered map output. */
  Operator reader(int shuffleId, int reducePartition, TaskMetrics metrics);

  /**
   * Reduce partition {@code reducePartition} of the shuffle, from exactly the map outputs the
   * driver's {@link MapOutputTracker} lists ({@code mapOutputs}: one status per map, in map order;
   * a status's executor id says where its blocks live). A listed output that cannot be read makes
   * the reader throw {@link FetchFailedException}. Tasks read through this method.
   */
  default Operator reader(int shuffleId, int reducePartition, List<MapStatus> mapOutputs, TaskMetrics metrics) {
    return reader(shuffleId, reducePartition, metrics);
  }

  /** Forgets a shuffle's outputs once no job can read them any more. */
  void removeShuffle(int shuffleId);

  @Override
  void close();
}
