package dev.ember.core.text;

import java.util.Locale;

/**
 * Sizes as Spark's configuration writes them: a whole number with an optional unit {@code b},
 * {@code k}/{@code kb}, {@code m}/{@code mb}, {@code g}/{@code gb}, {@code t}/{@code tb} (binary
 * multiples, case-insensitive). What a number without a unit means depends on the key: bytes for
 * thresholds, MiB for memory sizes, as in Spark.
 */
public final class ByteSizes {
  private ByteSizes() {}

  /**
   * Parses {@code value} of configuration key {@code key} into bytes; {@code plainUnit} is the
   * multiplier of a number without a unit (1 or {@code 1 << 20}).
   *
   * @throws IllegalArgumentException naming the key and the value when it is not a size
   */
  public static long parse(String key, String value, long plainUnit) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    int start = text.startsWith("-") ? 1 : 0;
    int end = start;
    while (end < text.length() && Character.isDigit(text.charAt(end))) {
      end++;
    }
    long multiplier = switch (text.substring(end).trim()) {
      case "" -> plainUnit;
      case "b" -> 1L;
      case "k", "kb" -> 1L << 10;
      case "m", "mb" -> 1L << 20;
      case "g", "gb" -> 1L << 30;
      case "t", "tb" -> 1L << 40;
      default -> -1L;
    };
    if (end == start || multiplier < 0) {
      throw new IllegalArgumentException(key + " should be a size such as 10485760, 512m or 2g, but was '" + value + "'");
    }
    try {
      return Math.multiplyExact(Long.parseLong(text.substring(0, end)), multiplier);
    } catch (NumberFormatException | ArithmeticException tooLarge) {
      throw new IllegalArgumentException(key + " is too large: '" + value + "'", tooLarge);
    }
  }

  /** A memory size: a plain number means MiB; it must be positive. */
  public static long parseMemory(String key, String value) {
    long bytes = parse(key, value, 1L << 20);
    if (bytes <= 0) {
      throw new IllegalArgumentException(key + " must be positive, but was '" + value + "'");
    }
    return bytes;
  }
}
