package dev.ember.core.operator.join;

import dev.ember.core.operator.Operator;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.List;

/** Batches already read from an input, then the rest of that input: an input "unread" after a change of plan. */
final class PrefixedOperator implements Operator {
  private final List<Batch> prefix;
  private final Operator rest;
  private int next;
  private boolean closed;

  PrefixedOperator(List<Batch> prefix, Operator rest) {
    this.prefix = new ArrayList<>(prefix);
    this.rest = rest;
  }

  @Override
  public Batch next() {
    if (closed) {
      return null;
    }
    if (next < prefix.size()) {
      Batch batch = prefix.get(next);
      // Dropped once handed out, so the buffered batches can be collected as they are consumed.
      prefix.set(next++, null);
      return batch;
    }
    return rest.next();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    prefix.clear();
    rest.close();
  }
}
