package dev.ember.sql;

import dev.ember.sql.types.StructType;

/**
 * The one implementation of {@link Row}: an array of Java values and an optional schema. Equality
 * and hash code are by value only (not schema), as Spark's; doubles compare as Spark's do
 * ({@code NaN == NaN}, {@code -0.0 == 0.0}).
 */
final class GenericRow implements Row {
  private final Object[] values;
  private final StructType schema;

  /** Takes ownership of {@code values}. */
  public GenericRow(Object[] values, StructType schema) {
    this.values = values;
    this.schema = schema;
    if (schema != null && schema.length() != values.length) {
      throw new IllegalArgumentException(
          "a row of " + values.length + " values cannot have a schema of " + schema.length() + " fields");
    }
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public Object get(int index) {
    if (index < 0 || index >= values.length) {
      throw new IndexOutOfBoundsException("index " + index + " is out of bounds for a row of " + values.length + " values");
    }
    return values[index];
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Row row) || row.size() != values.length) {
      return false;
    }
    for (int i = 0; i < values.length; i++) {
      if (!valueEquals(values[i], row.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean valueEquals(Object left, Object right) {
    if (left instanceof Double l && right instanceof Double r) {
      return l.doubleValue() == r.doubleValue() || (l.isNaN() && r.isNaN());
    }
    return java.util.Objects.equals(left, right);
  }

  @Override
  public int hashCode() {
    int hash = 1;
    for (Object value : values) {
      int valueHash;
      if (value instanceof Double d) {
        valueHash = d == 0.0d ? 0 : d.hashCode();
      } else {
        valueHash = value == null ? 0 : value.hashCode();
      }
      hash = 31 * hash + valueHash;
    }
    return hash;
  }

  /** Spark's rendering: {@code [1,a,null]}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(values[i]);
    }
    return text.append(']').toString();
  }

}
