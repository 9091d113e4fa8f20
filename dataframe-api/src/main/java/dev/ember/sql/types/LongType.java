package dev.ember.sql.types;

/** The type of long values; the single instance is {@link DataTypes#LongType}. */
public final class LongType extends DataType {
  static final LongType INSTANCE = new LongType();

  private LongType() {}

  @Override
  public String typeName() {
    return "long";
  }

  @Override
  public String simpleString() {
    return "bigint";
  }
}
