package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;

/**
 * A scalar expression over the columns of one row, evaluated vectorized over a batch.
 *
 * <p>The same records serve logical and physical plans. In a logical plan columns are
 * {@link AttributeReference}s (a name and a unique id); the physical planner binds them to
 * {@link BoundReference}s (an ordinal in the child's output) before execution. The analyzer has
 * already coerced the children's types, so every node's {@link #type()} follows from its children
 * and evaluators never guess.
 */
public sealed interface Expression
    permits AttributeReference, BoundReference, Literal, Alias, Arithmetic, Comparison, And, Or, Not,
        IsNull, IsNotNull, Cast, Coalesce, CaseWhen, In, Like, StringMatch, Upper, Lower, Length,
        Concat, Substring, Abs, Round, DatePart, ToDate, DateAdd, UserFunctionCall {

  ColumnType type();

  boolean nullable();

  List<Expression> children();

  /** This node with new children, in the order of {@link #children()}. */
  Expression withChildren(List<Expression> children);

  /** Deterministic unless a child is not (a user function marked non-deterministic). */
  default boolean deterministic() {
    for (Expression child : children()) {
      if (!child.deterministic()) {
        return false;
      }
    }
    return true;
  }
}
