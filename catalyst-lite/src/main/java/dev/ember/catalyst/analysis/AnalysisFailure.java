package dev.ember.catalyst.analysis;

/**
 * A plan or expression that cannot be resolved or type-checked. The message names the offending
 * expression and, for an unknown column, the columns that are available. The DataFrame API
 * rethrows it as {@code dev.ember.sql.AnalysisException} with the same message.
 */
public class AnalysisFailure extends RuntimeException {
  public AnalysisFailure(String message) {
    super(message);
  }
}
