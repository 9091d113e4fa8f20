package dev.ember.cluster.local;

import dev.ember.core.scheduler.listener.JobEndEvent;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.JobStartEvent;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.scheduler.listener.TaskStartEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps every event in arrival order. */
final class RecordingListener implements JobListener {
  final List<Object> events = Collections.synchronizedList(new ArrayList<>());

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
    synchronized (events) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }
}
