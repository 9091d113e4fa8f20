package dev.ember.shuffle.sort;

import dev.ember.core.memory.MemoryConsumer;
import dev.ember.core.memory.TaskMemory;

/**
 * A task memory with a fixed budget that refuses what does not fit; with {@code askToSpill} it
 * first asks the requester to spill (as the real manager does) and grants what that freed.
 */
final class FakeTaskMemory implements TaskMemory {
  private final long budget;
  private final boolean askToSpill;
  private long used;
  long refusals;
  long spillRequests;
  long peak;

  FakeTaskMemory(long budget, boolean askToSpill) {
    this.budget = budget;
    this.askToSpill = askToSpill;
  }

  @Override
  public long reserve(long bytes, MemoryConsumer consumer) {
    if (used + bytes > budget && askToSpill) {
      spillRequests++;
      consumer.spill(used + bytes - budget);
    }
    long granted = Math.max(0, Math.min(bytes, budget - used));
    if (granted < bytes) {
      refusals++;
    }
    used += granted;
    peak = Math.max(peak, used);
    return granted;
  }

  @Override
  public void release(long bytes, MemoryConsumer consumer) {
    if (bytes > used) {
      throw new IllegalStateException(consumer.name() + " released " + bytes + " bytes but holds " + used);
    }
    used -= bytes;
  }

  @Override
  public long used() {
    return used;
  }
}
