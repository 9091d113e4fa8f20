package dev.ember.core.operator.scan;

import dev.ember.core.operator.Operator;
import dev.ember.core.vector.Batch;

/** Emits one in-memory partition in slices of at most {@link Batch#DEFAULT_ROWS} rows. */
public final class InMemoryScanOperator implements Operator {
  private final Batch partition;
  private int position;

  public InMemoryScanOperator(Batch partition) {
    this.partition = partition;
  }

  @Override
  public Batch next() {
    if (position >= partition.rowCount()) {
      return null;
    }
    if (position == 0 && partition.rowCount() <= Batch.DEFAULT_ROWS) {
      position = partition.rowCount();
      return partition;
    }
    int end = Math.min(partition.rowCount(), position + Batch.DEFAULT_ROWS);
    Batch slice = partition.slice(position, end);
    position = end;
    return slice;
  }

  @Override
  public void close() {}
}
