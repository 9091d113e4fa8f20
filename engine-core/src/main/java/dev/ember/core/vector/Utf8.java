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

  /** The number of characters in {@code bytes[from, to)}. */
  public static int characterCount(byte[] bytes, int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      if ((bytes[i] & 0xC0) != 0x80) {
        count++;
      }
    }
    return count;
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

  /** The first index at or after {@code from} where {@code needle} occurs in {@code haystack[from, to)}, or -1. */
  public static int indexOf(byte[] haystack, int from, int to, byte[] needle) {
    int length = needle.length;
    if (length == 0) {
      return from;
    }
    byte first = needle[0];
    int last = to - length;
    for (int i = from; i <= last; i++) {
      if (haystack[i] == first && java.util.Arrays.equals(haystack, i + 1, i + length, needle, 1, length)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code haystack[from, to)} contains {@code needle[needleFrom, needleTo)}. */
  public static boolean contains(byte[] haystack, int from, int to, byte[] needle, int needleFrom, int needleTo) {
    int length = needleTo - needleFrom;
    if (length == 0) {
      return true;
    }
    byte first = needle[needleFrom];
    int last = to - length;
    for (int i = from; i <= last; i++) {
      if (haystack[i] == first
          && java.util.Arrays.equals(haystack, i + 1, i + length, needle, needleFrom + 1, needleTo)) {
        return true;
      }
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
