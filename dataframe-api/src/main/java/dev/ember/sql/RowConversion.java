package dev.ember.sql;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringDictionaryBuilder;
import dev.ember.core.vector.StringVector;
import dev.ember.core.vector.VectorBuilder;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import dev.ember.sql.internal.TypeConversions;

/**
 * Rows at the API edge to and from column batches. Java values: DATE ↔ {@link LocalDate} (held as
 * epoch days), TIMESTAMP ↔ {@link Instant} (held as epoch microseconds, UTC); on input {@code
 * java.sql.Date} and {@code java.sql.Timestamp} are accepted too. Columns are converted a column
 * at a time: the switch on the type happens once per column and batch.
 */
final class RowConversion {
  private static final long MICROS_PER_SECOND = 1_000_000L;
  /** The most entries a local table's string dictionary gets (the CSV reader's bound). */
  private static final int LOCAL_DICTIONARY_ENTRIES = 1024;

  private RowConversion() {}

  /**
   * Checks every row against the schema and splits them into {@code partitionCount} contiguous
   * batches (some may be empty), as Spark slices a local collection.
   *
   * @throws IllegalArgumentException naming the row index, the field and the types for a row of
   *     the wrong arity, a value of the wrong Java type or a null in a non-nullable field
   */
  public static List<Batch> toBatches(List<Row> rows, StructType schema, int partitionCount) {
    Objects.requireNonNull(rows, "rows is null");
    Objects.requireNonNull(schema, "schema is null");
    if (partitionCount < 1) {
      throw new IllegalArgumentException("partitionCount must be positive: " + partitionCount);
    }
    Schema engineSchema = TypeConversions.toSchema(schema);
    StructField[] fields = schema.fields();
    for (int index = 0; index < rows.size(); index++) {
      validate(rows.get(index), index, fields);
    }
    List<Batch> batches = new ArrayList<>(partitionCount);
    int total = rows.size();
    for (int partition = 0; partition < partitionCount; partition++) {
      int from = (int) ((long) partition * total / partitionCount);
      int to = (int) ((long) (partition + 1) * total / partitionCount);
      batches.add(toBatch(rows.subList(from, to), engineSchema));
    }
    return batches;
  }

  /** One batch of already validated rows. */
  static Batch toBatch(List<Row> rows, Schema schema) {
    ColumnVector[] columns = new ColumnVector[schema.size()];
    for (int column = 0; column < columns.length; column++) {
      ColumnType type = schema.type(column);
      VectorBuilder builder = VectorBuilder.forType(type, rows.size());
      switch (type.kind()) {
        case DATE -> {
          for (Row row : rows) {
            Object value = row.get(column);
            if (value == null) {
              builder.appendNull();
            } else {
              builder.appendInt(epochDay(value));
            }
          }
        }
        case TIMESTAMP -> {
          for (Row row : rows) {
            Object value = row.get(column);
            if (value == null) {
              builder.appendNull();
            } else {
              builder.appendLong(epochMicros(value));
            }
          }
        }
        default -> {
          for (Row row : rows) {
            builder.appendObject(row.get(column));
          }
        }
      }
      ColumnVector built = builder.build();
      // Few distinct strings (categories, flags, names) become a dictionary, as the CSV reader makes them.
      columns[column] = built instanceof StringVector strings
          ? StringDictionaryBuilder.encodeIfFewDistinct(strings, LOCAL_DICTIONARY_ENTRIES)
          : built;
    }
    return new Batch(columns, rows.size());
  }

  private static void validate(Row row, int index, StructField[] fields) {
    if (row == null) {
      throw new IllegalArgumentException("row " + index + " is null");
    }
    if (row.size() != fields.length) {
      throw new IllegalArgumentException(
          "row " + index + " has " + row.size() + " values but the schema has " + fields.length + " fields: " + row);
    }
    for (int i = 0; i < fields.length; i++) {
      StructField field = fields[i];
      Object value = row.get(i);
      if (value == null) {
        if (!field.nullable()) {
          throw new IllegalArgumentException(
              "row " + index + ", field '" + field.name() + "' (" + field.dataType().simpleString()
                  + " NOT NULL): the value is null but the field is not nullable");
        }
        continue;
      }
      ColumnType type = TypeConversions.toColumnType(field.dataType());
      boolean fits = switch (type.kind()) {
        case BOOLEAN -> value instanceof Boolean;
        case INT -> value instanceof Integer;
        case LONG -> value instanceof Long;
        case DOUBLE -> value instanceof Double;
        case STRING -> value instanceof String;
        case DATE -> value instanceof LocalDate || value instanceof java.sql.Date;
        case TIMESTAMP -> value instanceof Instant || value instanceof java.sql.Timestamp;
        case DECIMAL -> value instanceof java.math.BigDecimal decimal
            && dev.ember.core.types.DecimalTypes.fit(decimal, type) != null;
      };
      if (!fits) {
        throw new IllegalArgumentException(
            "row " + index + ", field '" + field.name() + "' (" + field.dataType().simpleString() + "): "
                + value.getClass().getName() + " " + value + " is not a valid value; expected " + expectedJavaType(type));
      }
    }
  }

  private static String expectedJavaType(ColumnType type) {
    return switch (type.kind()) {
      case BOOLEAN -> "java.lang.Boolean";
      case INT -> "java.lang.Integer";
      case LONG -> "java.lang.Long";
      case DOUBLE -> "java.lang.Double";
      case STRING -> "java.lang.String";
      case DATE -> "java.time.LocalDate or java.sql.Date";
      case TIMESTAMP -> "java.time.Instant or java.sql.Timestamp";
      case DECIMAL -> "java.math.BigDecimal with at most " + (type.precision() - type.scale())
          + " digits before the point (rounded HALF_UP to scale " + type.scale() + ")";
    };
  }

  /** Days since 1970-01-01 of a LocalDate or java.sql.Date. */
  public static int epochDay(Object value) {
    LocalDate date = value instanceof java.sql.Date sqlDate ? sqlDate.toLocalDate() : (LocalDate) value;
    return Math.toIntExact(date.toEpochDay());
  }

  /** Microseconds since the epoch of an Instant or java.sql.Timestamp. */
  public static long epochMicros(Object value) {
    Instant instant = value instanceof java.sql.Timestamp timestamp ? timestamp.toInstant() : (Instant) value;
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), instant.getNano() / 1000);
  }

  public static Instant instantOfMicros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * 1000L);
  }

  /** The rows of a batch as {@link Row}s with the given schema. */
  public static List<Row> toRows(Batch batch, StructType schema) {
    int rowCount = batch.rowCount();
    int columnCount = batch.columnCount();
    if (columnCount != schema.length()) {
      throw new IllegalStateException(
          "a batch of " + columnCount + " columns does not fit the schema " + schema.simpleString());
    }
    Object[][] values = new Object[rowCount][columnCount];
    for (int column = 0; column < columnCount; column++) {
      fillColumn(batch.column(column), column, values);
    }
    List<Row> rows = new ArrayList<>(rowCount);
    for (Object[] row : values) {
      rows.add(new GenericRow(row, schema));
    }
    return rows;
  }

  private static void fillColumn(ColumnVector vector, int column, Object[][] values) {
    int rowCount = values.length;
    boolean[] nulls = vector.nulls;
    switch (vector) {
      case BooleanVector v -> {
        for (int row = 0; row < rowCount; row++) {
          values[row][column] = nulls != null && nulls[row] ? null : Boolean.valueOf(v.values[row]);
        }
      }
      case IntVector v -> {
        boolean date = v.type().kind() == dev.ember.core.types.TypeKind.DATE;
        for (int row = 0; row < rowCount; row++) {
          if (nulls == null || !nulls[row]) {
            values[row][column] = date ? LocalDate.ofEpochDay(v.values[row]) : Integer.valueOf(v.values[row]);
          }
        }
      }
      case LongVector v -> {
        dev.ember.core.types.TypeKind kind = v.type().kind();
        int scale = v.type().scale();
        for (int row = 0; row < rowCount; row++) {
          if (nulls == null || !nulls[row]) {
            values[row][column] = switch (kind) {
              case TIMESTAMP -> instantOfMicros(v.values[row]);
              case DECIMAL -> java.math.BigDecimal.valueOf(v.values[row], scale);
              case BOOLEAN, INT, LONG, DOUBLE, STRING, DATE -> Long.valueOf(v.values[row]);
            };
          }
        }
      }
      case DoubleVector v -> {
        for (int row = 0; row < rowCount; row++) {
          values[row][column] = nulls != null && nulls[row] ? null : Double.valueOf(v.values[row]);
        }
      }
      case StringVector v -> {
        // The API edge: strings are decoded here, a dictionary's entries once each.
        String[] entries = v.isDictionary() ? new String[v.dictionary().size()] : null;
        for (int row = 0; row < rowCount; row++) {
          if (nulls != null && nulls[row]) {
            values[row][column] = null;
          } else if (entries != null) {
            int id = v.ids()[row];
            if (entries[id] == null) {
              entries[id] = v.dictionary().get(id);
            }
            values[row][column] = entries[id];
          } else {
            values[row][column] = v.get(row);
          }
        }
      }
      case dev.ember.core.vector.DecimalVector v -> {
        for (int row = 0; row < rowCount; row++) {
          values[row][column] = nulls != null && nulls[row] ? null : v.get(row);
        }
      }
    }
  }
}
