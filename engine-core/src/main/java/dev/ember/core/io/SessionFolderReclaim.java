package dev.ember.core.io;

import dev.ember.core.logging.LazyLogger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One run of {@link Directories#reclaimSessionFolders} on a daemon thread of its own, so that a
 * session's start does not wait for a listing of the whole local directory ({@code /tmp} by default,
 * which may hold thousands of entries) and for the deletion of dead sessions' folders.
 *
 * <p>Only folders whose owner process is gone are deleted (see {@link ProcessOwner}): the folder of
 * the session that started the scan, and of any live process, are never touched, whichever runs first.
 *
 * <p>Threads: the scan thread owns the listing and the deletions; {@link #await} and {@link #close}
 * may be called from any thread. The owner (a shuffle manager) closes it when it closes: the scan
 * stops after the folder it is deleting, and close waits for that, so no {@code ember-*} thread
 * outlives its session.
 */
public final class SessionFolderReclaim implements AutoCloseable {
  private static final LazyLogger LOG = new LazyLogger(SessionFolderReclaim.class);
  /** Close waits this long for a scan to stop: it stops between folders, so only one huge folder's deletion could take longer. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private final Path localDirectory;
  private final Thread thread;
  private final CountDownLatch finished = new CountDownLatch(1);
  /** Set by close: the scan stops before its next folder. */
  private volatile boolean stopRequested;
  /** The folders deleted; written by the scan thread before {@link #finished} counts down. */
  private volatile List<Path> reclaimed = List.of();

  /** Runs on the scan thread before the listing; tests hold the scan there to prove nobody waits for it. */
  private final Runnable beforeScan;

  private SessionFolderReclaim(Path localDirectory, String threadName, Runnable beforeScan) {
    this.localDirectory = Objects.requireNonNull(localDirectory, "localDirectory is null");
    this.beforeScan = Objects.requireNonNull(beforeScan, "beforeScan is null");
    Objects.requireNonNull(threadName, "threadName is null");
    if (!threadName.startsWith("ember-")) {
      throw new IllegalArgumentException("the reclaim thread's name must start with ember-, got '" + threadName + "'");
    }
    // A named class, not a lambda: no lambda class to spin on the session's start path.
    this.thread = new Thread(new Scan(), threadName);
    thread.setDaemon(true);
  }

  /** Starts reclaiming the dead sessions' folders under {@code localDirectory} on a daemon thread named {@code threadName}. */
  public static SessionFolderReclaim start(Path localDirectory, String threadName) {
    return start(localDirectory, threadName, NOTHING);
  }

  /** As {@link #start(Path, String)}, running {@code beforeScan} on the scan thread first (tests). */
  static SessionFolderReclaim start(Path localDirectory, String threadName, Runnable beforeScan) {
    SessionFolderReclaim reclaim = new SessionFolderReclaim(localDirectory, threadName, beforeScan);
    reclaim.thread.start();
    return reclaim;
  }

  /** The name of the scan's thread. */
  public String threadName() {
    return thread.getName();
  }

  /** Whether the scan's thread still runs. */
  public boolean isRunning() {
    return thread.isAlive();
  }

  /** Waits until the scan has finished; false when {@code timeout} passed first. */
  public boolean await(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The folders the scan deleted (empty until it finished). */
  public List<Path> reclaimed() {
    return reclaimed;
  }

  /** Stops the scan after the folder it is on and waits for its thread (at most {@link #CLOSE_WAIT}); idempotent. */
  @Override
  public void close() {
    stopRequested = true;
    boolean interrupted = false;
    try {
      thread.join(CLOSE_WAIT);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (thread.isAlive()) {
      LOG.get().warn("The reclaim of stopped sessions' folders under {} did not stop within {} ms; it goes on in {}",
          localDirectory, CLOSE_WAIT.toMillis(), thread.getName());
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Scan implements Runnable {
    @Override
    public void run() {
      try {
        beforeScan.run();
        reclaimed = Directories.reclaimSessionFolders(localDirectory, new StopRequested());
      } catch (RuntimeException failed) {
        // A failed reclaim costs disk space, never the session: the next session's start tries again.
        LOG.get().warn("Cannot reclaim the folders of stopped sessions under {}: {}", localDirectory, failed.toString());
      } finally {
        finished.countDown();
      }
    }
  }

  private static final Runnable NOTHING = new Nothing();

  private static final class Nothing implements Runnable {
    @Override
    public void run() {}
  }

  private final class StopRequested implements BooleanSupplier {
    @Override
    public boolean getAsBoolean() {
      return stopRequested;
    }
  }
}
