package dev.ember.core.shuffle;

import dev.ember.core.memory.TaskMemory;
import dev.ember.core.operator.Operator;
import dev.ember.core.metrics.TaskMetrics;
import java.util.List;

/**
 * The executor-side entry to shuffle storage: writers for map tasks, readers for reduce tasks.
 * Implementations are thread-safe: many task threads use one manager. The shuffle module's disk
 * shuffle (sort-based files, small outputs kept in memory, remote blocks fetched over the network)
 * is the implementation every mode uses; in local mode it holds map outputs as batches and hands
 * them to readers by reference (read-only: operators never write into their input vectors). A reader that cannot get a block throws
 * {@link FetchFailedException}, which makes the scheduler recompute the map output.
 */
public interface ShuffleManager extends AutoCloseable {
  /**
   * A writer for one attempt of map {@code mapId} whose buffers are budgeted by the task's execution
   * memory: it reserves before it buffers and spills when a reservation is refused (or when the
   * memory manager asks). Managers that do not buffer may ignore {@code memory}.
   */
  ShuffleWriter writer(
      ShuffleDependency dependency, int mapId, long taskAttemptId, TaskMetrics metrics, TaskMemory memory);

  /**
   * Reduce partition {@code reducePartition} of the shuffle, from exactly the map outputs the
   * driver's {@link MapOutputTracker} lists ({@code mapOutputs}: one status per map, in map order;
   * a status's executor id says where its blocks live). A listed output that cannot be read makes
   * the reader throw {@link FetchFailedException}.
   */
  Operator reader(int shuffleId, int reducePartition, List<MapStatus> mapOutputs, TaskMetrics metrics);

  /** Forgets a shuffle's outputs once no job can read them any more. */
  void removeShuffle(int shuffleId);

  @Override
  void close();
}
