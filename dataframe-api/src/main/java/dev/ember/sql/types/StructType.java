package dev.ember.sql.types;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A schema: an ordered list of {@link StructField}s. Immutable; {@link #add} returns a new
 * StructType, so {@code new StructType().add("a", IntegerType).add("b", StringType)} builds one
 * step by step, as in Spark.
 */
public final class StructType extends DataType implements Iterable<StructField> {
  private final StructField[] fields;

  /** The empty schema. */
  public StructType() {
    this(new StructField[0]);
  }

  public StructType(StructField[] fields) {
    Objects.requireNonNull(fields, "fields is null");
    for (int i = 0; i < fields.length; i++) {
      Objects.requireNonNull(fields[i], "field " + i + " is null");
    }
    this.fields = fields.clone();
  }

  /**
   * Parses {@code "a INT, b STRING NOT NULL"}: comma-separated {@code name TYPE [NOT NULL]
   * [COMMENT '...']}, type names as in {@link DataTypes#fromDDLTypeName}, names optionally
   * back-quoted.
   *
   * @throws DataTypeParseException naming the position of a syntax error or an unknown type
   */
  public static StructType fromDDL(String ddl) {
    return DdlParser.parseSchema(ddl);
  }

  public StructType add(StructField field) {
    StructField[] extended = Arrays.copyOf(fields, fields.length + 1);
    extended[fields.length] = Objects.requireNonNull(field, "field is null");
    return new StructType(extended);
  }

  public StructType add(String name, DataType dataType) {
    return add(new StructField(name, dataType, true));
  }

  public StructType add(String name, DataType dataType, boolean nullable) {
    return add(new StructField(name, dataType, nullable));
  }

  /** Adds a field whose type is given by its DDL name ({@code "int"}, {@code "string"}...). */
  public StructType add(String name, String ddlTypeName) {
    return add(new StructField(name, DataTypes.fromDDLTypeName(ddlTypeName), true));
  }

  public StructType add(String name, String ddlTypeName, boolean nullable) {
    return add(new StructField(name, DataTypes.fromDDLTypeName(ddlTypeName), nullable));
  }

  public StructField[] fields() {
    return fields.clone();
  }

  public String[] fieldNames() {
    String[] names = new String[fields.length];
    for (int i = 0; i < fields.length; i++) {
      names[i] = fields[i].name();
    }
    return names;
  }

  public String[] names() {
    return fieldNames();
  }

  /**
   * The index of the field with exactly this name.
   *
   * @throws IllegalArgumentException naming the field and the available ones when there is none
   */
  public int fieldIndex(String name) {
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "[FIELD_NOT_FOUND] No such struct field `" + name + "` in " + String.join(", ", fieldNames()) + ".");
  }

  /** The field with exactly this name; see {@link #fieldIndex}. */
  public StructField apply(String name) {
    return fields[fieldIndex(name)];
  }

  public StructField apply(int index) {
    return fields[index];
  }

  public int length() {
    return fields.length;
  }

  public int size() {
    return fields.length;
  }

  public boolean isEmpty() {
    return fields.length == 0;
  }

  @Override
  public Iterator<StructField> iterator() {
    return List.of(fields).iterator();
  }

  /** The text printSchema prints: {@code root} then {@code " |-- name: type (nullable = b)"} lines. */
  public String treeString() {
    StringBuilder text = new StringBuilder("root\n");
    for (StructField field : fields) {
      text.append(" |-- ").append(field.name()).append(": ").append(field.dataType().typeName())
          .append(" (nullable = ").append(field.nullable()).append(")\n");
    }
    return text.toString();
  }

  /** {@code a INT,b STRING NOT NULL}: parses back with {@link #fromDDL}. */
  public String toDDL() {
    return Arrays.stream(fields).map(StructField::toDDL).collect(Collectors.joining(","));
  }

  @Override
  public String typeName() {
    return "struct";
  }

  @Override
  public String simpleString() {
    return Arrays.stream(fields)
        .map(field -> field.name() + ":" + field.dataType().simpleString())
        .collect(Collectors.joining(",", "struct<", ">"));
  }

  @Override
  public String sql() {
    return Arrays.stream(fields)
        .map(field -> DdlParser.quoteIfNeeded(field.name()) + ": " + field.dataType().sql())
        .collect(Collectors.joining(", ", "STRUCT<", ">"));
  }


  @Override
  public boolean equals(Object other) {
    return other instanceof StructType struct && Arrays.equals(fields, struct.fields);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(fields);
  }

  /** Spark's rendering: {@code StructType(StructField(a,IntegerType,true),...)}. */
  @Override
  public String toString() {
    return Arrays.stream(fields).map(StructField::toString).collect(Collectors.joining(",", "StructType(", ")"));
  }
}
