package dev.ember.sql;

import dev.ember.core.scheduler.DagScheduler;
import dev.ember.core.scheduler.listener.JobListener;

/** For tests in other packages: reaches the session's scheduler where a test must inject faults. */
public final class SessionInternals {
  private SessionInternals() {}

  /** See {@link DagScheduler#addSchedulingListener}: the listener runs on the job's scheduling thread. */
  public static void addSchedulingListener(EmberSession session, JobListener listener) {
    if (!(session.jobRunner() instanceof DagScheduler scheduler)) {
      throw new IllegalStateException("the session's job runner is not a DagScheduler: " + session.jobRunner());
    }
    scheduler.addSchedulingListener(listener);
  }
}
