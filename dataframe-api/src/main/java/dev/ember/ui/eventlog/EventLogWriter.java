package dev.ember.ui.eventlog;

import dev.ember.core.logging.LazyLogger;
import dev.ember.core.scheduler.listener.ExecutorAddedEvent;
import dev.ember.core.scheduler.listener.ExecutorRemovedEvent;
import dev.ember.core.scheduler.listener.JobEndEvent;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.JobStartEvent;
import dev.ember.core.scheduler.listener.ListenerEvent;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.scheduler.listener.TaskStartEvent;
import dev.ember.ui.json.JsonWriter;
import dev.ember.ui.status.AppStatusStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Writes an application's events to {@code <dir>/<appId>.jsonl}, one JSON object a line: an
 * {@code ApplicationStart} line, every listener event, an {@code ApplicationEnd} line. While the
 * application runs the file is {@code <appId>.jsonl.inprogress} (Spark's convention); {@link
 * #close()} renames it. Lines are flushed at each job's end, so a crashed application's log holds
 * its finished jobs. A write error is logged once and ends logging; it never fails a job.
 *
 * <p><b>Threads.</b> Events arrive on the listener bus's thread; {@link #close()} comes from the
 * session's stop after the bus stopped. Both hold this writer's monitor.
 */
public final class EventLogWriter implements JobListener, AutoCloseable {
  public static final String SUFFIX = ".jsonl";
  public static final String IN_PROGRESS = ".inprogress";
  private static final LazyLogger LOG = new LazyLogger(EventLogWriter.class);

  private final Path inProgress;
  private final Path finished;
  private BufferedWriter out;

  private EventLogWriter(Path inProgress, Path finished, BufferedWriter out) {
    this.inProgress = inProgress;
    this.finished = finished;
    this.out = out;
  }

  /**
   * Creates {@code dir} if needed and starts the application's log.
   *
   * @throws UncheckedIOException when the directory or the file cannot be written
   */
  public static EventLogWriter start(Path dir, String appId, String appName, String version, long startTime) {
    Objects.requireNonNull(dir, "dir is null");
    try {
      Files.createDirectories(dir);
      Path finished = dir.resolve(appId + SUFFIX);
      Path inProgress = dir.resolve(appId + SUFFIX + IN_PROGRESS);
      BufferedWriter out = Files.newBufferedWriter(inProgress, StandardCharsets.UTF_8);
      EventLogWriter writer = new EventLogWriter(inProgress, finished, out);
      writer.line(new JsonWriter().beginObject().name("Event").value("ApplicationStart").name("appId").value(appId)
          .name("appName").value(appName).name("version").value(version).name("time").value(startTime)
          .endObject().toString());
      out.flush();
      return writer;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the event log in " + dir + " (ember.eventLog.dir)", e);
    }
  }

  /** Where the log is while the application runs. */
  public Path inProgressPath() {
    return inProgress;
  }

  /** Where the log is once the application ended. */
  public Path path() {
    return finished;
  }

  @Override
  public void onJobStart(JobStartEvent event) {
    write(event);
  }

  @Override
  public void onJobEnd(JobEndEvent event) {
    write(event);
    flush();
  }

  @Override
  public void onStageSubmitted(StageSubmittedEvent event) {
    write(event);
  }

  @Override
  public void onStageCompleted(StageCompletedEvent event) {
    write(event);
  }

  @Override
  public void onTaskStart(TaskStartEvent event) {
    write(event);
  }

  @Override
  public void onTaskEnd(TaskEndEvent event) {
    write(event);
  }

  @Override
  public void onExecutorAdded(ExecutorAddedEvent event) {
    write(event);
    flush();
  }

  @Override
  public void onExecutorRemoved(ExecutorRemovedEvent event) {
    write(event);
    flush();
  }

  private void write(ListenerEvent event) {
    // The graph is cut here, on the bus thread, from the job's plan: the log holds data, not plans.
    String json = EventJson.write(event, event instanceof JobStartEvent start ? AppStatusStore.graphOf(start) : null);
    synchronized (this) {
      line(json);
    }
  }

  private void line(String json) {
    if (out == null) {
      return;
    }
    try {
      out.write(json);
      out.write('\n');
    } catch (IOException e) {
      fail(e);
    }
  }

  private synchronized void flush() {
    if (out == null) {
      return;
    }
    try {
      out.flush();
    } catch (IOException e) {
      fail(e);
    }
  }

  private void fail(IOException e) {
    LOG.get().warn("the event log {} could not be written; logging stops (jobs go on)", inProgress, e);
    try {
      out.close();
    } catch (IOException ignored) {
      // Already failing.
    }
    out = null;
  }

  /** Writes the end line, closes the file and renames it to its finished name; idempotent. */
  public synchronized void close(long endTime) {
    if (out == null) {
      return;
    }
    line(new JsonWriter().beginObject().name("Event").value("ApplicationEnd").name("time").value(endTime)
        .endObject().toString());
    try {
      out.close();
      out = null;
      Files.move(inProgress, finished, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      out = null;
      LOG.get().warn("could not finish the event log {}", inProgress, e);
    }
  }

  @Override
  public void close() {
    close(System.currentTimeMillis());
  }
}
