package dev.ember.core.operator.basic;

import dev.ember.core.operator.Operator;
import dev.ember.core.vector.Batch;

/** Passes on the first {@code limit} rows and then stops pulling from its child. */
public final class LimitOperator implements Operator {
  private final Operator child;
  private boolean closed;
  private long remaining;

  public LimitOperator(Operator child, long limit) {
    this.child = child;
    this.remaining = limit;
  }

  @Override
  public Batch next() {
    if (closed) {
      return null;
    }
    if (remaining <= 0) {
      return null;
    }
    Batch input = child.next();
    if (input == null) {
      return null;
    }
    if (input.rowCount() <= remaining) {
      remaining -= input.rowCount();
      return input;
    }
    Batch head = input.slice(0, (int) remaining);
    remaining = 0;
    return head;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      child.close();
    }
  }
}
