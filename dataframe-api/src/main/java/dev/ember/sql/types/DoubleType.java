package dev.ember.sql.types;

/** The type of double values; the single instance is {@link DataTypes#DoubleType}. */
public final class DoubleType extends DataType {
  static final DoubleType INSTANCE = new DoubleType();

  private DoubleType() {}

  @Override
  public String typeName() {
    return "double";
  }

  @Override
  public String simpleString() {
    return "double";
  }
}
