package dev.ember.core.task;

/** Thrown by a task attempt that a test asked to fail (see {@link Task#injectedFailure()}). */
public final class InjectedTaskFailureException extends RuntimeException {
  public InjectedTaskFailureException(String message) {
    super(message);
  }
}
