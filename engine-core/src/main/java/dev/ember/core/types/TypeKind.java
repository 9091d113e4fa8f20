package dev.ember.core.types;

/**
 * The kinds of values Ember stores, and how each is held in a column vector.
 *
 * <p>DATE is held as an int (days since 1970-01-01), TIMESTAMP as a long (microseconds since the
 * epoch, UTC), as Spark does. DECIMAL is reserved for the SQL issue.
 */
public enum TypeKind {
  BOOLEAN,
  INT,
  LONG,
  DOUBLE,
  STRING,
  DATE,
  TIMESTAMP,
  DECIMAL;

  /** True for the kinds arithmetic works on. */
  public boolean isNumeric() {
    return this == INT || this == LONG || this == DOUBLE || this == DECIMAL;
  }
}
