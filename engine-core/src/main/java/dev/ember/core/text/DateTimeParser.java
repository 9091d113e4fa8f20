package dev.ember.core.text;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The one parser of date and timestamp text, as Spark's {@code stringToDate} and
 * {@code stringToTimestamp} (used by casts, {@code to_date} without a pattern, and the CSV reader's
 * default formats), in UTC unless the text names a zone. It reads ASCII bytes without allocating;
 * the {@code String} forms map every non-ASCII character to a byte that matches nothing.
 *
 * <ul>
 *   <li>Dates: {@code [+-]yyyy[y...]}, {@code [+-]yyyy-[m]m} or {@code [+-]yyyy-[m]m-[d]d} (the year
 *       has 4 to 7 digits), a full date optionally followed by a space or 'T' and anything.
 *   <li>Timestamps: a date as above (year 4 to 6 digits, no free text), optionally followed by a
 *       space or 'T', {@code [h]h:[m]m[:[s]s[.fraction]]}, blanks and a zone: {@code Z},
 *       {@code UTC}, {@code ±hh}, {@code ±hhmm}, {@code ±hh:mm}, or a zone name such as
 *       {@code Europe/Paris} ({@link ZoneId#of}). Fraction digits beyond microseconds are dropped;
 *       a time without a date is not accepted (Spark would take today's date); a numeric offset
 *       needs two hour digits (Spark also takes {@code +h}).
 * </ul>
 *
 * Leading and trailing blanks ({@code <= ' '} and DEL) are ignored.
 */
public final class DateTimeParser {
  /** What {@link #parseDate} returns for text that is not a date. */
  public static final long NOT_A_DATE = Long.MIN_VALUE;

  private DateTimeParser() {}

  public static long parseDate(String text) {
    byte[] bytes = ascii(text);
    return parseDate(bytes, 0, bytes.length);
  }

  public static boolean parseTimestamp(String text, long[] result) {
    byte[] bytes = ascii(text);
    return parseTimestamp(bytes, 0, bytes.length, result);
  }

  /** Exactly {@code yyyy-MM-dd} (the fast path of the default date pattern); the epoch day or {@link #NOT_A_DATE}. */
  public static long parseIsoDate(byte[] bytes, int start, int end) {
    if (end - start != 10 || bytes[start + 4] != '-' || bytes[start + 7] != '-') {
      return NOT_A_DATE;
    }
    int year = digits(bytes, start, 4);
    int month = digits(bytes, start + 5, 2);
    int day = digits(bytes, start + 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > CivilCalendar.lengthOfMonth(year, month)) {
      return NOT_A_DATE;
    }
    return CivilCalendar.epochDay(year, month, day);
  }

  /** Spark's {@code stringToDate} of {@code bytes[start, end)}: the epoch day, or {@link #NOT_A_DATE}. */
  public static long parseDate(byte[] bytes, int start, int end) {
    int position = trimStart(bytes, start, end);
    end = trimEnd(bytes, position, end);
    if (position == end) {
      return NOT_A_DATE;
    }
    int sign = 1;
    byte first = bytes[position];
    if (first == '-' || first == '+') {
      sign = first == '-' ? -1 : 1;
      position++;
    }
    int year = 0;
    int month = 1;
    int day = 1;
    int segment = 0;
    int value = 0;
    int digits = 0;
    while (position < end) {
      byte character = bytes[position];
      if (character == ' ' || character == 'T') {
        break;
      }
      if (segment < 2 && character == '-') {
        if (!validDateDigits(segment, digits)) {
          return NOT_A_DATE;
        }
        if (segment == 0) {
          year = value;
        } else {
          month = value;
        }
        segment++;
        value = 0;
        digits = 0;
      } else if (character >= '0' && character <= '9') {
        value = value * 10 + (character - '0');
        digits++;
        if (digits > 7) {
          return NOT_A_DATE;
        }
      } else {
        return NOT_A_DATE;
      }
      position++;
    }
    if (!validDateDigits(segment, digits)) {
      return NOT_A_DATE;
    }
    // Only a full yyyy-mm-dd may be followed by a time part.
    if (segment < 2 && position < end) {
      return NOT_A_DATE;
    }
    switch (segment) {
      case 0 -> year = value;
      case 1 -> month = value;
      default -> day = value;
    }
    long signedYear = (long) sign * year;
    if (month < 1 || month > 12 || day < 1 || day > CivilCalendar.lengthOfMonth(signedYear, month)) {
      return NOT_A_DATE;
    }
    long epochDay = CivilCalendar.epochDay(signedYear, month, day);
    return epochDay < Integer.MIN_VALUE || epochDay > Integer.MAX_VALUE ? NOT_A_DATE : epochDay;
  }

  private static boolean validDateDigits(int segment, int digits) {
    return segment == 0 ? digits >= 4 && digits <= 7 : digits >= 1 && digits <= 2;
  }

  /**
   * Spark's {@code stringToTimestamp} of {@code bytes[start, end)}: writes the epoch microseconds
   * into {@code result[0]} and returns true, or returns false when the text is not a timestamp.
   */
  public static boolean parseTimestamp(byte[] bytes, int start, int end, long[] result) {
    int position = trimStart(bytes, start, end);
    end = trimEnd(bytes, position, end);
    if (position == end) {
      return false;
    }
    int sign = 1;
    byte first = bytes[position];
    if (first == '-' || first == '+') {
      sign = first == '-' ? -1 : 1;
      position++;
    }
    int year = 0;
    int month = 1;
    int day = 1;
    int segment = 0;
    int value = 0;
    int digits = 0;
    while (position < end) {
      byte character = bytes[position];
      if (character == ' ' || character == 'T') {
        break;
      }
      if (segment < 2 && character == '-') {
        if (!validTimestampDateDigits(segment, digits)) {
          return false;
        }
        if (segment == 0) {
          year = value;
        } else {
          month = value;
        }
        segment++;
        value = 0;
        digits = 0;
      } else if (character >= '0' && character <= '9' && digits < 6) {
        value = value * 10 + (character - '0');
        digits++;
      } else {
        return false;
      }
      position++;
    }
    if (!validTimestampDateDigits(segment, digits)) {
      return false;
    }
    switch (segment) {
      case 0 -> year = value;
      case 1 -> month = value;
      default -> day = value;
    }
    long signedYear = (long) sign * year;
    if (month < 1 || month > 12 || day < 1 || day > CivilCalendar.lengthOfMonth(signedYear, month)) {
      return false;
    }
    if (segment < 2 && position < end) {
      return false;
    }
    long epochDay = CivilCalendar.epochDay(signedYear, month, day);
    int hour = 0;
    int minute = 0;
    int second = 0;
    long micros = 0;
    long offsetSeconds = 0;
    ZoneId region = null;
    if (position < end) {
      position++; // the ' ' or 'T'
      int[] time = {0, 0, 0};
      int timeSegment = 0;
      value = 0;
      digits = 0;
      while (position < end) {
        byte character = bytes[position];
        if (character >= '0' && character <= '9') {
          if (++digits > 2) {
            return false;
          }
          value = value * 10 + (character - '0');
        } else if (character == ':' && timeSegment < 2) {
          if (digits == 0) {
            return false;
          }
          time[timeSegment++] = value;
          value = 0;
          digits = 0;
        } else {
          break;
        }
        position++;
      }
      if (digits == 0) {
        // "2020-01-05 " is trimmed away; "2020-01-05T" alone is the date at midnight.
        if (timeSegment > 0 || position < end) {
          return false;
        }
      } else {
        if (timeSegment == 0) {
          return false;
        }
        time[timeSegment] = value;
      }
      hour = time[0];
      minute = time[1];
      second = time[2];
      if (hour > 23 || minute > 59 || second > 59) {
        return false;
      }
      if (position < end && bytes[position] == '.' && timeSegment == 2) {
        position++;
        int fractionDigits = 0;
        while (position < end && bytes[position] >= '0' && bytes[position] <= '9') {
          if (fractionDigits < 6) {
            micros = micros * 10 + (bytes[position] - '0');
          }
          fractionDigits++;
          position++;
        }
        if (fractionDigits == 0) {
          return false;
        }
        for (int i = Math.min(fractionDigits, 6); i < 6; i++) {
          micros *= 10;
        }
      }
      while (position < end && bytes[position] == ' ') {
        position++;
      }
      if (position < end) {
        byte zone = bytes[position];
        if (zone == '+' || zone == '-') {
          offsetSeconds = offsetSeconds(bytes, position, end);
          if (offsetSeconds == NOT_AN_OFFSET) {
            return false;
          }
        } else if (end - position == 1 && zone == 'Z') {
          offsetSeconds = 0;
        } else if (end - position == 3 && zone == 'U' && bytes[position + 1] == 'T' && bytes[position + 2] == 'C') {
          offsetSeconds = 0;
        } else {
          try {
            region = ZoneId.of(new String(bytes, position, end - position, java.nio.charset.StandardCharsets.ISO_8859_1));
          } catch (DateTimeException notAZone) {
            return false;
          }
        }
      }
    }
    long secondOfDay = hour * 3600L + minute * 60L + second;
    long epochSecond;
    if (region == null) {
      epochSecond = epochDay * CivilCalendar.SECONDS_PER_DAY + secondOfDay - offsetSeconds;
    } else {
      try {
        LocalDateTime local = LocalDateTime.of((int) signedYear, month, day, hour, minute, second);
        epochSecond = local.atZone(region).toEpochSecond();
      } catch (DateTimeException outOfRange) {
        return false;
      }
    }
    try {
      // Before 1970 with a fraction, borrow a second so that the earliest instant does not overflow.
      if (epochSecond < 0 && micros > 0) {
        result[0] = Math.addExact(
            Math.multiplyExact(epochSecond + 1, CivilCalendar.MICROS_PER_SECOND), micros - CivilCalendar.MICROS_PER_SECOND);
      } else {
        result[0] = Math.addExact(Math.multiplyExact(epochSecond, CivilCalendar.MICROS_PER_SECOND), micros);
      }
      return true;
    } catch (ArithmeticException overflow) {
      return false;
    }
  }

  private static final long NOT_AN_OFFSET = Long.MIN_VALUE;

  /** {@code ±hh}, {@code ±hhmm} or {@code ±hh:mm} up to ±18:00 filling {@code bytes[from, end)}, in seconds. */
  private static long offsetSeconds(byte[] bytes, int from, int end) {
    int length = end - from;
    int hours = length >= 3 ? digits(bytes, from + 1, 2) : -1;
    int minutes;
    if (length == 3) {
      minutes = 0;
    } else if (length == 5) {
      minutes = digits(bytes, from + 3, 2);
    } else if (length == 6 && bytes[from + 3] == ':') {
      minutes = digits(bytes, from + 4, 2);
    } else {
      return NOT_AN_OFFSET;
    }
    if (hours < 0 || minutes < 0 || minutes > 59 || hours > 18 || (hours == 18 && minutes > 0)) {
      return NOT_AN_OFFSET;
    }
    long seconds = hours * 3600L + minutes * 60L;
    return bytes[from] == '-' ? -seconds : seconds;
  }

  private static boolean validTimestampDateDigits(int segment, int digits) {
    return segment == 0 ? digits >= 4 && digits <= 6 : digits >= 1 && digits <= 2;
  }

  private static boolean isTrimmed(byte b) {
    return b >= 0 && (b <= ' ' || b == 0x7F);
  }

  private static int trimStart(byte[] bytes, int start, int end) {
    while (start < end && isTrimmed(bytes[start])) {
      start++;
    }
    return start;
  }

  private static int trimEnd(byte[] bytes, int start, int end) {
    while (end > start && isTrimmed(bytes[end - 1])) {
      end--;
    }
    return end;
  }

  /** The value of {@code count} ASCII digits, or -1 when one is not a digit. */
  private static int digits(byte[] bytes, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int digit = bytes[i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  /** The characters as bytes; a non-ASCII character becomes 0x80, which no rule accepts. */
  private static byte[] ascii(String text) {
    byte[] bytes = new byte[text.length()];
    for (int i = 0; i < bytes.length; i++) {
      char c = text.charAt(i);
      bytes[i] = c < 0x80 ? (byte) c : (byte) 0x80;
    }
    return bytes;
  }
}
