package dev.ember.core.scheduler.listener;

/** The role of a stage in its job. */
public enum StageKind {
  /** Ends in a shuffle write: the parent side of a wide transformation. */
  SHUFFLE_MAP,
  /** Ends in a collect whose rows are shipped with every task of a later stage. */
  BROADCAST,
  /** The job's last stage: returns rows to the driver or writes files. */
  RESULT,
  /**
   * Runs a range exchange's map-stage plan once more to sample its sort keys, before the map
   * stage, so that the driver can choose the range bounds (Spark runs this as a separate job).
   */
  SAMPLE
}
