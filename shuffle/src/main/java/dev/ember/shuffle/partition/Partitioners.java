package dev.ember.shuffle.partition;

import dev.ember.core.plan.Partitioning;
import dev.ember.core.shuffle.ShuffleDependency;

/** The partitioner of one map task of a shuffle. */
public final class Partitioners {
  private Partitioners() {}

  public static Partitioner forMapTask(ShuffleDependency dependency, int mapId) {
    return switch (dependency.partitioning()) {
      case Partitioning.Hash hash -> new HashPartitioner(hash.keys(), hash.partitionCount());
      case Partitioning.Range range -> new RangePartitioner(range.orders(), dependency.rangeBounds(), range.partitionCount());
      case Partitioning.RoundRobin roundRobin -> new RoundRobinPartitioner(roundRobin.partitionCount(), mapId);
      case Partitioning.Single single -> new SinglePartitioner();
      case Partitioning.Broadcast broadcast -> throw new IllegalArgumentException(
          "shuffle " + dependency.shuffleId() + " has broadcast partitioning: broadcasts are collected, not shuffled");
    };
  }
}
