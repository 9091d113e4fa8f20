package dev.ember.sql.types;

import java.util.List;

/** Factory of data types, as Spark's Java {@code DataTypes}: the atomic singletons and builders. */
public final class DataTypes {
  public static final DataType BooleanType = dev.ember.sql.types.BooleanType.INSTANCE;
  public static final DataType IntegerType = dev.ember.sql.types.IntegerType.INSTANCE;
  public static final DataType LongType = dev.ember.sql.types.LongType.INSTANCE;
  public static final DataType DoubleType = dev.ember.sql.types.DoubleType.INSTANCE;
  public static final DataType StringType = dev.ember.sql.types.StringType.INSTANCE;
  public static final DataType DateType = dev.ember.sql.types.DateType.INSTANCE;
  public static final DataType TimestampType = dev.ember.sql.types.TimestampType.INSTANCE;

  private DataTypes() {}

  /**
   * DECIMAL(precision, scale).
   *
   * @throws IllegalArgumentException unless 1 <= precision <= 38 and 0 <= scale <= precision
   */
  public static DecimalType createDecimalType(int precision, int scale) {
    return new DecimalType(precision, scale);
  }

  /** DECIMAL(10,0), Spark's {@code DecimalType.USER_DEFAULT}. */
  public static DecimalType createDecimalType() {
    return DecimalType.USER_DEFAULT;
  }

  public static StructField createStructField(String name, DataType dataType, boolean nullable) {
    return new StructField(name, dataType, nullable);
  }

  public static StructType createStructType(List<StructField> fields) {
    return new StructType(fields.toArray(new StructField[0]));
  }

  public static StructType createStructType(StructField[] fields) {
    return new StructType(fields);
  }

  /**
   * The type named by a DDL type name, case-insensitive: BOOLEAN, INT/INTEGER, BIGINT/LONG,
   * DOUBLE, STRING, DATE, TIMESTAMP, DECIMAL[(p[,s])] (DECIMAL alone is DECIMAL(10,0)).
   *
   * @throws DataTypeParseException for an unknown name or invalid decimal arguments
   */
  public static DataType fromDDLTypeName(String typeName) {
    return DdlParser.parseType(typeName);
  }
}
