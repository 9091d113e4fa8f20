package dev.ember.sql;

import dev.ember.core.scheduler.JobFailedException;
import dev.ember.core.task.RemoteTaskException;
import dev.ember.core.expression.evaluation.UserFunctionException;
import dev.ember.core.expression.evaluation.UserFunctionLoadException;
import dev.ember.core.expression.evaluation.UserFunctionResultException;
import java.util.Objects;

/**
 * A job failed: Spark's {@code SparkException} role. Unchecked, thrown by the actions ({@code
 * count}, {@code collect}, {@code show}, {@code write().save}, ...). The message starts with the
 * root cause, the error where the failure began (for bad input: the file, line, column and value),
 * followed by which job failed and why it was not retried further. The cause chain is kept: its
 * causes carry the task's original exception class names ({@link #rootCauseClassName()}).
 */
public class EmberException extends RuntimeException {
  private final String rootCauseClassName;

  public EmberException(String message, Throwable cause, String rootCauseClassName) {
    super(message, cause);
    this.rootCauseClassName = Objects.requireNonNull(rootCauseClassName, "rootCauseClassName is null");
  }

  /** The class name of the exception where the failure began, as the task threw it (for example {@code dev.ember.core.io.MalformedRecordException}). */
  public String rootCauseClassName() {
    return rootCauseClassName;
  }

  /** The user-facing form of a failed job: root cause first, then the scheduler's account; the engine's exception is the cause. */
  static EmberException of(JobFailedException failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String className;
    String rootMessage;
    if (root instanceof RemoteTaskException remote) {
      className = remote.originalClassName();
      rootMessage = remote.originalMessage();
    } else {
      className = root.getClass().getName();
      rootMessage = root.getMessage();
    }
    String simpleName = className.substring(className.lastIndexOf('.') + 1);
    String head = rootMessage == null || rootMessage.isBlank() ? simpleName : rootMessage;
    // A user function's failure names the function and the row; its cause (the root) only says what the function threw.
    String userFunctionMessage = userFunctionMessage(failure);
    if (userFunctionMessage != null) {
      head = userFunctionMessage;
    }
    // The scheduler's account repeats the root cause after "most recent failure": said once is enough.
    String account = failure.getMessage() == null ? "" : failure.getMessage();
    int repeat = account.indexOf("; most recent failure:");
    if (repeat >= 0) {
      account = account.substring(0, repeat);
    }
    return new EmberException(head + " (" + simpleName + (account.isEmpty() ? "" : "; " + account) + ")", failure,
        className);
  }

  private static String userFunctionMessage(Throwable failure) {
    for (Throwable step = failure; step != null && step.getCause() != step; step = step.getCause()) {
      if (step instanceof RemoteTaskException remote && remote.originalMessage() != null
          && (remote.originalClassName().equals(UserFunctionException.class.getName())
              || remote.originalClassName().equals(UserFunctionResultException.class.getName())
              || remote.originalClassName().equals(UserFunctionLoadException.class.getName()))) {
        return remote.originalMessage();
      }
    }
    return null;
  }
}
