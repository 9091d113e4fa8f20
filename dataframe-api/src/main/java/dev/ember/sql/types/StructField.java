package dev.ember.sql.types;

import java.util.Objects;

/** One named, typed column of a {@link StructType}; equal when name, type and nullability are. */
public final class StructField {
  private final String name;
  private final DataType dataType;
  private final boolean nullable;

  public StructField(String name, DataType dataType, boolean nullable) {
    this.name = Objects.requireNonNull(name, "name is null");
    this.dataType = Objects.requireNonNull(dataType, "dataType is null");
    this.nullable = nullable;
  }

  public String name() {
    return name;
  }

  public DataType dataType() {
    return dataType;
  }

  public boolean nullable() {
    return nullable;
  }

  /** {@code name TYPE} or {@code name TYPE NOT NULL}, quoting the name when needed. */
  public String toDDL() {
    return DdlParser.quoteIfNeeded(name) + " " + dataType.sql() + (nullable ? "" : " NOT NULL");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StructField field
        && name.equals(field.name) && dataType.equals(field.dataType) && nullable == field.nullable;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, dataType, nullable);
  }

  /** Spark's rendering: {@code StructField(a,IntegerType,true)}. */
  @Override
  public String toString() {
    return "StructField(" + name + "," + dataType + "," + nullable + ")";
  }
}
