package dev.ember.core.expression.evaluation;

/**
 * A user-defined function failed on a row (Spark's {@code FAILED_EXECUTE_UDF}): the message names
 * the function, the row of the batch and its arguments; the cause is the function's own exception.
 * The task is retried as for any task error (the function may depend on something outside).
 */
public class UserFunctionException extends RuntimeException {
  public UserFunctionException(String message, Throwable cause) {
    super(message, cause);
  }
}
