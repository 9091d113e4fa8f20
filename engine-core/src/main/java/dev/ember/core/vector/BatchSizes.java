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

  public static long estimateBytes(Batch batch) {
    long bytes = 0;
    for (int i = 0; i < batch.columnCount(); i++) {
      bytes += estimateBytes(batch.column(i));
    }
    return bytes;
  }

  /** Value bytes plus one validity bit per row when the column has nulls; strings count their chars as UTF-16 units. */
  public static long estimateBytes(ColumnVector column) {
    int size = column.size();
    long validity = column.mayHaveNulls() ? (size + 7) / 8 : 0;
    return validity + switch (column) {
      case BooleanVector v -> size;
      case IntVector v -> 4L * size;
      case LongVector v -> 8L * size;
      case DecimalVector v -> 16L * size;
      case DoubleVector v -> 8L * size;
      case StringVector v -> {
        long total = 4L * size;
        String[] values = v.values;
        for (int row = 0; row < size; row++) {
          if (values[row] != null) {
            total += values[row].length();
          }
        }
        yield total;
      }
    };
  }
}
