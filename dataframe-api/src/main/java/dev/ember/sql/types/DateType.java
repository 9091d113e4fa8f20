package dev.ember.sql.types;

/** The type of date values; the single instance is {@link DataTypes#DateType}. */
public final class DateType extends DataType {
  static final DateType INSTANCE = new DateType();

  private DateType() {}

  @Override
  public String typeName() {
    return "date";
  }

  @Override
  public String simpleString() {
    return "date";
  }
}
