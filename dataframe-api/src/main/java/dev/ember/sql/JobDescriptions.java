package dev.ember.sql;

import java.lang.StackWalker.StackFrame;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A job's description as the web UI and listeners show it: the action, then where it came from.
 * For a DataFrame of {@code session.sql} that is the statement ({@code "collect: SELECT ..."}), else
 * the user's call site as Spark's {@code callSite}: the first stack frame outside Ember's library
 * packages and the JDK ({@code "count at com.acme.Report.main(Report.java:42)"}).
 */
final class JobDescriptions {
  /** Longest SQL text kept in a description; the rest is cut with an ellipsis. */
  static final int MAX_SQL_LENGTH = 200;
  private static final StackWalker WALKER = StackWalker.getInstance();

  private JobDescriptions() {}

  static String describe(String action, String sqlText) {
    if (sqlText != null) {
      return action + ": " + abbreviate(sqlText);
    }
    return callSite().map(site -> action + " at " + site).orElse(action);
  }

  /**
   * The same description as {@link #describe}, made when first asked for: for the DSL the stack is
   * captured now, as a throwable's backtrace (the JVM records it natively; no frame objects are
   * made), and read only if a listener's event or a failure's message shows the description. A
   * StackWalker walk costs tens of microseconds on every action of a young JVM, which a small job
   * that nobody looks at should not pay.
   */
  static Supplier<String> describeLater(String action, String sqlText) {
    if (sqlText != null) {
      return () -> describe(action, sqlText);
    }
    Throwable stack = new Throwable();
    return () -> callSite(stack.getStackTrace()).map(site -> action + " at " + site).orElse(action);
  }

  /** The statement on one line, whitespace runs collapsed, at most {@link #MAX_SQL_LENGTH} characters. */
  static String abbreviate(String sqlText) {
    String oneLine = sqlText.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_SQL_LENGTH ? oneLine : oneLine.substring(0, MAX_SQL_LENGTH - 1) + "…";
  }

  /** {@code class.method(File:line)} of the first frame that is the user's code, if there is one. */
  static Optional<String> callSite() {
    // A loop over the frames, not a stream pipeline: this runs on every action, mostly interpreted in a young JVM.
    StackFrame site = WALKER.walk(JobDescriptions::firstUserFrame);
    return site == null ? Optional.empty() : Optional.of(format(site));
  }

  /** {@link #callSite()} read from a captured stack: the same frame, formatted alike. */
  static Optional<String> callSite(StackTraceElement[] frames) {
    for (StackTraceElement frame : frames) {
      if (isUserCode(frame.getClassName())) {
        return Optional.of(format(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber()));
      }
    }
    return Optional.empty();
  }

  private static StackFrame firstUserFrame(Stream<StackFrame> frames) {
    Iterator<StackFrame> iterator = frames.iterator();
    while (iterator.hasNext()) {
      StackFrame frame = iterator.next();
      if (isUserCode(frame.getClassName())) {
        return frame;
      }
    }
    return null;
  }

  /**
   * Ember's library packages and the JDK's are not the user's; Ember's examples are (they are
   * programs written against the API, as a user's).
   */
  static boolean isUserCode(String className) {
    if (className.startsWith("dev.ember.")) {
      return className.startsWith("dev.ember.examples.");
    }
    return !(className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
        || className.startsWith("javax."));
  }

  private static String format(StackFrame frame) {
    return format(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
  }

  private static String format(String className, String methodName, String file, int line) {
    String location = file == null ? "Unknown Source" : file + ":" + line;
    return className + "." + methodName + "(" + location + ")";
  }
}
