package dev.ember.core.operator.aggregate;

/** A scalar subquery returned more than one row (Spark's SCALAR_SUBQUERY_TOO_MANY_ROWS). */
public final class ScalarSubqueryException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public ScalarSubqueryException() {
    super("[SCALAR_SUBQUERY_TOO_MANY_ROWS] More than one row returned by a subquery used as an expression.");
  }
}
