package dev.ember.sql;

import dev.ember.cluster.ExecutionEngines;
import dev.ember.core.scheduler.DagScheduler;
import dev.ember.core.scheduler.listener.JobListener;
import java.time.Duration;

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

  /**
   * Waits until the reclaim of killed sessions' folders that a local session's start began (on a
   * thread of its own, see {@link ExecutionEngines#awaitFolderReclaim}) has finished; false on timeout.
   */
  public static boolean awaitFolderReclaim(EmberSession session, Duration timeout) throws InterruptedException {
    return ExecutionEngines.awaitFolderReclaim(session.jobRunner(), timeout);
  }
}
