package dev.ember.core.io.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte array that text is encoded into; the writer's only buffer type. */
final class ByteSink {
  byte[] bytes;
  int length;

  ByteSink(int initialCapacity) {
    bytes = new byte[Math.max(initialCapacity, 16)];
  }

  void ensureRoom(int more) {
    int needed = length + more;
    if (needed > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
    }
  }

  void put(byte b) {
    ensureRoom(1);
    bytes[length++] = b;
  }

  void put(byte[] source, int from, int to) {
    int count = to - from;
    ensureRoom(count);
    System.arraycopy(source, from, bytes, length, count);
    length += count;
  }

  /** Appends a String known to hold ASCII characters only. */
  void putAscii(String text) {
    int count = text.length();
    ensureRoom(count);
    for (int i = 0; i < count; i++) {
      bytes[length + i] = (byte) text.charAt(i);
    }
    length += count;
  }

  void putLong(long value) {
    if (value == Long.MIN_VALUE) {
      putAscii("-9223372036854775808");
      return;
    }
    ensureRoom(20);
    if (value < 0) {
      bytes[length++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long rest = value / 10; rest != 0; rest /= 10) {
      digits++;
    }
    int position = length + digits;
    do {
      bytes[--position] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value != 0);
    length += digits;
  }

  /** Appends {@code value} as exactly {@code digits} decimal digits (value must fit). */
  void putPadded(long value, int digits) {
    ensureRoom(digits);
    for (int i = digits - 1; i >= 0; i--) {
      bytes[length + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += digits;
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, length);
    length = 0;
  }
}
