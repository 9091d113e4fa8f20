package dev.ember.shuffle.partition;

import dev.ember.core.vector.Batch;
import dev.ember.core.vector.VectorHashing;
import java.util.Random;

/**
 * Deals rows to partitions in turn. As in Spark, each map task starts at a position derived from
 * its map id (so maps do not all pile their first rows onto partition 0), and a recomputed map
 * task deals its rows exactly as before.
 */
public final class RoundRobinPartitioner implements Partitioner {
  private final int partitionCount;
  private int position;

  public RoundRobinPartitioner(int partitionCount, int mapId) {
    if (partitionCount < 1) {
      throw new IllegalArgumentException("partition count must be positive: " + partitionCount);
    }
    this.partitionCount = partitionCount;
    this.position = new Random(VectorHashing.hashInt(mapId, VectorHashing.SEED)).nextInt(partitionCount);
  }

  @Override
  public int partitionCount() {
    return partitionCount;
  }

  @Override
  public void assign(Batch batch, int[] partitions) {
    int rows = batch.rowCount();
    int next = position;
    for (int row = 0; row < rows; row++) {
      partitions[row] = next;
      next = next + 1 == partitionCount ? 0 : next + 1;
    }
    position = next;
  }
}
