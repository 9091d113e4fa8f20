package dev.ember.core.operator.basic;

import dev.ember.core.expression.Expression;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.operator.Operator;
import dev.ember.core.types.TypeKind;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;

/**
 * Keeps the rows whose condition is true: evaluates the condition for the whole batch, collects
 * the selected positions, and gathers them (or passes the batch through when every row is kept).
 * Batches that lose every row are skipped rather than returned empty.
 */
public final class FilterOperator implements Operator {
  private final Operator child;
  private boolean closed;
  private final VectorExpression condition;
  private int[] positions = new int[0];

  public FilterOperator(Operator child, Expression condition) {
    this.child = child;
    this.condition = ExpressionCompiler.compile(condition);
    if (this.condition.type().kind() != TypeKind.BOOLEAN) {
      throw new IllegalArgumentException("a filter condition must be boolean, got " + this.condition.type() + ": " + condition);
    }
  }

  @Override
  public Batch next() {
    if (closed) {
      return null;
    }
    while (true) {
      Batch input = child.next();
      if (input == null) {
        return null;
      }
      int rows = input.rowCount();
      if (rows == 0) {
        continue;
      }
      BooleanVector keep = (BooleanVector) condition.evaluate(input);
      if (positions.length < rows) {
        positions = new int[rows];
      }
      boolean[] values = keep.values;
      boolean[] nulls = keep.nulls;
      int count = 0;
      if (nulls == null) {
        for (int i = 0; i < rows; i++) {
          positions[count] = i;
          count += values[i] ? 1 : 0;
        }
      } else {
        for (int i = 0; i < rows; i++) {
          positions[count] = i;
          count += (values[i] && !nulls[i]) ? 1 : 0;
        }
      }
      if (count == rows) {
        return input;
      }
      if (count > 0) {
        return input.gather(positions, count);
      }
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      child.close();
    }
  }
}
