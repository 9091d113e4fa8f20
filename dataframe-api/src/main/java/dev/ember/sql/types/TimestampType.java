package dev.ember.sql.types;

/** The type of timestamp values; the single instance is {@link DataTypes#TimestampType}. */
public final class TimestampType extends DataType {
  static final TimestampType INSTANCE = new TimestampType();

  private TimestampType() {}

  @Override
  public String typeName() {
    return "timestamp";
  }

  @Override
  public String simpleString() {
    return "timestamp";
  }
}
