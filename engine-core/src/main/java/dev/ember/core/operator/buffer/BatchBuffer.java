package dev.ember.core.operator.buffer;

import dev.ember.core.operator.Operator;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.VectorBuilder;
import java.util.List;

/**
 * Collects batches column-wise into {@link VectorBuilder}s (one array copy per column per batch)
 * and hands them out as one batch: the build side of a join, the input of a sort.
 */
public final class BatchBuffer {
  private final VectorBuilder[] columns;
  private int rowCount;

  public BatchBuffer(List<ColumnType> types) {
    this(types, Batch.DEFAULT_ROWS);
  }

  /** A buffer whose columns start with room for {@code expectedRows} rows (they grow past it). */
  public BatchBuffer(List<ColumnType> types, int expectedRows) {
    columns = new VectorBuilder[types.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = VectorBuilder.forType(types.get(i), expectedRows);
    }
  }

  /** A buffer holding every batch of {@code input}, read to its end (the input stays open). */
  public static BatchBuffer readAll(Operator input, Schema schema) {
    BatchBuffer buffer = new BatchBuffer(schema.types());
    Batch batch;
    while ((batch = input.next()) != null) {
      buffer.append(batch);
    }
    return buffer;
  }

  public void append(Batch batch) {
    if (batch.columnCount() != columns.length) {
      throw new IllegalArgumentException(
          "expected batches of " + columns.length + " columns, got " + batch.columnCount());
    }
    for (int i = 0; i < columns.length; i++) {
      columns[i].appendAll(batch.column(i));
    }
    rowCount += batch.rowCount();
  }

  public int rowCount() {
    return rowCount;
  }

  /** Approximate bytes held, for a later memory-accounting hook. */
  public long retainedBytes() {
    long bytes = 0;
    for (VectorBuilder column : columns) {
      bytes += column.retainedBytes();
    }
    return bytes;
  }

  /** Everything appended so far, as one batch that shares this buffer's arrays: append no more after this. */
  public Batch toBatch() {
    ColumnVector[] vectors = new ColumnVector[columns.length];
    for (int i = 0; i < columns.length; i++) {
      vectors[i] = columns[i].build();
    }
    return new Batch(vectors, rowCount);
  }
}
