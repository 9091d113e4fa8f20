package dev.ember.ui.status;

import java.util.List;

/**
 * A cached DataFrame as Spark's {@code RDDStorageInfo}: {@code id} is its cache id, {@code name}
 * its plan, {@code numPartitions} the partitions of its cached plan, {@code storageLevel} the level
 * asked for. The executors report their blocks with their task results: {@code
 * numCachedPartitions}, {@code memoryUsed}, {@code diskUsed} and {@code partitions} are what they
 * hold as of their last report ({@code numPartitions} is -1 when only blocks are known, as in a
 * replayed log).
 */
public record RddStorageInfo(
    int id, String name, int numPartitions, int numCachedPartitions, String storageLevel, long memoryUsed,
    long diskUsed, List<Partition> partitions) {
  public RddStorageInfo {
    partitions = List.copyOf(partitions);
  }

  /** A cached DataFrame as the session knows it, before the executors' blocks are added. */
  public static RddStorageInfo declared(int id, String name, int numPartitions, String storageLevel) {
    return new RddStorageInfo(id, name, numPartitions, 0, storageLevel, 0, 0, List.of());
  }

  /**
   * One cached partition as Spark's {@code RDDPartitionInfo}: {@code blockName} {@code rdd_<id>_<p>},
   * its bytes on the heap and on disk summed over the executors that hold it.
   */
  public record Partition(String blockName, String storageLevel, long memoryUsed, long diskUsed, List<String> executors) {
    public Partition {
      executors = List.copyOf(executors);
    }
  }
}
