package dev.ember.shuffle.memory;

import dev.ember.core.operator.Operator;
import dev.ember.core.vector.BatchSizes;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.vector.Batch;
import java.util.Iterator;
import java.util.List;

/** One reduce partition: the blocks of the given map outputs in map order, got lazily, one map at a time. */
final class InMemoryShuffleReader implements Operator {
  private final InMemoryShuffleManager manager;
  private final int reducePartition;
  private final List<MapStatus> mapOutputs;
  private final TaskMetrics metrics;
  private int nextMap;
  private Iterator<Batch> current;
  private boolean closed;

  InMemoryShuffleReader(
      InMemoryShuffleManager manager, int shuffleId, int reducePartition, List<MapStatus> mapOutputs, TaskMetrics metrics) {
    this.manager = manager;
    this.reducePartition = reducePartition;
    this.mapOutputs = List.copyOf(mapOutputs);
    this.metrics = metrics;
  }

  @Override
  public Batch next() {
    if (closed) {
      return null;
    }
    while (current == null || !current.hasNext()) {
      if (nextMap >= mapOutputs.size()) {
        return null;
      }
      current = manager.block(mapOutputs.get(nextMap++), reducePartition).iterator();
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
