package dev.ember.core.scheduler.listener;

/**
 * Receives the life of every job: job, stage and task starts and ends with their metrics. Tests,
 * the console progress bar and later the web UI are listeners.
 *
 * <p>Events are delivered in order, after the state they describe has changed, on one thread of
 * the listener bus ({@code ember-listener-bus}), not on the thread that runs the job: a slow
 * listener delays the other listeners but never the job, and when the bus's queue is full newer
 * events are dropped (and counted). A listener must not run jobs itself. An exception thrown by a
 * listener is logged and does not affect the job. To see every event of a finished action, wait
 * for the bus to drain ({@code JobRunner.waitUntilListenerBusEmpty}).
 */
public interface JobListener {
  default void onJobStart(JobStartEvent event) {}

  default void onJobEnd(JobEndEvent event) {}

  default void onStageSubmitted(StageSubmittedEvent event) {}

  default void onStageCompleted(StageCompletedEvent event) {}

  default void onTaskStart(TaskStartEvent event) {}

  default void onTaskEnd(TaskEndEvent event) {}

  default void onExecutorAdded(ExecutorAddedEvent event) {}

  default void onExecutorRemoved(ExecutorRemovedEvent event) {}
}
