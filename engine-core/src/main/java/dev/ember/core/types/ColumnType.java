package dev.ember.core.types;

import java.util.Objects;

/**
 * The type of a column or expression. Precision and scale are meaningful for DECIMAL only and are
 * zero otherwise; the record leaves room for the decimal type without another class hierarchy.
 */
public record ColumnType(TypeKind kind, int precision, int scale) {
  public static final ColumnType BOOLEAN = new ColumnType(TypeKind.BOOLEAN, 0, 0);
  public static final ColumnType INT = new ColumnType(TypeKind.INT, 0, 0);
  public static final ColumnType LONG = new ColumnType(TypeKind.LONG, 0, 0);
  public static final ColumnType DOUBLE = new ColumnType(TypeKind.DOUBLE, 0, 0);
  public static final ColumnType STRING = new ColumnType(TypeKind.STRING, 0, 0);
  public static final ColumnType DATE = new ColumnType(TypeKind.DATE, 0, 0);
  public static final ColumnType TIMESTAMP = new ColumnType(TypeKind.TIMESTAMP, 0, 0);

  public ColumnType {
    Objects.requireNonNull(kind, "kind is null");
    if (kind != TypeKind.DECIMAL && (precision != 0 || scale != 0)) {
      throw new IllegalArgumentException("precision and scale apply to DECIMAL only, not " + kind);
    }
  }

  public static ColumnType decimal(int precision, int scale) {
    if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
      throw new IllegalArgumentException(
          "DECIMAL(" + precision + "," + scale + ") is invalid: need 1 <= precision <= 38 and 0 <= scale <= precision");
    }
    return new ColumnType(TypeKind.DECIMAL, precision, scale);
  }

  /**
   * Written out, not the record's generated equals: that one goes through a method-handle chain
   * that showed up as 12% of TPC-H Q1's samples (types are compared once per batch and column).
   */
  @Override
  public boolean equals(Object other) {
    return this == other
        || other instanceof ColumnType that && kind == that.kind && precision == that.precision && scale == that.scale;
  }

  @Override
  public int hashCode() {
    return (kind.hashCode() * 31 + precision) * 31 + scale;
  }

  public boolean isNumeric() {
    return kind.isNumeric();
  }

  /** The DDL spelling, as Spark prints it: {@code int}, {@code bigint}, {@code decimal(10,2)}. */
  public String simpleString() {
    return switch (kind) {
      case BOOLEAN -> "boolean";
      case INT -> "int";
      case LONG -> "bigint";
      case DOUBLE -> "double";
      case STRING -> "string";
      case DATE -> "date";
      case TIMESTAMP -> "timestamp";
      case DECIMAL -> "decimal(" + precision + "," + scale + ")";
    };
  }

  @Override
  public String toString() {
    return simpleString();
  }
}
