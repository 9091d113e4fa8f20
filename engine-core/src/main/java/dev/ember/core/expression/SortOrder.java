package dev.ember.core.expression;

import java.util.Objects;

/**
 * One sort key. Spark's defaults: ascending puts nulls first, descending puts them last. Doubles
 * order NaN above every number; -0.0 equals 0.0.
 */
public record SortOrder(Expression child, boolean ascending, boolean nullsFirst) {
  public SortOrder {
    Objects.requireNonNull(child, "child is null");
  }

  public static SortOrder ascending(Expression child) {
    return new SortOrder(child, true, true);
  }

  public static SortOrder descending(Expression child) {
    return new SortOrder(child, false, false);
  }

  public SortOrder withChild(Expression newChild) {
    return new SortOrder(newChild, ascending, nullsFirst);
  }

  @Override
  public String toString() {
    return child + (ascending ? " ASC" : " DESC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
  }
}
