package dev.ember.core.io.csv;

import dev.ember.core.operator.Operator;
import dev.ember.core.vector.Batch;
import java.util.Iterator;
import java.util.List;

/** An operator over given batches, optionally failing after them; records whether it was closed. */
final class BatchesOperator implements Operator {
  private final Iterator<Batch> batches;
  private final RuntimeException failure;
  boolean closed;

  BatchesOperator(List<Batch> batches) {
    this(batches, null);
  }

  BatchesOperator(List<Batch> batches, RuntimeException failureAtEnd) {
    this.batches = batches.iterator();
    this.failure = failureAtEnd;
  }

  @Override
  public Batch next() {
    if (batches.hasNext()) {
      return batches.next();
    }
    if (failure != null) {
      throw failure;
    }
    return null;
  }

  @Override
  public void close() {
    closed = true;
  }
}
