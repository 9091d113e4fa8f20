package dev.ember.sql;


/** Creates rows from Java values, as Spark's {@code RowFactory}; the rows have no schema. */
public final class RowFactory {
  private RowFactory() {}

  public static Row create(Object... values) {
    return new GenericRow(values == null ? new Object[] {null} : values.clone(), null);
  }
}
