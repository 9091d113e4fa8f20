package dev.ember.cluster;

import dev.ember.core.scheduler.JobRunner;
import java.util.Map;

/** Starts the execution side of a session for a master URL. */
public final class ExecutionEngines {
  private ExecutionEngines() {}

  /**
   * Starts executors for {@code master} ({@code local}, {@code local[N]}, {@code local[*]}) and
   * returns the job runner that schedules onto them. {@code settings} holds the session's
   * {@code ember.*} configuration (for example {@code ember.task.maxFailures}).
   *
   * @throws IllegalArgumentException for a master URL this version cannot run, naming the accepted forms
   */
  public static JobRunner start(String master, Map<String, String> settings) {
    throw new UnsupportedOperationException("not yet");
  }
}
