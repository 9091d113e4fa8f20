package dev.ember.shuffle.partition;

import dev.ember.core.vector.Batch;
import java.util.Arrays;

/** Every row to partition 0. */
public final class SinglePartitioner implements Partitioner {
  @Override
  public int partitionCount() {
    return 1;
  }

  @Override
  public void assign(Batch batch, int[] partitions) {
    Arrays.fill(partitions, 0, batch.rowCount(), 0);
  }
}
