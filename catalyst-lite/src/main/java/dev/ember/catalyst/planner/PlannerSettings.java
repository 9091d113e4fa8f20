package dev.ember.catalyst.planner;

/** What the physical planner needs from the session's configuration. */
public record PlannerSettings(int shufflePartitions) {
  public PlannerSettings {
    if (shufflePartitions < 1) {
      throw new IllegalArgumentException("ember.sql.shuffle.partitions must be positive: " + shufflePartitions);
    }
  }
}
