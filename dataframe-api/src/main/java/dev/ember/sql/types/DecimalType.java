package dev.ember.sql.types;

/**
 * Fixed-point decimal numbers. The type is reserved: Ember stores DECIMAL values once SQL support
 * arrives, so creating one fails with a clear error today.
 */
public final class DecimalType extends DataType {
  static final String NOT_YET = "DECIMAL arrives with SQL support; use DOUBLE or LONG for now";

  private final int precision;
  private final int scale;

  /** @throws UnsupportedOperationException always, until DECIMAL arrives with SQL support */
  public DecimalType(int precision, int scale) {
    throw new UnsupportedOperationException(NOT_YET + " (asked for DECIMAL(" + precision + "," + scale + "))");
  }

  public int precision() {
    return precision;
  }

  public int scale() {
    return scale;
  }

  @Override
  public String typeName() {
    return "decimal(" + precision + "," + scale + ")";
  }
}
