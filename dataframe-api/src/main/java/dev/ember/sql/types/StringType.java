package dev.ember.sql.types;

/** The type of string values; the single instance is {@link DataTypes#StringType}. */
public final class StringType extends DataType {
  static final StringType INSTANCE = new StringType();

  private StringType() {}

  @Override
  public String typeName() {
    return "string";
  }

  @Override
  public String simpleString() {
    return "string";
  }
}
