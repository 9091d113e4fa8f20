package dev.ember.core.operator;

import dev.ember.core.vector.Batch;
import java.util.List;

/** An operator over a fixed list of batches (zero-row batches included) that records how often it was closed. */
public final class BatchSource implements Operator {
  private final List<Batch> batches;
  private int next;
  private int closeCount;

  public BatchSource(List<Batch> batches) {
    this.batches = List.copyOf(batches);
  }

  @Override
  public Batch next() {
    if (closeCount > 0) {
      throw new IllegalStateException("next() after close()");
    }
    return next < batches.size() ? batches.get(next++) : null;
  }

  @Override
  public void close() {
    closeCount++;
  }

  public int closeCount() {
    return closeCount;
  }

  /** Whether every batch was pulled. */
  public boolean exhausted() {
    return next == batches.size();
  }
}
