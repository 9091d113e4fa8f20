package dev.ember.sql.types;

import java.util.Objects;

/**
 * Fixed-point decimal numbers of {@code precision} digits, {@code scale} of them after the point
 * (Spark's {@code DecimalType}): 1 <= precision <= 38, 0 <= scale <= precision. Values are
 * {@link java.math.BigDecimal} at the API edge.
 */
public final class DecimalType extends DataType {
  /** Spark's {@code DecimalType.MAX_PRECISION}. */
  public static final int MAX_PRECISION = 38;
  /** Spark's {@code DecimalType.USER_DEFAULT}: DECIMAL(10,0), what {@code DECIMAL} alone means in DDL. */
  public static final DecimalType USER_DEFAULT = new DecimalType(10, 0);

  private final int precision;
  private final int scale;

  /** @throws IllegalArgumentException unless 1 <= precision <= 38 and 0 <= scale <= precision */
  public DecimalType(int precision, int scale) {
    if (precision < 1 || precision > MAX_PRECISION) {
      throw new IllegalArgumentException(
          "[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] decimal precision " + precision + " must be between 1 and " + MAX_PRECISION);
    }
    if (scale < 0 || scale > precision) {
      throw new IllegalArgumentException("decimal scale " + scale + " must be between 0 and the precision " + precision);
    }
    this.precision = precision;
    this.scale = scale;
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

  @Override
  public boolean equals(Object other) {
    return other instanceof DecimalType decimal && decimal.precision == precision && decimal.scale == scale;
  }

  @Override
  public int hashCode() {
    return Objects.hash(precision, scale);
  }

  /** Spark's rendering: {@code DecimalType(10,2)}. */
  @Override
  public String toString() {
    return "DecimalType(" + precision + "," + scale + ")";
  }
}
