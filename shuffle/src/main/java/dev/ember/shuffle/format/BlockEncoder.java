package dev.ember.shuffle.format;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.util.List;

/**
 * Writes batches as one columnar block (see {@link BlockFormat}): the rows of several batches of
 * the same schema, one column at a time, so that many small per-partition pieces become one block
 * without being concatenated first. Switches on the vector class once per piece and column.
 */
public final class BlockEncoder {
  private BlockEncoder() {}

  /** Appends the rows of {@code pieces[from..to)} (same column types) to {@code out} as one block. */
  public static void encode(List<Batch> pieces, int from, int to, ByteArrayOutput out) {
    if (from >= to) {
      throw new IllegalArgumentException("a block needs at least one batch, got pieces [" + from + ", " + to + ")");
    }
    Batch first = pieces.get(from);
    int columns = first.columnCount();
    long rows = 0;
    for (int i = from; i < to; i++) {
      Batch piece = pieces.get(i);
      if (piece.columnCount() != columns) {
        throw new IllegalArgumentException(
            "batches of one block must have the same columns: " + piece.columnCount() + " vs " + columns);
      }
      rows += piece.rowCount();
    }
    if (rows > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a block cannot hold " + rows + " rows");
    }
    int rowCount = (int) rows;
    out.writeInt(BlockFormat.BLOCK_MAGIC);
    out.writeInt(rowCount);
    out.writeInt(columns);
    for (int column = 0; column < columns; column++) {
      out.writeByte(BlockFormat.typeCode(first.type(column)));
    }
    for (int column = 0; column < columns; column++) {
      ColumnType type = first.type(column);
      for (int i = from; i < to; i++) {
        if (!pieces.get(i).type(column).equals(type)) {
          throw new IllegalArgumentException("column " + column + " is " + type + " in one batch and "
              + pieces.get(i).type(column) + " in another of the same block");
        }
      }
      writeValidity(pieces, from, to, column, rowCount, out);
      writeValues(pieces, from, to, column, rowCount, out);
    }
  }

  private static void writeValidity(List<Batch> pieces, int from, int to, int column, int rowCount, ByteArrayOutput out) {
    boolean anyNull = false;
    for (int i = from; i < to && !anyNull; i++) {
      ColumnVector vector = pieces.get(i).column(column);
      boolean[] nulls = vector.nulls;
      if (nulls != null) {
        for (int row = 0, size = pieces.get(i).rowCount(); row < size; row++) {
          if (nulls[row]) {
            anyNull = true;
            break;
          }
        }
      }
    }
    if (!anyNull) {
      out.writeByte(BlockFormat.NO_NULLS);
      return;
    }
    out.writeByte(BlockFormat.NULL_BITS);
    int start = out.skipZeroed((rowCount + 7) >>> 3);
    byte[] bits = out.array();
    int base = 0;
    for (int i = from; i < to; i++) {
      Batch piece = pieces.get(i);
      boolean[] nulls = piece.column(column).nulls;
      int size = piece.rowCount();
      if (nulls != null) {
        for (int row = 0; row < size; row++) {
          if (nulls[row]) {
            int bit = base + row;
            bits[start + (bit >>> 3)] |= (byte) (1 << (bit & 7));
          }
        }
      }
      base += size;
    }
  }

  private static void writeValues(List<Batch> pieces, int from, int to, int column, int rowCount, ByteArrayOutput out) {
    switch (pieces.get(from).column(column)) {
      case BooleanVector ignored -> {
        int start = out.skipZeroed((rowCount + 7) >>> 3);
        byte[] bits = out.array();
        int base = 0;
        for (int i = from; i < to; i++) {
          Batch piece = pieces.get(i);
          boolean[] values = ((BooleanVector) piece.column(column)).values;
          int size = piece.rowCount();
          for (int row = 0; row < size; row++) {
            if (values[row]) {
              int bit = base + row;
              bits[start + (bit >>> 3)] |= (byte) (1 << (bit & 7));
            }
          }
          base += size;
        }
      }
      case IntVector ignored -> {
        for (int i = from; i < to; i++) {
          Batch piece = pieces.get(i);
          out.writeInts(((IntVector) piece.column(column)).values, piece.rowCount());
        }
      }
      case LongVector ignored -> {
        for (int i = from; i < to; i++) {
          Batch piece = pieces.get(i);
          out.writeLongs(((LongVector) piece.column(column)).values, piece.rowCount());
        }
      }
      case DoubleVector ignored -> {
        for (int i = from; i < to; i++) {
          Batch piece = pieces.get(i);
          out.writeDoubles(((DoubleVector) piece.column(column)).values, piece.rowCount());
        }
      }
      case StringVector ignored -> writeStrings(pieces, from, to, column, rowCount, out);
    }
  }

  /** Lengths first (one int per row, 0 for null), then the total, then all UTF-8 bytes. */
  private static void writeStrings(List<Batch> pieces, int from, int to, int column, int rowCount, ByteArrayOutput out) {
    int lengths = out.skipZeroed(4 * rowCount);
    int totalPosition = out.skipZeroed(4);
    long total = 0;
    int row = 0;
    for (int i = from; i < to; i++) {
      Batch piece = pieces.get(i);
      StringVector vector = (StringVector) piece.column(column);
      String[] values = vector.values;
      boolean[] nulls = vector.nulls;
      int size = piece.rowCount();
      for (int index = 0; index < size; index++, row++) {
        String value = values[index];
        if (value != null && (nulls == null || !nulls[index])) {
          int length = out.writeUtf8(value);
          out.setInt(lengths + 4 * row, length);
          total += length;
        }
      }
    }
    out.setInt(totalPosition, (int) total);
  }
}
