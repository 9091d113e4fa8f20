package dev.ember.shuffle.memory;

import dev.ember.core.operator.Operator;
import dev.ember.core.serialization.BatchSizes;
import dev.ember.core.shuffle.FetchFailedException;
import dev.ember.core.task.TaskMetrics;
import dev.ember.core.vector.Batch;
import java.util.Iterator;
import java.util.List;

/** One reduce partition: the blocks of the named map outputs in map order, fetched lazily, one map at a time. */
final class InMemoryShuffleReader implements Operator {
  private final InMemoryShuffleManager manager;
  private final int shuffleId;
  private final int reducePartition;
  private final List<Integer> mapIds;
  private final TaskMetrics metrics;
  private int nextMap;
  private Iterator<Batch> current;
  private boolean closed;

  InMemoryShuffleReader(
      InMemoryShuffleManager manager, int shuffleId, int reducePartition, List<Integer> mapIds, TaskMetrics metrics) {
    this.manager = manager;
    this.shuffleId = shuffleId;
    this.reducePartition = reducePartition;
    this.mapIds = List.copyOf(mapIds);
    this.metrics = metrics;
  }

  @Override
  public Batch next() {
    if (closed) {
      return null;
    }
    while (current == null || !current.hasNext()) {
      if (nextMap >= mapIds.size()) {
        return null;
      }
      int mapId = mapIds.get(nextMap++);
      InMemoryShuffleManager.MapOutput output = manager.output(shuffleId, mapId);
      if (output == null) {
        throw new FetchFailedException(shuffleId, mapId, reducePartition, "the map output is missing (lost or removed)", null);
      }
      if (reducePartition < 0 || reducePartition >= output.blocks().size()) {
        throw new IllegalArgumentException("reduce partition " + reducePartition + " is outside shuffle " + shuffleId
            + " of " + output.blocks().size() + " partitions");
      }
      current = output.blocks().get(reducePartition).iterator();
    }
    Batch batch = current.next();
    metrics.addShuffleRead(batch.rowCount(), BatchSizes.estimateBytes(batch));
    return batch;
  }

  @Override
  public void close() {
    closed = true;
    current = null;
  }
}
