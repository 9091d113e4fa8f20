package dev.ember.core.operator.basic;

import dev.ember.core.operator.Operator;
import dev.ember.core.vector.Batch;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads several inputs one after another, opening each only when the previous one is exhausted
 * and closing it right away (coalesced partitions). Inputs are created lazily so that at most one
 * is open at a time.
 */
public final class ConcatenateOperator implements Operator {
  private final List<Supplier<Operator>> inputs;
  private int nextInput;
  private Operator current;

  public ConcatenateOperator(List<Supplier<Operator>> inputs) {
    this.inputs = List.copyOf(inputs);
  }

  @Override
  public Batch next() {
    while (true) {
      if (current == null) {
        if (nextInput >= inputs.size()) {
          return null;
        }
        current = inputs.get(nextInput++).get();
      }
      Batch batch = current.next();
      if (batch != null) {
        return batch;
      }
      current.close();
      current = null;
    }
  }

  @Override
  public void close() {
    if (current != null) {
      current.close();
      current = null;
    }
    nextInput = inputs.size();
  }
}
