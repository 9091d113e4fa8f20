package dev.ember.core.scheduler.listener;

import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Where an exception thrown by a {@link JobListener} goes besides the log. The scheduler never
 * lets a listener fail a job (as Spark's listener bus), so a test whose assertions run inside a
 * listener would pass unchecked; tests install a handler (the engine-core test fixture does) that
 * collects these failures and fails the test.
 */
public final class ListenerFailures {
  private static final BiConsumer<JobListener, RuntimeException> IGNORE = (listener, failure) -> {};
  private static volatile BiConsumer<JobListener, RuntimeException> handler = IGNORE;

  private ListenerFailures() {}

  /** Sends later listener failures to {@code newHandler}; returns the previous handler. */
  public static BiConsumer<JobListener, RuntimeException> setHandler(BiConsumer<JobListener, RuntimeException> newHandler) {
    BiConsumer<JobListener, RuntimeException> previous = handler;
    handler = Objects.requireNonNull(newHandler, "newHandler is null");
    return previous;
  }

  /** Called by the listener bus after it logged the failure. */
  public static void report(JobListener listener, RuntimeException failure) {
    handler.accept(listener, failure);
  }
}
