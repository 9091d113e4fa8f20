package dev.ember.core.shuffle;

import dev.ember.core.vector.Batch;

/**
 * Writes one map task's output for one shuffle. Owned by the task thread. {@link #commit()}
 * publishes the output atomically; {@link #close()} without a commit discards whatever was
 * written, so a failed attempt leaves nothing behind.
 */
public interface ShuffleWriter extends AutoCloseable {
  void write(Batch batch);

  MapStatus commit();

  @Override
  void close();
}
