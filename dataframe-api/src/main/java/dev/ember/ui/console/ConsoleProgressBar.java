package dev.ember.ui.console;

import dev.ember.core.scheduler.listener.JobEndEvent;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.scheduler.listener.TaskStartEvent;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Draws the running stages as Spark does, {@code [Stage 3:====>  (12 + 2) / 40]}, on one line
 * that is redrawn in place ({@code \r}) every 200 ms once a stage has run for {@value
 * #SHOW_AFTER_MILLIS} ms, and erased when no stage runs. Events update the counts on the listener
 * bus's thread; the {@code ember-console-progress} thread draws; both hold this object's monitor.
 */
public final class ConsoleProgressBar implements JobListener, AutoCloseable {
  static final long SHOW_AFTER_MILLIS = 500;
  private static final long REFRESH_MILLIS = 200;
  private static final int TERMINAL_WIDTH = 80;

  /** A running stage's counts. */
  record StageProgress(int stageId, long submittedMillis, int total, int completed, int active) {}

  private final PrintStream out;
  private final Map<Integer, StageProgress> running = new LinkedHashMap<>();
  private final ScheduledExecutorService timer;
  private String lastLine = "";

  ConsoleProgressBar(PrintStream out, ScheduledExecutorService timer) {
    this.out = Objects.requireNonNull(out, "out is null");
    this.timer = timer;
  }

  /** A bar drawing on {@code out} every 200 ms from its own daemon thread; close it to stop. */
  public static ConsoleProgressBar start(PrintStream out) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "ember-console-progress");
      thread.setDaemon(true);
      return thread;
    });
    ConsoleProgressBar bar = new ConsoleProgressBar(out, timer);
    timer.scheduleWithFixedDelay(() -> bar.refresh(System.currentTimeMillis()), REFRESH_MILLIS, REFRESH_MILLIS,
        TimeUnit.MILLISECONDS);
    return bar;
  }

  @Override
  public synchronized void onStageSubmitted(StageSubmittedEvent event) {
    running.put(event.stageId(), new StageProgress(event.stageId(), event.timeMillis(), event.partitionCount(), 0, 0));
  }

  @Override
  public synchronized void onTaskStart(TaskStartEvent event) {
    running.computeIfPresent(event.stageId(), (id, stage) ->
        new StageProgress(id, stage.submittedMillis(), stage.total(), stage.completed(), stage.active() + 1));
  }

  @Override
  public synchronized void onTaskEnd(TaskEndEvent event) {
    running.computeIfPresent(event.stageId(), (id, stage) -> new StageProgress(id, stage.submittedMillis(),
        stage.total(), stage.completed() + (event.succeeded() ? 1 : 0), Math.max(0, stage.active() - 1)));
  }

  @Override
  public synchronized void onStageCompleted(StageCompletedEvent event) {
    running.remove(event.stageId());
    if (running.isEmpty()) {
      clear();
    }
  }

  @Override
  public synchronized void onJobEnd(JobEndEvent event) {
    running.clear();
    clear();
  }

  /** Draws the stages that have run longer than the threshold at {@code nowMillis}, if the line changed. */
  synchronized void refresh(long nowMillis) {
    List<StageProgress> shown = new ArrayList<>();
    for (StageProgress stage : running.values()) {
      if (nowMillis - stage.submittedMillis() >= SHOW_AFTER_MILLIS) {
        shown.add(stage);
      }
    }
    if (shown.isEmpty()) {
      return;
    }
    String line = line(shown, TERMINAL_WIDTH);
    if (!line.equals(lastLine)) {
      out.print('\r' + line);
      out.flush();
      lastLine = line;
    }
  }

  /**
   * Spark's rendering: the line's width shared by the stages (at most 3 shown), each
   * {@code [Stage id:===>   (done + running) / total]}.
   */
  static String line(List<StageProgress> stages, int width) {
    List<StageProgress> shown = stages.size() > 3 ? stages.subList(0, 3) : stages;
    int each = width / shown.size();
    StringBuilder line = new StringBuilder();
    for (StageProgress stage : shown) {
      String header = "[Stage " + stage.stageId() + ":";
      String tailer = "(" + stage.completed() + " + " + stage.active() + ") / " + stage.total() + "]";
      int barWidth = each - header.length() - tailer.length();
      line.append(header);
      if (barWidth > 0) {
        int done = stage.total() == 0 ? barWidth : (int) ((long) barWidth * stage.completed() / stage.total());
        StringBuilder bar = new StringBuilder();
        for (int i = 0; i < barWidth; i++) {
          bar.append(i < done ? '=' : i == done ? '>' : ' ');
        }
        line.append(bar);
      }
      line.append(tailer);
    }
    return line.toString();
  }

  private void clear() {
    if (!lastLine.isEmpty()) {
      out.print('\r' + " ".repeat(lastLine.length()) + '\r');
      out.flush();
      lastLine = "";
    }
  }

  /** Stops drawing and erases the line. */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
      try {
        timer.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      running.clear();
      clear();
    }
  }
}
