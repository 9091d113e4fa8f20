package dev.ember.catalyst.planner;

/**
 * What the physical planner needs from the session's configuration: the partition count of
 * shuffles ({@code ember.sql.shuffle.partitions}) and the estimated size in bytes up to which a
 * join side is broadcast without a hint ({@code ember.sql.autoBroadcastJoinThreshold}; -1 turns
 * automatic broadcasting off).
 */
public record PlannerSettings(int shufflePartitions, long autoBroadcastJoinThreshold) {
  /** Spark's default threshold, 10 MB. */
  public static final long DEFAULT_AUTO_BROADCAST_JOIN_THRESHOLD = 10L * 1024 * 1024;

  public PlannerSettings {
    if (shufflePartitions < 1) {
      throw new IllegalArgumentException("ember.sql.shuffle.partitions must be positive: " + shufflePartitions);
    }
  }

  /** Shuffle partitions only: joins are broadcast on hints, never by size. */
  public PlannerSettings(int shufflePartitions) {
    this(shufflePartitions, -1);
  }

  public boolean autoBroadcasts(long sizeInBytes) {
    return autoBroadcastJoinThreshold >= 0 && sizeInBytes <= autoBroadcastJoinThreshold;
  }
}
