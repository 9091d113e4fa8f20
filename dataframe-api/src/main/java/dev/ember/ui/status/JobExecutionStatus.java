package dev.ember.ui.status;

/** A job's state, Spark's {@code JobExecutionStatus}. */
public enum JobExecutionStatus {
  RUNNING,
  SUCCEEDED,
  FAILED
}
