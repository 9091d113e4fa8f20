package dev.ember.core.expression.evaluation;

import dev.ember.core.failure.DeterministicFailure;

/**
 * A user-defined function returned a value that is not of its declared return type: every attempt
 * would return it again, so the job fails at once.
 */
public final class UserFunctionResultException extends UserFunctionException implements DeterministicFailure {
  public UserFunctionResultException(String message) {
    super(message, null);
  }
}
