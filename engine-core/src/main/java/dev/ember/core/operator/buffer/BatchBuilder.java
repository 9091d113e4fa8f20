package dev.ember.core.operator.buffer;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.VectorBuilder;
import java.util.List;

/**
 * Builds output batches of at most {@link Batch#DEFAULT_ROWS} rows from ranges and picked rows of
 * other batches (merges, sort-merge joins). {@link #take()} hands out the rows so far and starts a
 * fresh set of columns, so an emitted batch never shares arrays with later appends.
 */
public final class BatchBuilder {
  private final List<ColumnType> types;
  private VectorBuilder[] columns;
  private int rowCount;

  public BatchBuilder(List<ColumnType> types) {
    this.types = List.copyOf(types);
    reset();
  }

  private void reset() {
    columns = new VectorBuilder[types.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = VectorBuilder.forType(types.get(i), Batch.DEFAULT_ROWS);
    }
    rowCount = 0;
  }

  public int rowCount() {
    return rowCount;
  }

  /** Rows that still fit before the batch is full. */
  public int room() {
    return Batch.DEFAULT_ROWS - rowCount;
  }

  public boolean isFull() {
    return rowCount >= Batch.DEFAULT_ROWS;
  }

  /** Appends rows {@code [from, to)} of {@code source}'s columns into columns {@code [firstColumn, ...)}. */
  public void appendRange(Batch source, int firstColumn, int columnCount, int from, int to) {
    for (int i = 0; i < columnCount; i++) {
      columns[firstColumn + i].appendRange(source.column(i), from, to);
    }
  }

  /** Appends the rows {@code rows[0..count)} of {@code source}'s columns into columns {@code [firstColumn, ...)}. */
  public void appendRows(Batch source, int firstColumn, int columnCount, int[] rows, int count) {
    for (int i = 0; i < columnCount; i++) {
      columns[firstColumn + i].appendRows(source.column(i), rows, count);
    }
  }

  /** Appends {@code count} nulls to columns {@code [firstColumn, firstColumn + columnCount)}. */
  public void appendNulls(int firstColumn, int columnCount, int count) {
    for (int i = 0; i < columnCount; i++) {
      columns[firstColumn + i].appendNulls(count);
    }
  }

  /** Declares that {@code count} rows were appended to every column. */
  public void addRows(int count) {
    rowCount += count;
  }

  /** The rows appended so far as a batch; the builder starts over. */
  public Batch take() {
    ColumnVector[] vectors = new ColumnVector[columns.length];
    for (int i = 0; i < columns.length; i++) {
      vectors[i] = columns[i].build();
    }
    Batch batch = new Batch(vectors, rowCount);
    reset();
    return batch;
  }
}
