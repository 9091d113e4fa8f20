package dev.ember.shuffle.partition;

import dev.ember.core.vector.Batch;

/**
 * Assigns each row of a batch to a reduce partition of a shuffle. One map task owns one
 * partitioner (some keep state between batches, as round robin does); not thread-safe.
 */
public interface Partitioner {
  int partitionCount();

  /** Fills {@code partitions[0..batch.rowCount())} with each row's reduce partition. */
  void assign(Batch batch, int[] partitions);
}
