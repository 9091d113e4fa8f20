package dev.ember.core.io.csv;

import dev.ember.core.operator.Operator;
import dev.ember.core.operator.TaskContext;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.vector.Batch;
import java.util.List;

/** A task context for tests of source operators: no shuffles, no broadcasts. */
final class FakeTaskContext implements TaskContext {
  private final TaskMetrics metrics = new TaskMetrics();
  private final int partition;

  FakeTaskContext(int partition) {
    this.partition = partition;
  }

  @Override
  public int stageId() {
    return 0;
  }

  @Override
  public int partition() {
    return partition;
  }

  @Override
  public int attempt() {
    return 0;
  }

  @Override
  public long taskId() {
    return partition;
  }

  @Override
  public Operator shuffleRead(int shuffleId, int reducePartition) {
    throw new UnsupportedOperationException("no shuffle in CSV tests");
  }

  @Override
  public List<Batch> broadcast(int broadcastId) {
    throw new UnsupportedOperationException("no broadcast in CSV tests");
  }

  @Override
  public TaskMetrics metrics() {
    return metrics;
  }
}
