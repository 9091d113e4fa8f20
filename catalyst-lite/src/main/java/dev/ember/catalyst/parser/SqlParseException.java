package dev.ember.catalyst.parser;

/**
 * A statement that does not parse. The message, like Spark's, names the token found, what was
 * expected, the line and column (both from 1), and shows the statement's line with a caret under
 * the position. The DataFrame API rethrows it as its
 * {@code ParseException}, an {@code AnalysisException}. (Not an {@code AnalysisFailure}: the
 * analysis package imports this one, and packages do not import each other.)
 */
public final class SqlParseException extends RuntimeException {
  private final int line;
  private final int column;
  private final String found;
  private final String expected;

  public SqlParseException(String sql, Token token, String expected) {
    this(sql, token.line(), token.column(), token.describe(), expected);
  }

  public SqlParseException(String sql, int line, int column, String found, String expected) {
    super(message(sql, line, column, found, expected));
    this.line = line;
    this.column = column;
    this.found = found;
    this.expected = expected;
  }

  /** The line of the error, from 1. */
  public int line() {
    return line;
  }

  /** The column of the error, from 1. */
  public int column() {
    return column;
  }

  /** The token found at the error, as the message quotes it. */
  public String found() {
    return found;
  }

  /** What the parser expected there. */
  public String expected() {
    return expected;
  }

  private static String message(String sql, int line, int column, String found, String expected) {
    String[] lines = sql.split("\r\n|\r|\n", -1);
    String text = line - 1 < lines.length ? lines[line - 1] : "";
    return "[PARSE_SYNTAX_ERROR] Syntax error at or near " + found + ": expected " + expected
        + ". (line " + line + ", pos " + (column - 1) + ")\n\n== SQL ==\n" + text + "\n"
        + "-".repeat(Math.max(0, column - 1)) + "^^^\n";
  }
}
