package dev.ember.core.types;

/**
 * The kinds of values Ember stores, and how each is held in a column vector.
 *
 * <p>DATE is held as an int (days since 1970-01-01), TIMESTAMP as a long (microseconds since the
 * epoch, UTC), as Spark does. DECIMAL(p,s) up to 18 digits is held as its unscaled long in a
 * LongVector, a wider one as its 128-bit unscaled value (two longs) in a DecimalVector (see
 * {@link DecimalTypes} and {@link Int128}).
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
