package dev.ember.core.expression.evaluation;

import dev.ember.core.failure.DeterministicFailure;

/**
 * A user-defined function cannot be read where the task runs, most often because its class is not
 * on the executor's class path (its jar belongs in {@code ember.jars}). Every attempt would fail the
 * same way, so the job fails at once.
 */
public final class UserFunctionLoadException extends RuntimeException implements DeterministicFailure {
  public UserFunctionLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
