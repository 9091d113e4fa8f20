package dev.ember.catalyst.planner;

/**
 * What the physical planner needs from the session's configuration: the partition count of
 * shuffles ({@code ember.sql.shuffle.partitions}), the estimated size in bytes up to which a join
 * side is broadcast without a hint ({@code ember.sql.autoBroadcastJoinThreshold}; -1 turns
 * automatic broadcasting off), and the memory one task may give a join's hash table
 * ({@code joinMemoryBudget}, bytes; the session derives it from {@code ember.executor.memory}, see
 * {@link #joinMemoryBudget(long, int)}): a shuffled join whose hash table would not fit on either
 * side becomes a sort-merge join.
 */
public record PlannerSettings(int shufflePartitions, long autoBroadcastJoinThreshold, long joinMemoryBudget) {
  /** Spark's default threshold, 10 MB. */
  public static final long DEFAULT_AUTO_BROADCAST_JOIN_THRESHOLD = 10L * 1024 * 1024;
  /** No limit: shuffled equi-joins are always hash joins. */
  public static final long UNLIMITED_JOIN_MEMORY = Long.MAX_VALUE;
  /** The share of an executor's memory its tasks' execution memory gets (Spark's spark.memory.fraction). */
  public static final double EXECUTION_MEMORY_FRACTION = 0.6;

  public PlannerSettings {
    if (shufflePartitions < 1) {
      throw new IllegalArgumentException("ember.sql.shuffle.partitions must be positive: " + shufflePartitions);
    }
    if (joinMemoryBudget < 1) {
      throw new IllegalArgumentException("the join memory budget must be positive: " + joinMemoryBudget + " bytes");
    }
  }

  /** No memory limit on joins. */
  public PlannerSettings(int shufflePartitions, long autoBroadcastJoinThreshold) {
    this(shufflePartitions, autoBroadcastJoinThreshold, UNLIMITED_JOIN_MEMORY);
  }

  /** Shuffle partitions only: joins are broadcast on hints, never by size, and never sort-merged. */
  public PlannerSettings(int shufflePartitions) {
    this(shufflePartitions, -1);
  }

  /**
   * One task's share of an executor's execution memory: {@code executorMemory} × 0.6 divided among
   * the executor's {@code slots} concurrent tasks (at least one byte).
   */
  public static long joinMemoryBudget(long executorMemory, int slots) {
    if (executorMemory < 1 || slots < 1) {
      throw new IllegalArgumentException("executor memory " + executorMemory + " bytes and " + slots
          + " slots must both be positive");
    }
    return Math.max(1, (long) (executorMemory * EXECUTION_MEMORY_FRACTION / slots));
  }

  /**
   * The automatic broadcast threshold of a local session (one process): a quarter of what one task
   * may give a join's hash table ({@link #joinMemoryBudget(long, int)}), and never below Spark's
   * 10 MB. In one process a broadcast side is neither copied into tasks nor sent over a network
   * (executors read the driver's value by reference) and it is built into one hash table per
   * executor shared by its tasks, so the limit is memory, not transfer. A quarter, because one
   * pipeline may probe several broadcast tables at once (TPC-H Q5 probes five), a hash table takes
   * about twice the estimated bytes of its rows (keys, chains), and estimates err. With 1 GB of
   * executor memory and 2 slots that is 80 MB.
   */
  public static long localAutoBroadcastJoinThreshold(long executorMemory, int slots) {
    return Math.max(DEFAULT_AUTO_BROADCAST_JOIN_THRESHOLD, joinMemoryBudget(executorMemory, slots) / 4);
  }

  public boolean autoBroadcasts(long sizeInBytes) {
    return autoBroadcastJoinThreshold >= 0 && sizeInBytes <= autoBroadcastJoinThreshold;
  }

  /** Whether a hash table over a join side of this estimated size, split over {@code partitions} tasks, fits one task's budget. */
  public boolean hashTableFits(long sizeInBytes, int partitions) {
    long perTask = sizeInBytes / partitions + (sizeInBytes % partitions == 0 ? 0 : 1);
    return perTask <= joinMemoryBudget;
  }
}
