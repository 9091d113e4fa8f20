package dev.ember.sql.types;

/**
 * The type of a column, as Spark's {@code DataType}: singletons such as {@link
 * DataTypes#IntegerType} for the atomic types, and {@link StructType} for a schema. Three
 * spellings: {@link #typeName()} ({@code integer}, used by printSchema), {@link #simpleString()}
 * ({@code int}, DDL style) and {@link #sql()} ({@code INT}).
 */
public abstract sealed class DataType
    permits BooleanType, IntegerType, LongType, DoubleType, StringType, DateType, TimestampType, DecimalType,
        StructType {
  DataType() {}

  /** The name printSchema shows: {@code boolean integer long double string date timestamp}. */
  public abstract String typeName();

  /** The short DDL spelling: {@code int}, {@code bigint}, {@code struct<a:int>}. */
  public String simpleString() {
    return typeName();
  }

  /** The SQL spelling: {@code INT}, {@code BIGINT}. */
  public String sql() {
    return simpleString().toUpperCase(java.util.Locale.ROOT);
  }

  /** Same as {@link #simpleString()}. */
  public String catalogString() {
    return simpleString();
  }

  /** Spark's rendering: the class name, {@code IntegerType}. */
  @Override
  public String toString() {
    return getClass().getSimpleName();
  }
}
