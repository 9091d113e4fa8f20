package dev.ember.core.codec;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Int128;
import dev.ember.core.types.TypeKind;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads one batch written by {@link BatchEncoder}. Every length and offset is checked against the
 * bytes that are there before it is used, so damaged input fails with a
 * {@link CorruptBlockException} that says what is wrong, never with an index error or a huge
 * allocation.
 */
public final class BatchDecoder {
  private final byte[] bytes;
  private final int end;
  private int position;

  private BatchDecoder(byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset > bytes.length - length) {
      throw new IllegalArgumentException(
          "range [" + offset + ", " + offset + " + " + length + ") is outside an array of " + bytes.length + " bytes");
    }
    this.bytes = bytes;
    this.position = offset;
    this.end = offset + length;
  }

  /** The batch in {@code bytes[offset, offset + length)}, which must hold exactly one encoded batch. */
  public static Batch decode(byte[] bytes, int offset, int length) {
    BatchDecoder decoder = new BatchDecoder(bytes, offset, length);
    Batch batch = decoder.readBatch();
    if (decoder.position != decoder.end) {
      throw new CorruptBlockException((decoder.end - decoder.position) + " bytes are left after the block");
    }
    return batch;
  }

  private Batch readBatch() {
    int magic = readInt();
    if (magic != ColumnarFormat.MAGIC) {
      throw new CorruptBlockException("not an encoded batch: magic " + Integer.toHexString(magic)
          + ", expected " + Integer.toHexString(ColumnarFormat.MAGIC));
    }
    int version = readByte();
    if (version != ColumnarFormat.VERSION) {
      throw new CorruptBlockException("unsupported codec version " + version + " (this reader knows version "
          + ColumnarFormat.VERSION + ")");
    }
    int rows = readInt();
    int columns = readInt();
    if (rows < 0 || columns < 0) {
      throw new CorruptBlockException("negative row count " + rows + " or column count " + columns);
    }
    // Each column header takes at least two bytes: a huge column count fails here, before any allocation.
    require(2L * columns);
    ColumnType[] types = new ColumnType[columns];
    boolean[] hasNulls = new boolean[columns];
    boolean[] dictionary = new boolean[columns];
    for (int column = 0; column < columns; column++) {
      TypeKind kind = ColumnarFormat.kindOf((byte) readByte(), column);
      int flags = readByte();
      if ((flags & ~ColumnarFormat.KNOWN_FLAGS) != 0) {
        throw new CorruptBlockException("column " + column + " has unknown flags " + Integer.toBinaryString(flags));
      }
      hasNulls[column] = (flags & ColumnarFormat.HAS_NULLS) != 0;
      dictionary[column] = (flags & ColumnarFormat.DICTIONARY) != 0;
      if (dictionary[column] && kind != TypeKind.STRING) {
        throw new CorruptBlockException("column " + column + " is " + kind + " but flagged as a dictionary column");
      }
      if (kind == TypeKind.DECIMAL) {
        int precision = readByte();
        int scale = readByte();
        if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
          throw new CorruptBlockException("column " + column + " is decimal(" + precision + "," + scale
              + "), which codec version " + version + " cannot hold");
        }
        types[column] = ColumnType.decimal(precision, scale);
      } else {
        types[column] = ColumnarFormat.simpleType(kind);
      }
    }
    ColumnVector[] vectors = new ColumnVector[columns];
    for (int column = 0; column < columns; column++) {
      boolean[] nulls = hasNulls[column] ? readBits(rows, column, "null bits") : null;
      vectors[column] = dictionary[column]
          ? readDictionaryStrings(types[column], rows, nulls, column)
          : readValues(types[column], rows, nulls, column);
    }
    return new Batch(vectors, rows);
  }

  private boolean[] readBits(int rows, int column, String what) {
    int byteCount = (rows + 7) >>> 3;
    require(byteCount, column, what);
    boolean[] bits = new boolean[rows];
    int start = position;
    for (int row = 0; row < rows; row++) {
      bits[row] = (bytes[start + (row >>> 3)] & (1 << (row & 7))) != 0;
    }
    position += byteCount;
    return bits;
  }

  private ColumnVector readValues(ColumnType type, int rows, boolean[] nulls, int column) {
    return switch (type.kind()) {
      case BOOLEAN -> new BooleanVector(type, readBits(rows, column, "boolean values"), nulls, rows);
      // Each view is checked against the bytes left before its array is allocated.
      case INT, DATE -> {
        ByteBuffer source = view(4L * rows, column);
        int[] values = new int[rows];
        source.asIntBuffer().get(values);
        yield new IntVector(type, values, nulls, rows);
      }
      case LONG, TIMESTAMP -> {
        ByteBuffer source = view(8L * rows, column);
        long[] values = new long[rows];
        source.asLongBuffer().get(values);
        yield new LongVector(type, values, nulls, rows);
      }
      case DOUBLE -> {
        ByteBuffer source = view(8L * rows, column);
        double[] values = new double[rows];
        source.asDoubleBuffer().get(values);
        yield new DoubleVector(type, values, nulls, rows);
      }
      case STRING -> readStrings(type, rows, nulls, column);
      case DECIMAL -> {
        if (type.precision() <= 18) {
          ByteBuffer source = view(8L * rows, column);
          long[] values = new long[rows];
          source.asLongBuffer().get(values);
          yield new LongVector(type, values, nulls, rows);
        }
        yield readWideDecimals(type, rows, nulls, column);
      }
    };
  }

  private DecimalVector readWideDecimals(ColumnType type, int rows, boolean[] nulls, int column) {
    ByteBuffer source = view(16L * rows, column);
    long[] high = new long[rows];
    long[] low = new long[rows];
    int precision = type.precision();
    for (int row = 0; row < rows; row++) {
      long lowBits = source.getLong();
      long highBits = source.getLong();
      if (nulls == null || !nulls[row]) {
        if (!Int128.fitsPrecision(highBits, lowBits, precision)) {
          throw new CorruptBlockException("row " + row + " of column " + column + " holds "
              + Int128.toBigInteger(highBits, lowBits) + ", more digits than " + type);
        }
        high[row] = highBits;
        low[row] = lowBits;
      }
    }
    return new DecimalVector(type, high, low, nulls, rows);
  }

  /** The next {@code count} bytes as a little-endian buffer (checked first), consumed. */
  private ByteBuffer view(long count, int column) {
    require(count, column, "values");
    ByteBuffer buffer = ByteBuffer.wrap(bytes, position, (int) count).slice().order(ByteOrder.LITTLE_ENDIAN);
    position += (int) count;
    return buffer;
  }

  /** Offsets and bytes copied into a plain vector: two array copies, no {@code String}. */
  private StringVector readStrings(ColumnType type, int rows, boolean[] nulls, int column) {
    require(4L * rows + 4, column, "string offsets");
    int[] offsets = new int[rows + 1];
    ByteBuffer.wrap(bytes, position, 4 * rows + 4).slice().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(offsets);
    position += 4 * rows + 4;
    if (offsets[0] != 0) {
      throw new CorruptBlockException("the string offsets of column " + column + " start at " + offsets[0] + ", not 0");
    }
    int total = offsets[rows];
    if (total < 0) {
      throw new CorruptBlockException("column " + column + " has a negative string byte count " + total);
    }
    require(total, column, "string bytes");
    for (int row = 0; row < rows; row++) {
      int next = offsets[row + 1];
      if (next < offsets[row] || next > total) {
        throw new CorruptBlockException("string " + row + " of column " + column + " ends at offset " + next
            + ", outside [" + offsets[row] + ", " + total + "]");
      }
    }
    byte[] utf8 = java.util.Arrays.copyOfRange(bytes, position, position + total);
    position += total;
    return new StringVector(type, utf8, offsets, nulls, rows);
  }

  /** A dictionary (entry count, then the plain layout of the entries) and one id per row, each id checked. */
  private StringVector readDictionaryStrings(ColumnType type, int rows, boolean[] nulls, int column) {
    int entries = readInt();
    if (entries < 0) {
      throw new CorruptBlockException("column " + column + " has a negative dictionary size " + entries);
    }
    StringVector dictionary = readStrings(type, entries, null, column);
    ByteBuffer source = view(4L * rows, column);
    int[] ids = new int[rows];
    source.asIntBuffer().get(ids);
    for (int row = 0; row < rows; row++) {
      if (nulls != null && nulls[row]) {
        ids[row] = 0;
      } else if (ids[row] < 0 || ids[row] >= entries) {
        throw new CorruptBlockException("row " + row + " of column " + column + " has dictionary id " + ids[row]
            + ", outside [0, " + entries + ")");
      }
    }
    return StringVector.dictionaryEncoded(type, ids, dictionary, nulls, rows);
  }

  private int intAt(int at) {
    return (int) ByteArrayOutput.INTS.get(bytes, at);
  }

  private int readByte() {
    require(1);
    return bytes[position++];
  }

  private int readInt() {
    require(4);
    int value = intAt(position);
    position += 4;
    return value;
  }

  private void require(long count) {
    if (count > end - position) {
      throw new CorruptBlockException("the block is truncated: needs " + count + " more bytes at offset " + position
          + " but only " + (end - position) + " are left");
    }
  }

  private void require(long count, int column, String what) {
    if (count > end - position) {
      throw new CorruptBlockException("the block is truncated: the " + what + " of column " + column + " need " + count
          + " bytes at offset " + position + " but only " + (end - position) + " are left");
    }
  }
}
