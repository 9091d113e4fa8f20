package dev.ember.core.codec;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.DictionaryMerge;
import dev.ember.core.vector.StringVector;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes batches in the {@link ColumnarFormat}. Several batches of the same column types can be
 * written as one encoded batch, one column at a time, so that the many small per-partition pieces
 * of a shuffle become one block without being concatenated first. Switches on the vector class
 * once per piece and column; the loops inside run over primitive arrays.
 */
public final class BatchEncoder {
  private BatchEncoder() {}

  /** Appends {@code batch} to {@code out}. */
  public static void encode(Batch batch, ByteArrayOutput out) {
    encode(List.of(batch), 0, 1, out);
  }

  /** Appends the rows of {@code pieces[from..to)} (same column types) to {@code out} as one encoded batch. */
  public static void encode(List<Batch> pieces, int from, int to, ByteArrayOutput out) {
    if (from >= to) {
      throw new IllegalArgumentException("an encoded batch needs at least one batch, got pieces [" + from + ", " + to + ")");
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
      for (int column = 0; column < columns; column++) {
        if (!piece.type(column).equals(first.type(column))) {
          throw new IllegalArgumentException("column " + column + " is " + first.type(column) + " in one batch and "
              + piece.type(column) + " in another of the same block");
        }
      }
      rows += piece.rowCount();
    }
    if (rows > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a block cannot hold " + rows + " rows");
    }
    int rowCount = (int) rows;
    out.writeInt(ColumnarFormat.MAGIC);
    out.writeByte(ColumnarFormat.VERSION);
    out.writeInt(rowCount);
    out.writeInt(columns);
    boolean[] hasNulls = new boolean[columns];
    DictionaryPlan[] dictionaries = new DictionaryPlan[columns];
    for (int column = 0; column < columns; column++) {
      ColumnType type = first.type(column);
      hasNulls[column] = anyNull(pieces, from, to, column);
      dictionaries[column] = DictionaryPlan.of(pieces, from, to, column, rowCount);
      out.writeByte(ColumnarFormat.kindCode(type.kind()));
      out.writeByte((hasNulls[column] ? ColumnarFormat.HAS_NULLS : 0)
          | (dictionaries[column] != null ? ColumnarFormat.DICTIONARY : 0));
      switch (type.kind()) {
        case DECIMAL -> {
          out.writeByte(type.precision());
          out.writeByte(type.scale());
        }
        case BOOLEAN, INT, LONG, DOUBLE, STRING, DATE, TIMESTAMP -> {
          // No parameters.
        }
      }
    }
    for (int column = 0; column < columns; column++) {
      if (hasNulls[column]) {
        writeNullBits(pieces, from, to, column, rowCount, out);
      }
      if (dictionaries[column] != null) {
        dictionaries[column].write(pieces, from, to, column, out);
      } else {
        writeValues(pieces, from, to, column, rowCount, out);
      }
    }
  }

  /**
   * How a string column whose pieces are all dictionary-encoded is written: one dictionary (the
   * pieces' own when they share it, else the merge of theirs, each piece's ids remapped), then the
   * ids. {@code null} (plain) when a piece is plain or the merged dictionary would not be small.
   */
  private record DictionaryPlan(DictionaryMerge merge) {
    static DictionaryPlan of(List<Batch> pieces, int from, int to, int column, int rowCount) {
      List<StringVector> parts = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        if (!(pieces.get(i).column(column) instanceof StringVector vector)) {
          return null;
        }
        parts.add(vector);
      }
      // Merged dictionaries pay off while they stay well below one entry per row.
      DictionaryMerge merge = DictionaryMerge.of(parts, Math.min(1 << 16, rowCount / 2));
      return merge == null ? null : new DictionaryPlan(merge);
    }

    void write(List<Batch> pieces, int from, int to, int column, ByteArrayOutput out) {
      StringVector dictionary = merge.dictionary();
      int entries = dictionary.size();
      out.writeInt(entries);
      writeStringRows(List.of(new Batch(new ColumnVector[] {dictionary}, entries)), 0, 1, 0, entries, out);
      for (int i = from; i < to; i++) {
        Batch piece = pieces.get(i);
        StringVector vector = (StringVector) piece.column(column);
        int[] ids = vector.ids();
        boolean[] nulls = vector.nulls;
        int[] remap = merge.remaps() == null ? null : merge.remaps()[i - from];
        int size = piece.rowCount();
        out.ensureCapacity(4L * size);
        for (int row = 0; row < size; row++) {
          boolean isNull = nulls != null && nulls[row];
          out.writeInt(isNull ? 0 : remap == null ? ids[row] : remap[ids[row]]);
        }
      }
    }
  }

  private static boolean anyNull(List<Batch> pieces, int from, int to, int column) {
    for (int i = from; i < to; i++) {
      boolean[] nulls = pieces.get(i).column(column).nulls;
      if (nulls != null) {
        for (int row = 0, size = pieces.get(i).rowCount(); row < size; row++) {
          if (nulls[row]) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void writeNullBits(List<Batch> pieces, int from, int to, int column, int rowCount, ByteArrayOutput out) {
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
      case StringVector ignored -> writeStringRows(pieces, from, to, column, rowCount, out);
      case DecimalVector ignored -> writeWideDecimals(pieces, from, to, column, out);
    }
  }

  /** Each unscaled value as 16 bytes of two's complement, low long first; null rows as zero. */
  private static void writeWideDecimals(List<Batch> pieces, int from, int to, int column, ByteArrayOutput out) {
    for (int i = from; i < to; i++) {
      Batch piece = pieces.get(i);
      DecimalVector vector = (DecimalVector) piece.column(column);
      boolean[] nulls = vector.nulls;
      long[] high = vector.high;
      long[] low = vector.low;
      for (int row = 0, size = piece.rowCount(); row < size; row++) {
        // A null row is zero whatever its slot holds, so a hidden value never leaks.
        if (nulls != null && nulls[row]) {
          out.writeLong(0);
          out.writeLong(0);
        } else {
          out.writeLong(low[row]);
          out.writeLong(high[row]);
        }
      }
    }
  }

  /**
   * Offsets first (rowCount + 1 ints, filled as the bytes go out), then all UTF-8 bytes, copied
   * from each vector's byte array (a dictionary vector's rows from its dictionary).
   */
  private static void writeStringRows(List<Batch> pieces, int from, int to, int column, int rowCount, ByteArrayOutput out) {
    int offsets = out.skipZeroed(4 * (rowCount + 1));
    long total = 0;
    int row = 0;
    for (int i = from; i < to; i++) {
      Batch piece = pieces.get(i);
      StringVector vector = (StringVector) piece.column(column);
      byte[] data = vector.data();
      boolean[] nulls = vector.nulls;
      int size = piece.rowCount();
      for (int index = 0; index < size; index++) {
        // A null row is empty whatever its slot holds, so a hidden value never leaks.
        if (nulls == null || !nulls[index]) {
          int start = vector.start(index);
          int length = vector.end(index) - start;
          total += length;
          if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("the strings of column " + column + " exceed 2 GB in one block");
          }
          out.writeBytes(data, start, length);
        }
        row++;
        out.setInt(offsets + 4 * row, (int) total);
      }
    }
  }
}
