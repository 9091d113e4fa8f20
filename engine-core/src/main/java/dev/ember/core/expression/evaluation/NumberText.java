package dev.ember.core.expression.evaluation;

import java.util.Locale;

/** Parsing of numbers and booleans from strings with the rules of Spark's non-ANSI cast. */
final class NumberText {
  private NumberText() {}

  /** Spark trims ASCII whitespace and control characters (code units up to space, and DEL). */
  static boolean isTrimmed(char character) {
    return character <= ' ' || character == '\u007f';
  }

  static int trimStart(String text) {
    int start = 0;
    while (start < text.length() && isTrimmed(text.charAt(start))) {
      start++;
    }
    return start;
  }

  /** One past the last kept character, at least {@code start}. */
  static int trimEnd(String text, int start) {
    int end = text.length();
    while (end > start && isTrimmed(text.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  /**
   * Parses an integral number as Spark's {@code UTF8String.toLong}: optional sign, digits, and an
   * optional fraction of digits that is dropped (truncation toward zero: "-3.7" is -3). Returns
   * false, leaving {@code result} alone, when the text is not such a number or exceeds a long.
   */
  static boolean parseIntegral(String text, long[] result) {
    int offset = trimStart(text);
    int end = trimEnd(text, offset);
    if (offset == end) {
      return false;
    }
    char first = text.charAt(offset);
    boolean negative = first == '-';
    if (negative || first == '+') {
      if (end - offset == 1) {
        return false;
      }
      offset++;
    }
    // Accumulate negatively: Long.MIN_VALUE has no positive counterpart.
    long value = 0;
    long stopValue = Long.MIN_VALUE / 10;
    while (offset < end) {
      char character = text.charAt(offset++);
      if (character == '.') {
        break;
      }
      if (character < '0' || character > '9') {
        return false;
      }
      if (value < stopValue) {
        return false;
      }
      value = value * 10 - (character - '0');
      if (value > 0) {
        return false;
      }
    }
    while (offset < end) {
      char character = text.charAt(offset++);
      if (character < '0' || character > '9') {
        return false;
      }
    }
    if (!negative) {
      value = -value;
      if (value < 0) {
        return false;
      }
    }
    result[0] = value;
    return true;
  }

  /**
   * Parses a double as Spark's cast: Java's {@link Double#parseDouble} (which trims, and takes
   * exponents), then the special words inf, +inf, infinity, +infinity, -inf, -infinity and nan
   * in any case. Returns false when neither applies.
   */
  static boolean parseDouble(String text, double[] result) {
    try {
      result[0] = Double.parseDouble(text);
      return true;
    } catch (NumberFormatException notJavaSyntax) {
      switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "inf", "+inf", "infinity", "+infinity" -> result[0] = Double.POSITIVE_INFINITY;
        case "-inf", "-infinity" -> result[0] = Double.NEGATIVE_INFINITY;
        case "nan" -> result[0] = Double.NaN;
        default -> {
          return false;
        }
      }
      return true;
    }
  }

  /** 1 for t/true/y/yes/1, 0 for f/false/n/no/0 (trimmed, any case), -1 for anything else. */
  static int parseBoolean(String text) {
    int start = trimStart(text);
    int end = trimEnd(text, start);
    if (end - start > 5 || end == start) {
      return -1;
    }
    return switch (text.substring(start, end).toLowerCase(Locale.ROOT)) {
      case "t", "true", "y", "yes", "1" -> 1;
      case "f", "false", "n", "no", "0" -> 0;
      default -> -1;
    };
  }
}
