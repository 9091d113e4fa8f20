package dev.ember.core.operator.basic;

import dev.ember.core.expression.Expression;
import dev.ember.core.expression.evaluation.RowSelector;
import dev.ember.core.expression.evaluation.Selections;
import dev.ember.core.operator.Operator;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.RowPositions;
import java.util.Arrays;

/**
 * Keeps the rows whose condition is true without copying them: the output batch shares the
 * input's columns and carries a selection of the kept positions (composed with the input's own
 * selection, so stacked filters narrow one selection). Readers gather the columns they need, once
 * ({@link Batch#column}). A batch that keeps every row passes through; one that keeps none is
 * skipped rather than returned empty.
 *
 * <p>State (the position buffers) is owned by the task thread that calls {@link #next()}.
 */
public final class FilterOperator implements Operator {
  private final Operator child;
  private boolean closed;
  private final RowSelector condition;
  /** 0, 1, 2, ...: the candidates of a batch without a selection. */
  private int[] allRows = new int[0];
  private int[] positions = new int[0];

  public FilterOperator(Operator child, Expression condition) {
    this(child, Selections.compile(condition));
  }

  /** With the condition compiled already (a prefiltered scan below compiled it for its own checks). */
  public FilterOperator(Operator child, RowSelector condition) {
    this.child = child;
    this.condition = condition;
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
      Batch physical = input.physical();
      int physicalRows = physical.rowCount();
      if (positions.length < physicalRows) {
        positions = new int[physicalRows];
      }
      int[] candidates;
      if (input.hasSelection()) {
        // The input's selection is shared with other readers: narrow a copy in place.
        System.arraycopy(input.selection(), 0, positions, 0, rows);
        candidates = positions;
      } else {
        candidates = allRows(rows);
      }
      int kept = condition.select(physical, candidates, rows, positions);
      if (kept == rows) {
        return input;
      }
      if (kept > 0) {
        return physical.selectIncreasing(Arrays.copyOf(positions, kept), kept);
      }
    }
  }

  private int[] allRows(int rows) {
    if (allRows.length < rows) {
      int from = allRows.length;
      allRows = Arrays.copyOf(allRows, Math.max(rows, 2 * from));
      RowPositions.fillIdentity(allRows, from, allRows.length);
    }
    return allRows;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      child.close();
    }
  }
}
