package dev.ember.sql.types;

/** The type of integer values; the single instance is {@link DataTypes#IntegerType}. */
public final class IntegerType extends DataType {
  static final IntegerType INSTANCE = new IntegerType();

  private IntegerType() {}

  @Override
  public String typeName() {
    return "integer";
  }

  @Override
  public String simpleString() {
    return "int";
  }
}
