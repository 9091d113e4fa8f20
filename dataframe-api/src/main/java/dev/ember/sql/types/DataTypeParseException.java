package dev.ember.sql.types;

/**
 * A DDL string ({@code StructType.fromDDL}, {@code Column.cast(String)}) that does not parse. The
 * message quotes the text near the error and its 0-based position, as Spark's ParseException.
 */
public class DataTypeParseException extends IllegalArgumentException {
  private final int position;

  public DataTypeParseException(String message, int position) {
    super(message);
    this.position = position;
  }

  /** The 0-based character position of the error in the parsed text. */
  public int position() {
    return position;
  }
}
