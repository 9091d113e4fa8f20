package dev.ember.sql;

/**
 * A DataFrame that cannot be built: an unknown column, a type mismatch, a missing input path.
 * Unchecked, thrown when the DataFrame is built (analysis is eager), so it points at the line of
 * the DSL call that is wrong. The message names the offending expression and, for an unknown
 * column, the available ones.
 */
public class AnalysisException extends RuntimeException {
  public AnalysisException(String message) {
    super(message);
  }

  public AnalysisException(String message, Throwable cause) {
    super(message, cause);
  }
}
