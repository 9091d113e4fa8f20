package dev.ember.shuffle.format;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.nio.charset.StandardCharsets;

/**
 * Reads one block written by {@link BlockEncoder} back into a batch. Every length is checked
 * against the bytes that are there, so damaged input fails with a {@link CorruptBlockException}
 * instead of an index error or a huge allocation.
 */
public final class BlockDecoder {
  private final byte[] bytes;
  private final int end;
  private int position;

  private BlockDecoder(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.position = offset;
    this.end = offset + length;
  }

  /** The batch in {@code bytes[offset, offset + length)}, which must hold exactly one block. */
  public static Batch decode(byte[] bytes, int offset, int length) {
    BlockDecoder decoder = new BlockDecoder(bytes, offset, length);
    Batch batch = decoder.readBlock();
    if (decoder.position != decoder.end) {
      throw new CorruptBlockException((decoder.end - decoder.position) + " bytes are left after the block");
    }
    return batch;
  }

  private Batch readBlock() {
    int magic = readInt();
    if (magic != BlockFormat.BLOCK_MAGIC) {
      throw new CorruptBlockException("not a block: magic " + Integer.toHexString(magic));
    }
    int rows = readInt();
    int columns = readInt();
    if (rows < 0 || columns < 0) {
      throw new CorruptBlockException("negative row count " + rows + " or column count " + columns);
    }
    require(columns);
    ColumnType[] types = new ColumnType[columns];
    for (int column = 0; column < columns; column++) {
      types[column] = BlockFormat.typeOf(bytes[position++], column);
    }
    ColumnVector[] vectors = new ColumnVector[columns];
    for (int column = 0; column < columns; column++) {
      boolean[] nulls = readValidity(rows, column);
      vectors[column] = readValues(types[column], rows, nulls, column);
    }
    return new Batch(vectors, rows);
  }

  private boolean[] readValidity(int rows, int column) {
    require(1);
    byte flag = bytes[position++];
    if (flag == BlockFormat.NO_NULLS) {
      return null;
    }
    if (flag != BlockFormat.NULL_BITS) {
      throw new CorruptBlockException("column " + column + " has unknown validity flag " + flag);
    }
    return readBits(rows);
  }

  private boolean[] readBits(int rows) {
    int byteCount = (rows + 7) >>> 3;
    require(byteCount);
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
      case BOOLEAN -> new BooleanVector(type, readBits(rows), nulls, rows);
      case INT, DATE -> {
        require(4L * rows);
        int[] values = new int[rows];
        for (int row = 0; row < rows; row++) {
          values[row] = (int) ByteArrayOutput.INTS.get(bytes, position);
          position += 4;
        }
        yield new IntVector(type, values, nulls, rows);
      }
      case LONG, TIMESTAMP -> {
        require(8L * rows);
        long[] values = new long[rows];
        for (int row = 0; row < rows; row++) {
          values[row] = (long) ByteArrayOutput.LONGS.get(bytes, position);
          position += 8;
        }
        yield new LongVector(type, values, nulls, rows);
      }
      case DOUBLE -> {
        require(8L * rows);
        double[] values = new double[rows];
        for (int row = 0; row < rows; row++) {
          values[row] = Double.longBitsToDouble((long) ByteArrayOutput.LONGS.get(bytes, position));
          position += 8;
        }
        yield new DoubleVector(type, values, nulls, rows);
      }
      case STRING -> readStrings(type, rows, nulls, column);
      case DECIMAL -> throw new CorruptBlockException("column " + column + " is DECIMAL, which blocks cannot hold");
    };
  }

  private StringVector readStrings(ColumnType type, int rows, boolean[] nulls, int column) {
    require(4L * rows + 4);
    int lengths = position;
    position += 4 * rows;
    int total = readInt();
    if (total < 0) {
      throw new CorruptBlockException("column " + column + " has a negative string byte count " + total);
    }
    require(total);
    String[] values = new String[rows];
    int offset = position;
    int limit = position + total;
    for (int row = 0; row < rows; row++) {
      int length = (int) ByteArrayOutput.INTS.get(bytes, lengths + 4 * row);
      if (length < 0 || length > limit - offset) {
        throw new CorruptBlockException("string " + row + " of column " + column + " has length " + length
            + " but " + (limit - offset) + " bytes are left");
      }
      if (nulls == null || !nulls[row]) {
        values[row] = new String(bytes, offset, length, StandardCharsets.UTF_8);
      }
      offset += length;
    }
    if (offset != limit) {
      throw new CorruptBlockException("the strings of column " + column + " use " + (offset - position)
          + " of their " + total + " bytes");
    }
    position = limit;
    return new StringVector(type, values, nulls, rows);
  }

  private int readInt() {
    require(4);
    int value = (int) ByteArrayOutput.INTS.get(bytes, position);
    position += 4;
    return value;
  }

  private void require(long count) {
    if (count > end - position) {
      throw new CorruptBlockException("the block is truncated: needs " + count + " more bytes at offset " + position
          + " but only " + (end - position) + " are left");
    }
  }
}
