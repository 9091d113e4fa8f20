package dev.ember.core.task;

import dev.ember.core.failure.DeterministicFailure;
import dev.ember.core.shuffle.FetchFailedException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An exception made portable: its class name, message, stack trace and cause chain as plain data,
 * so that any error of a task (whatever its class) crosses process boundaries and is rebuilt on the
 * driver as a {@link RemoteTaskException}. A fetch failure also keeps its shuffle, map and reduce ids.
 *
 * @param deterministic the exception or one of its causes is a {@link DeterministicFailure}: another
 *     attempt would fail the same way, so the scheduler does not retry the task
 */
public record TaskFailure(
    String className, String message, List<StackFrame> stackTrace, TaskFailure cause, FetchFailure fetchFailure,
    boolean deterministic) {
  /** Causes deeper than this are cut (and cycles never followed). */
  private static final int MAX_CAUSE_DEPTH = 8;

  public TaskFailure {
    Objects.requireNonNull(className, "className is null");
    stackTrace = List.copyOf(Objects.requireNonNull(stackTrace, "stackTrace is null"));
  }

  /** One line of a stack trace. */
  public record StackFrame(String declaringClass, String methodName, String fileName, int lineNumber) {
    public StackFrame {
      Objects.requireNonNull(declaringClass, "declaringClass is null");
      Objects.requireNonNull(methodName, "methodName is null");
    }
  }

  /** The ids of a {@link FetchFailedException}: which map output was lost. */
  public record FetchFailure(int shuffleId, int mapId, int reduceId) {}

  public static TaskFailure of(Throwable error) {
    return of(error, 0, new IdentityHashMap<>());
  }

  private static TaskFailure of(Throwable error, int depth, Map<Throwable, Boolean> seen) {
    seen.put(error, Boolean.TRUE);
    if (error instanceof RemoteTaskException remote) {
      return remote.failure();
    }
    List<StackFrame> frames = new ArrayList<>();
    for (StackTraceElement element : error.getStackTrace()) {
      frames.add(new StackFrame(
          element.getClassName(), element.getMethodName(), element.getFileName(), element.getLineNumber()));
    }
    Throwable next = error.getCause();
    TaskFailure cause = next != null && depth < MAX_CAUSE_DEPTH && !seen.containsKey(next)
        ? of(next, depth + 1, seen)
        : null;
    FetchFailure fetch = error instanceof FetchFailedException fetchFailed
        ? new FetchFailure(fetchFailed.shuffleId(), fetchFailed.mapId(), fetchFailed.reduceId())
        : null;
    boolean deterministic = error instanceof DeterministicFailure || (cause != null && cause.deterministic());
    return new TaskFailure(error.getClass().getName(), error.getMessage(), frames, cause, fetch, deterministic);
  }

  /** The innermost cause: where the error began (its message usually names the file, line and value). */
  public TaskFailure rootCause() {
    TaskFailure root = this;
    while (root.cause() != null) {
      root = root.cause();
    }
    return root;
  }

  public boolean isFetchFailure() {
    return fetchFailure != null;
  }

  /** The exception as the driver sees it: original class name and message, stack trace and causes. */
  public RemoteTaskException toException() {
    return new RemoteTaskException(this);
  }

  /** {@code ClassName: message}, as {@link Throwable#toString()}. */
  public String summary() {
    return message == null ? className : className + ": " + message;
  }
}
