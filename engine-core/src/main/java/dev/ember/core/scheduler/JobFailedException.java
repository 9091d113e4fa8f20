package dev.ember.core.scheduler;

/** A job could not finish; the cause is the error of the task (or stage) that made it fail. */
public class JobFailedException extends RuntimeException {
  public JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
