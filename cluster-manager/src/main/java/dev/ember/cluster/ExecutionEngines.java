package dev.ember.cluster;

import dev.ember.cluster.local.LocalBackend;
import dev.ember.cluster.local.LocalMaster;
import dev.ember.core.scheduler.DagScheduler;
import dev.ember.core.scheduler.JobRunner;
import dev.ember.core.scheduler.SchedulerSettings;
import java.util.Map;
import java.util.Objects;

/** Starts the execution side of a session for a master URL. */
public final class ExecutionEngines {
  private ExecutionEngines() {}

  /**
   * Starts executors for {@code master} ({@code local}, {@code local[N]}, {@code local[*]}) and
   * returns the job runner that schedules onto them. {@code settings} holds the session's
   * {@code ember.*} configuration (for example {@code ember.task.maxFailures}) and may hold the
   * test-only {@code test.ember.failTasks} (see {@link dev.ember.core.scheduler.FaultInjection}).
   *
   * @throws IllegalArgumentException for a master URL this version cannot run, naming the accepted forms
   */
  public static JobRunner start(String master, Map<String, String> settings) {
    Objects.requireNonNull(settings, "settings is null");
    LocalMaster local = LocalMaster.parse(master);
    SchedulerSettings schedulerSettings = SchedulerSettings.from(settings);
    return new DagScheduler(new LocalBackend(local.threads(), settings), schedulerSettings);
  }
}
