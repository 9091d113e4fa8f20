package dev.ember.core.scheduler;

/**
 * A job failed because no executor was there to run its tasks for longer than
 * {@code ember.scheduler.noExecutorTimeout}: every executor was lost and the cluster gave none back.
 */
public final class NoExecutorsException extends IllegalStateException {
  public NoExecutorsException(String message) {
    super(message);
  }
}
