package dev.ember.sql;

import dev.ember.sql.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of a DataFrame at the API edge, as Spark's {@code Row}: values by position with Java
 * types BOOLEAN → Boolean, INT → Integer, LONG → Long, DOUBLE → Double, STRING → String, DATE →
 * {@link LocalDate}, TIMESTAMP → {@link Instant}, null → null. Rows from {@code collect} carry
 * their schema (so {@link #getAs(String)} works); rows from {@link RowFactory#create} do not.
 * Rows are equal when their values are.
 */
public interface Row {
  /** The number of values. */
  int size();

  /** The value at {@code index} (see the type mapping above), or null. */
  Object get(int index);

  /** The schema, or null for a row made by {@link RowFactory#create}. */
  StructType schema();

  default int length() {
    return size();
  }

  default boolean isNullAt(int index) {
    return get(index) == null;
  }

  default boolean anyNull() {
    for (int i = 0; i < size(); i++) {
      if (isNullAt(i)) {
        return true;
      }
    }
    return false;
  }

  default boolean getBoolean(int index) {
    return primitive(index, Boolean.class, "boolean");
  }

  default int getInt(int index) {
    return primitive(index, Integer.class, "int");
  }

  default long getLong(int index) {
    return primitive(index, Long.class, "long");
  }

  default double getDouble(int index) {
    return primitive(index, Double.class, "double");
  }

  default String getString(int index) {
    return typed(index, String.class);
  }

  default LocalDate getDate(int index) {
    return typed(index, LocalDate.class);
  }

  default Instant getTimestamp(int index) {
    return typed(index, Instant.class);
  }

  default BigDecimal getDecimal(int index) {
    return typed(index, BigDecimal.class);
  }

  /** The value at {@code index}, cast to the caller's type. */
  @SuppressWarnings("unchecked")
  default <T> T getAs(int index) {
    return (T) get(index);
  }

  /** The value of the field with this name; needs a schema. */
  @SuppressWarnings("unchecked")
  default <T> T getAs(String fieldName) {
    return (T) get(fieldIndex(fieldName));
  }

  /**
   * The index of the field with exactly this name.
   *
   * @throws UnsupportedOperationException when the row has no schema
   * @throws IllegalArgumentException when no field has this name
   */
  default int fieldIndex(String name) {
    StructType schema = schema();
    if (schema == null) {
      throw new UnsupportedOperationException(
          "fieldIndex on a Row without schema is undefined: rows from RowFactory.create have no field names");
    }
    return schema.fieldIndex(name);
  }

  /** The values as an array (a copy). */
  default Object[] values() {
    Object[] values = new Object[size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = get(i);
    }
    return values;
  }

  /** Values joined by {@code separator}, as Spark's {@code mkString}. */
  default String mkString(String separator) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < size(); i++) {
      if (i > 0) {
        text.append(separator);
      }
      text.append(get(i));
    }
    return text.toString();
  }

  private <T> T primitive(int index, Class<T> type, String primitiveName) {
    Object value = get(index);
    if (value == null) {
      throw new NullPointerException(
          "Value at index " + index + fieldSuffix(index) + " is null; a " + primitiveName
              + " cannot hold null: check isNullAt(" + index + ") or use get(" + index + ")");
    }
    return typed(index, type);
  }

  private <T> T typed(int index, Class<T> type) {
    Object value = get(index);
    if (value != null && !type.isInstance(value)) {
      throw new ClassCastException(
          "Value at index " + index + fieldSuffix(index) + " is a " + value.getClass().getName() + " (" + value
              + "), not a " + type.getName());
    }
    return type.cast(value);
  }

  private String fieldSuffix(int index) {
    StructType schema = schema();
    return schema == null || index >= schema.length() ? "" : " (field '" + schema.apply(index).name() + "')";
  }
}
