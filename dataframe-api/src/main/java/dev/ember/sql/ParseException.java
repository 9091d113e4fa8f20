package dev.ember.sql;

/**
 * A SQL statement that does not parse. The message names the token found and what was expected,
 * with the line and column, and shows the statement's line with a caret under the position, as
 * Spark's does; {@link #line()} and {@link #column()} give the position to tools.
 */
public class ParseException extends AnalysisException {
  private final int line;
  private final int column;

  public ParseException(String message, int line, int column, Throwable cause) {
    super(message, cause);
    this.line = line;
    this.column = column;
  }

  /** The line of the error, from 1. */
  public int line() {
    return line;
  }

  /** The column of the error, from 1. */
  public int column() {
    return column;
  }
}
