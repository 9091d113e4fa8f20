package dev.ember.core.scheduler.listener;

/** The role of a stage in its job. */
public enum StageKind {
  /** Ends in a shuffle write: the parent side of a wide transformation. */
  SHUFFLE_MAP,
  /** Ends in a collect whose rows are shipped with every task of a later stage. */
  BROADCAST,
  /** The job's last stage: returns rows to the driver or writes files. */
  RESULT
}
