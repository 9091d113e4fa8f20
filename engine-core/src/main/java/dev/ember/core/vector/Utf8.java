package dev.ember.core.vector;

import java.nio.charset.StandardCharsets;

/**
 * Byte-level helpers for UTF-8 text as {@link StringVector} holds it. Counting and cutting work on
 * the lead bytes of each sequence, as Spark's {@code UTF8String} does, so a 4-byte sequence (a
 * character above U+FFFF, a surrogate pair in Java) counts as one character.
 */
public final class Utf8 {
  private Utf8() {}

  /** The UTF-8 bytes of {@code text} (an unpaired surrogate becomes '?', as {@link String#getBytes}). */
  public static byte[] encode(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether {@code value} starts a character (is not a continuation byte {@code 10xxxxxx}). */
  public static boolean startsCharacter(byte value) {
    return (value & 0xC0) != 0x80;
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  /**
   * The number of characters in {@code bytes[from, to)}: the bytes minus the continuation bytes
   * ({@code 10xxxxxx}), counted eight at a time (bit 7 set and bit 6, shifted up onto bit 7, clear).
   */
  public static int characterCount(byte[] bytes, int from, int to) {
    int continuations = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long word = (long) LONGS.get(bytes, i);
      continuations += Long.bitCount(word & ~(word << 1) & HIGH_BITS);
    }
    for (; i < to; i++) {
      if ((bytes[i] & 0xC0) == 0x80) {
        continuations++;
      }
    }
    return to - from - continuations;
  }

  /**
   * The byte index in {@code bytes[from, to)} where character number {@code characters} (0-based)
   * starts, or {@code to} when the text has no more characters.
   */
  public static int offsetOfCharacter(byte[] bytes, int from, int to, long characters) {
    if (characters <= 0) {
      return from;
    }
    long seen = 0;
    for (int i = from; i < to; i++) {
      if ((bytes[i] & 0xC0) != 0x80) {
        if (seen == characters) {
          return i;
        }
        seen++;
      }
    }
    return to;
  }

  /** Whether every byte of {@code bytes[from, to)} is ASCII (below 0x80). */
  public static boolean isAscii(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code haystack[from, to)} contains {@code needle[needleFrom, needleTo)}. A candidate
   * must match the needle's first and last byte before the bytes between are compared, in a plain
   * loop: needles are short, and a library range compare per candidate costs more than it saves.
   */
  public static boolean contains(byte[] haystack, int from, int to, byte[] needle, int needleFrom, int needleTo) {
    int length = needleTo - needleFrom;
    if (length == 0) {
      return true;
    }
    byte first = needle[needleFrom];
    byte lastByte = needle[needleTo - 1];
    int last = to - length;
    candidates:
    for (int i = from; i <= last; i++) {
      if (haystack[i] != first || haystack[i + length - 1] != lastByte) {
        continue;
      }
      for (int j = 1; j < length - 1; j++) {
        if (haystack[i + j] != needle[needleFrom + j]) {
          continue candidates;
        }
      }
      return true;
    }
    return false;
  }

  /** Whether {@code text[from, to)} starts with {@code prefix[prefixFrom, prefixTo)}. */
  public static boolean startsWith(byte[] text, int from, int to, byte[] prefix, int prefixFrom, int prefixTo) {
    int length = prefixTo - prefixFrom;
    return to - from >= length && java.util.Arrays.equals(text, from, from + length, prefix, prefixFrom, prefixTo);
  }

  /** Whether {@code text[from, to)} ends with {@code suffix[suffixFrom, suffixTo)}. */
  public static boolean endsWith(byte[] text, int from, int to, byte[] suffix, int suffixFrom, int suffixTo) {
    int length = suffixTo - suffixFrom;
    return to - from >= length && java.util.Arrays.equals(text, to - length, to, suffix, suffixFrom, suffixTo);
  }
}
