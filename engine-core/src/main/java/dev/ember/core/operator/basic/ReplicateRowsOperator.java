package dev.ember.core.operator.basic;

import dev.ember.core.operator.Operator;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.LongVector;

/**
 * Repeats each input row as many times as its first column says and drops that column (see
 * {@link dev.ember.core.plan.ReplicateRowsExec}). Output batches hold at most
 * {@link Batch#DEFAULT_ROWS} rows, so a row repeated a billion times streams out in bounded
 * memory: the operator remembers the row it is in and how many copies are left.
 */
public final class ReplicateRowsOperator implements Operator {
  private final Operator child;
  private final int[] positions = new int[Batch.DEFAULT_ROWS];
  private Batch input;
  private int row;
  private long copiesLeft;
  private boolean closed;

  public ReplicateRowsOperator(Operator child) {
    this.child = child;
  }

  @Override
  public Batch next() {
    while (!closed) {
      if (input == null) {
        input = child.next();
        if (input == null) {
          return null;
        }
        row = -1;
        copiesLeft = 0;
      }
      int count = fillPositions();
      if (count > 0) {
        return gatherData(count);
      }
      input = null;
    }
    return null;
  }

  /** Positions of the next output batch, as many as fit; 0 once the current input batch is used up. */
  private int fillPositions() {
    LongVector counts = (LongVector) input.column(0);
    int filled = 0;
    while (filled < positions.length) {
      if (copiesLeft == 0) {
        row++;
        if (row >= input.rowCount()) {
          break;
        }
        copiesLeft = counts.isNull(row) ? 0 : Math.max(0, counts.values[row]);
        continue;
      }
      int take = (int) Math.min(copiesLeft, positions.length - filled);
      for (int i = 0; i < take; i++) {
        positions[filled + i] = row;
      }
      filled += take;
      copiesLeft -= take;
    }
    return filled;
  }

  private Batch gatherData(int count) {
    ColumnVector[] columns = new ColumnVector[input.columnCount() - 1];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = input.column(i + 1).gather(positions, count);
    }
    return new Batch(columns, count);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      input = null;
      child.close();
    }
  }
}
