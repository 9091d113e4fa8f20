package dev.ember.ui.status;

/** A stage attempt's state, Spark's {@code StageStatus}. */
public enum StageStatus {
  ACTIVE,
  COMPLETE,
  FAILED,
  PENDING,
  SKIPPED
}
