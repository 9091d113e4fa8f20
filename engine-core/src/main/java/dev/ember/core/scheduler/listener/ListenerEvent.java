package dev.ember.core.scheduler.listener;

/**
 * One event of the listener bus: a job, stage, task or executor changed state. Events are immutable
 * values, queued by the scheduling thread and delivered later on the bus's dispatch thread, so an
 * event written to the event log and read back is the same value.
 */
public sealed interface ListenerEvent
    permits JobStartEvent, JobEndEvent, StageSubmittedEvent, StageCompletedEvent, TaskStartEvent, TaskEndEvent,
        ExecutorAddedEvent, ExecutorRemovedEvent {

  /** Calls the method of {@code listener} that receives this event. */
  default void deliverTo(JobListener listener) {
    switch (this) {
      case JobStartEvent event -> listener.onJobStart(event);
      case JobEndEvent event -> listener.onJobEnd(event);
      case StageSubmittedEvent event -> listener.onStageSubmitted(event);
      case StageCompletedEvent event -> listener.onStageCompleted(event);
      case TaskStartEvent event -> listener.onTaskStart(event);
      case TaskEndEvent event -> listener.onTaskEnd(event);
      case ExecutorAddedEvent event -> listener.onExecutorAdded(event);
      case ExecutorRemovedEvent event -> listener.onExecutorRemoved(event);
    }
  }
}
