package dev.ember.core.shuffle;

import dev.ember.core.plan.Partitioning;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.Objects;

/**
 * One shuffle: {@code mapPartitionCount} map tasks each split their output rows by
 * {@code partitioning} into {@code partitioning.partitionCount()} reduce blocks. For range
 * partitioning, {@code rangeBounds} holds the sampled upper bounds (partitionCount - 1 rows of the
 * sort-key columns, ascending in the sort order); it is null otherwise.
 */
public record ShuffleDependency(
    int shuffleId, int mapPartitionCount, Partitioning partitioning, Schema schema, Batch rangeBounds) {
  public ShuffleDependency {
    Objects.requireNonNull(partitioning, "partitioning is null");
    Objects.requireNonNull(schema, "schema is null");
    if (partitioning instanceof Partitioning.Range && rangeBounds == null) {
      throw new IllegalArgumentException("range partitioning of shuffle " + shuffleId + " needs its bounds");
    }
  }

  public int reducePartitionCount() {
    return partitioning.partitionCount();
  }
}
