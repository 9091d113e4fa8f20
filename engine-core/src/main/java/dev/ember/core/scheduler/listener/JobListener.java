package dev.ember.core.scheduler.listener;

/**
 * Receives the life of every job: job, stage and task starts and ends with their metrics. Tests,
 * the console progress bar and later the web UI are listeners.
 *
 * <p>Events are delivered in order on the DAG scheduler's event-loop thread (not the thread that
 * called {@code runJob}), after the state they describe has changed; while a listener runs, the
 * scheduler waits, so a listener must return quickly and must not run jobs itself. An exception
 * thrown by a listener is logged and does not affect the job.
 */
public interface JobListener {
  default void onJobStart(JobStartEvent event) {}

  default void onJobEnd(JobEndEvent event) {}

  default void onStageSubmitted(StageSubmittedEvent event) {}

  default void onStageCompleted(StageCompletedEvent event) {}

  default void onTaskStart(TaskStartEvent event) {}

  default void onTaskEnd(TaskEndEvent event) {}
}
