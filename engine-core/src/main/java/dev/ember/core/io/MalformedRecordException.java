package dev.ember.core.io;

import dev.ember.core.failure.DeterministicFailure;

/**
 * A record of an input file could not be read in FAILFAST mode. The message names the file, the
 * 1-based line number where the record begins, the column (when one field is at fault) and the
 * bad value. Deterministic: reading the same file again fails the same way, so it is not retried.
 */
public final class MalformedRecordException extends RuntimeException implements DeterministicFailure {
  private final String path;
  private final long lineNumber;
  private final String column;

  /**
   * @param path the file's absolute path
   * @param lineNumber the 1-based line on which the record begins
   * @param column the column at fault, or null when the record as a whole is malformed
   * @param problem what is wrong, e.g. {@code cannot parse 'abc' as double}
   */
  public MalformedRecordException(String path, long lineNumber, String column, String problem) {
    super("Malformed CSV record in file:" + path + " line " + lineNumber
        + (column == null ? "" : ", column \"" + column + "\"") + ": " + problem);
    this.path = path;
    this.lineNumber = lineNumber;
    this.column = column;
  }

  /** The absolute path of the file that holds the record. */
  public String path() {
    return path;
  }

  /** The 1-based line number on which the record begins. */
  public long lineNumber() {
    return lineNumber;
  }

  /** The name of the column at fault, or null when the whole record is (wrong field count, unclosed quote). */
  public String column() {
    return column;
  }
}
