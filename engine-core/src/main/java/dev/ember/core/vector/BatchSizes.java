package dev.ember.core.vector;

import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;

/** Estimates of how many bytes a batch's values take (for metrics and block sizes), a column at a time. */
public final class BatchSizes {
  private BatchSizes() {}

  /** The bytes of the batch's rows; for a batch with a selection, the selected share of its physical columns (nothing is gathered to estimate). */
  public static long estimateBytes(Batch batch) {
    long bytes = 0;
    for (int i = 0; i < batch.columnCount(); i++) {
      bytes += estimateBytes(batch.physicalColumn(i));
    }
    if (batch.hasSelection()) {
      return bytes * batch.rowCount() / batch.physicalRowCount();
    }
    return bytes;
  }

  /** Value bytes plus one validity bit per row when the column has nulls; strings count their UTF-8 bytes, offsets or ids and dictionary. */
  public static long estimateBytes(ColumnVector column) {
    int size = column.size();
    long validity = column.mayHaveNulls() ? (size + 7) / 8 : 0;
    return validity + switch (column) {
      case BooleanVector v -> size;
      case IntVector v -> 4L * size;
      case LongVector v -> 8L * size;
      case DecimalVector v -> 16L * size;
      case DoubleVector v -> 8L * size;
      // UTF-8 bytes and offsets, or ids and the dictionary: what the arrays really hold.
      case StringVector v -> v.retainedBytes() - (v.nulls == null ? 0 : v.nulls.length);
    };
  }
}
