package dev.ember.core.expression;

/** The aggregate functions. */
public enum AggregateKind {
  /** count(*): rows, nulls included. */
  COUNT_ROWS,
  /** count(x, ...): rows where every argument is non-null. */
  COUNT,
  /** count(DISTINCT x, ...): distinct argument tuples with no null. */
  COUNT_DISTINCT,
  SUM,
  AVG,
  MIN,
  MAX,
  /** The first value seen, null included (Spark's first with ignoreNulls = false). */
  FIRST,
  /**
   * The only value of a scalar subquery: its one row's value, null for no rows; a second row fails
   * the query ("more than one row returned by a subquery used as an expression", as Spark).
   */
  SINGLE_VALUE
}
