package dev.ember.core.operator.scan;

import dev.ember.core.operator.Operator;
import dev.ember.core.vector.Batch;
import java.util.Iterator;
import java.util.List;

/** Emits the collected batches of a broadcast, the same in every partition that reads it. */
public final class BroadcastScanOperator implements Operator {
  private final Iterator<Batch> batches;

  public BroadcastScanOperator(List<Batch> batches) {
    this.batches = batches.iterator();
  }

  @Override
  public Batch next() {
    return batches.hasNext() ? batches.next() : null;
  }

  @Override
  public void close() {}
}
