package dev.ember.sql.types;

/** The type of boolean values; the single instance is {@link DataTypes#BooleanType}. */
public final class BooleanType extends DataType {
  static final BooleanType INSTANCE = new BooleanType();

  private BooleanType() {}

  @Override
  public String typeName() {
    return "boolean";
  }

  @Override
  public String simpleString() {
    return "boolean";
  }
}
