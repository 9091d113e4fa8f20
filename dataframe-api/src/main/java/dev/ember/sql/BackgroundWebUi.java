package dev.ember.sql;

import dev.ember.core.logging.LazyLogger;
import dev.ember.ui.server.WebUi;
import dev.ember.ui.status.AppStatusStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A session's web UI server, started on a daemon thread of its own ({@code ember-ui-start}) so
 * that the session's start does not wait for it: creating and binding the HTTP server, loading its
 * classes and logging its address take a fresh JVM about 70 ms on a 2-core machine, more than the
 * rest of the start. The status store it serves is registered as a job listener before (by the
 * caller), so it misses no event; the server's address is known once {@link #await} returns.
 *
 * <p>A server that cannot start (no port at all could be bound) is logged as an error and the
 * session runs without a UI, as {@link EmberSession#uiWebUrl()} then says (empty).
 *
 * <p>Threads: the start thread creates the server and writes {@link #webUi} before it ends;
 * {@link #await} and {@link #close} may be called from any thread and join it first, so they see
 * what it wrote.
 */
final class BackgroundWebUi implements AutoCloseable {
  private static final LazyLogger LOG = new LazyLogger(BackgroundWebUi.class);
  private static final Runnable NOTHING = new Nothing();

  private final String appName;
  private final Supplier<List<AppStatusStore>> applications;
  private final int port;
  /** Runs on the start thread before the server starts; tests hold the start there. */
  private final Runnable beforeStart;
  private final Thread thread;
  /** Written by the start thread only; null until it started a server, and when it could not. */
  private volatile WebUi webUi;

  private BackgroundWebUi(String appName, Supplier<List<AppStatusStore>> applications, int port, Runnable beforeStart) {
    this.appName = appName;
    this.applications = applications;
    this.port = port;
    this.beforeStart = beforeStart;
    // A named class, not a lambda: no lambda class to spin on the session's start path.
    this.thread = new Thread(new Start(), "ember-ui-start");
    thread.setDaemon(true);
  }

  /** Starts serving {@code applications} on {@code port} (see {@link WebUi#start}) on a thread of its own. */
  static BackgroundWebUi start(String appName, Supplier<List<AppStatusStore>> applications, int port) {
    return start(appName, applications, port, NOTHING);
  }

  /** As {@link #start(String, Supplier, int)}, running {@code beforeStart} on the start thread first (tests). */
  static BackgroundWebUi start(String appName, Supplier<List<AppStatusStore>> applications, int port,
      Runnable beforeStart) {
    BackgroundWebUi ui = new BackgroundWebUi(appName, applications, port, beforeStart);
    ui.thread.start();
    return ui;
  }

  /** Whether the start thread still runs. */
  boolean isStarting() {
    return thread.isAlive();
  }

  /** Waits for the start to end: the server, or empty when it could not start. */
  Optional<WebUi> await() {
    boolean interrupted = false;
    while (true) {
      try {
        // Bounded: binding a port either succeeds or fails, and the thread ends.
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return Optional.ofNullable(webUi);
  }

  /** Waits for the start, then stops the server if there is one; idempotent. */
  @Override
  public void close() {
    await().ifPresent(WebUi::close);
  }

  private final class Start implements Runnable {
    @Override
    public void run() {
      try {
        beforeStart.run();
        WebUi started = WebUi.start(applications, port, false);
        webUi = started;
        LOG.get().info("Ember web UI of '{}' at {}", appName, started.url());
      } catch (RuntimeException failed) {
        LOG.get().error("The web UI of '{}' could not start; the session runs without it: {}", appName,
            failed.getMessage(), failed);
      }
    }
  }

  private static final class Nothing implements Runnable {
    @Override
    public void run() {}
  }
}
