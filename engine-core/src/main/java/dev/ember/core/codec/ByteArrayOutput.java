package dev.ember.core.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable byte array written like a {@code DataOutput}, little-endian, with bulk writers for
 * primitive arrays (one bounds check per array, not per value). Reused between blocks by its owner.
 */
public final class ByteArrayOutput {
  static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  /**
   * Arrays of at least this many values are written through a little-endian buffer view (one copy
   * per array); shorter ones, such as the small per-partition pieces of a shuffle, one value at a
   * time, which saves the view objects.
   */
  private static final int BULK_VALUES = 64;

  private byte[] bytes;
  private int length;

  public ByteArrayOutput(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  public byte[] array() {
    return bytes;
  }

  public int length() {
    return length;
  }

  public void reset() {
    length = 0;
  }

  /** Empties the output and drops a grown array for one of {@code capacity} bytes (owners that live long). */
  public void release(int capacity) {
    length = 0;
    bytes = new byte[Math.max(16, capacity)];
  }

  /** Makes room for {@code more} bytes after the current length. */
  public void ensureCapacity(long more) {
    long needed = (long) length + more;
    if (needed > bytes.length) {
      if (needed > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("an encoded block cannot exceed 2 GB, needed " + needed + " bytes");
      }
      bytes = Arrays.copyOf(bytes, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 16, 2L * bytes.length)));
    }
  }

  public void writeByte(int value) {
    ensureCapacity(1);
    bytes[length++] = (byte) value;
  }

  public void writeInt(int value) {
    ensureCapacity(4);
    INTS.set(bytes, length, value);
    length += 4;
  }

  public void writeLong(long value) {
    ensureCapacity(8);
    LONGS.set(bytes, length, value);
    length += 8;
  }

  public void writeInts(int[] values, int count) {
    ensureCapacity(4L * count);
    if (count >= BULK_VALUES) {
      view(4 * count).asIntBuffer().put(values, 0, count);
      length += 4 * count;
      return;
    }
    byte[] target = bytes;
    int position = length;
    for (int i = 0; i < count; i++) {
      INTS.set(target, position, values[i]);
      position += 4;
    }
    length = position;
  }

  public void writeLongs(long[] values, int count) {
    ensureCapacity(8L * count);
    if (count >= BULK_VALUES) {
      view(8 * count).asLongBuffer().put(values, 0, count);
      length += 8 * count;
      return;
    }
    byte[] target = bytes;
    int position = length;
    for (int i = 0; i < count; i++) {
      LONGS.set(target, position, values[i]);
      position += 8;
    }
    length = position;
  }

  /** Doubles as their raw bits, so NaN payloads and -0.0 stay exactly as they were. */
  public void writeDoubles(double[] values, int count) {
    ensureCapacity(8L * count);
    if (count >= BULK_VALUES) {
      view(8 * count).asDoubleBuffer().put(values, 0, count);
      length += 8 * count;
      return;
    }
    byte[] target = bytes;
    int position = length;
    for (int i = 0; i < count; i++) {
      LONGS.set(target, position, Double.doubleToRawLongBits(values[i]));
      position += 8;
    }
    length = position;
  }

  public void writeBytes(byte[] values, int offset, int count) {
    ensureCapacity(count);
    System.arraycopy(values, offset, bytes, length, count);
    length += count;
  }

  private ByteBuffer view(int count) {
    return ByteBuffer.wrap(bytes, length, count).slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Reserves {@code count} zeroed bytes and returns where they start (for bit sets filled later). */
  public int skipZeroed(int count) {
    ensureCapacity(count);
    int start = length;
    Arrays.fill(bytes, start, start + count, (byte) 0);
    length += count;
    return start;
  }

  /** Overwrites the int at {@code position} (a length written before its content). */
  public void setInt(int position, int value) {
    INTS.set(bytes, position, value);
  }

  /**
   * Appends the UTF-8 bytes of {@code value} and returns how many there were. Encodes by hand to
   * avoid one byte array per string; unpaired surrogates become '?', as {@code String.getBytes}.
   */
  public int writeUtf8(String value) {
    int chars = value.length();
    ensureCapacity(3L * chars);
    byte[] target = bytes;
    int start = length;
    int position = start;
    for (int i = 0; i < chars; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        target[position++] = (byte) c;
      } else if (c < 0x800) {
        target[position++] = (byte) (0xC0 | (c >> 6));
        target[position++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        int codePoint = Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(value.charAt(i + 1))
            ? Character.toCodePoint(c, value.charAt(++i))
            : -1;
        if (codePoint < 0) {
          target[position++] = (byte) '?';
        } else {
          target[position++] = (byte) (0xF0 | (codePoint >> 18));
          target[position++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
          target[position++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
          target[position++] = (byte) (0x80 | (codePoint & 0x3F));
        }
      } else {
        target[position++] = (byte) (0xE0 | (c >> 12));
        target[position++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        target[position++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    length = position;
    return position - start;
  }
}
