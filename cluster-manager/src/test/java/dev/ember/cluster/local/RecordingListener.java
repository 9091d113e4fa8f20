package dev.ember.cluster.local;

import dev.ember.core.scheduler.listener.JobEndEvent;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.JobStartEvent;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.scheduler.listener.TaskStartEvent;
import dev.ember.core.scheduler.JobRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keeps every event in arrival order. Events come on the listener bus's thread after the job
 * returned, so reading them first waits until the bus of the runner listened to is drained.
 */
final class RecordingListener implements JobListener {
  private final List<Object> events = Collections.synchronizedList(new ArrayList<>());
  private volatile JobRunner runner;

  /** Registers this listener with {@code runner}; reads wait for its bus. */
  void listenTo(JobRunner listened) {
    runner = listened;
    listened.addListener(this);
  }

  /** Every event so far, once the bus delivered what was posted before this call. */
  List<Object> events() {
    JobRunner listened = runner;
    if (listened != null && !listened.waitUntilListenerBusEmpty(Duration.ofSeconds(30))) {
      throw new AssertionError("the listener bus did not drain within 30 s");
    }
    return events;
  }

  @Override
  public void onJobStart(JobStartEvent event) {
    events.add(event);
  }

  @Override
  public void onJobEnd(JobEndEvent event) {
    events.add(event);
  }

  @Override
  public void onStageSubmitted(StageSubmittedEvent event) {
    events.add(event);
  }

  @Override
  public void onStageCompleted(StageCompletedEvent event) {
    events.add(event);
  }

  @Override
  public void onTaskStart(TaskStartEvent event) {
    events.add(event);
  }

  @Override
  public void onTaskEnd(TaskEndEvent event) {
    events.add(event);
  }

  <T> List<T> of(Class<T> type) {
    List<Object> all = events();
    synchronized (all) {
      return all.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }
}
