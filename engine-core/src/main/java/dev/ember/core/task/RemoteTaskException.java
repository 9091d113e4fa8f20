package dev.ember.core.task;

/**
 * A task's error rebuilt on the driver from a {@link TaskFailure}: {@link #originalClassName()}
 * is the class of the exception the task threw, the message and stack trace are the task's, and
 * the cause chain is rebuilt the same way.
 */
public final class RemoteTaskException extends RuntimeException {
  private final TaskFailure failure;

  RemoteTaskException(TaskFailure failure) {
    super(failure.summary(), failure.cause() == null ? null : failure.cause().toException());
    this.failure = failure;
    StackTraceElement[] trace = new StackTraceElement[failure.stackTrace().size()];
    for (int i = 0; i < trace.length; i++) {
      TaskFailure.StackFrame frame = failure.stackTrace().get(i);
      trace[i] = new StackTraceElement(frame.declaringClass(), frame.methodName(), frame.fileName(), frame.lineNumber());
    }
    setStackTrace(trace);
  }

  /** The class name of the exception the task threw. */
  public String originalClassName() {
    return failure.className();
  }

  /** The message of the exception the task threw (may be null). */
  public String originalMessage() {
    return failure.message();
  }

  public TaskFailure failure() {
    return failure;
  }
}
