package dev.ember.core.expression;

/** The parts {@link DatePart} extracts from a DATE. */
public enum DateField {
  YEAR,
  MONTH,
  DAY_OF_MONTH
}
