package dev.ember.ui.status;

/**
 * A cached DataFrame as Spark's {@code RDDStorageInfo}: {@code id} is its cache id, {@code name}
 * its plan, {@code numPartitions} the partitions of its cached plan, {@code storageLevel} the level
 * asked for. Executors do not report their blocks to the driver yet, so {@code
 * numCachedPartitions}, {@code memoryUsed} and {@code diskUsed} are -1 (unknown), never a guess.
 */
public record RddStorageInfo(
    int id, String name, int numPartitions, int numCachedPartitions, String storageLevel, long memoryUsed,
    long diskUsed) {}
