package dev.ember.core.expression.evaluation;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * DATE and TIMESTAMP to and from text as Spark's cast does, in UTC. Dates print as
 * {@code yyyy-MM-dd}, timestamps as {@code yyyy-MM-dd HH:mm:ss[.ffffff]} with the fraction's
 * trailing zeros dropped; years outside 0000-9999 print with a sign, as ISO-8601 does.
 */
final class DateTimeText {
  /** What {@link #parseDate} returns for text that is not a date. */
  static final long NOT_A_DATE = Long.MIN_VALUE;

  private DateTimeText() {}

  /**
   * Parses {@code [+-]yyyy[y...]}, {@code [+-]yyyy-[m]m} or {@code [+-]yyyy-[m]m-[d]d}, optionally
   * followed by a space or 'T' and anything (a time part, which is ignored), as Spark's
   * {@code stringToDate}: the year has 4 to 7 digits, month and day 1 or 2. Returns the epoch day,
   * or {@link #NOT_A_DATE}.
   */
  static long parseDate(String text) {
    int position = NumberText.trimStart(text);
    int end = NumberText.trimEnd(text, position);
    if (position == end) {
      return NOT_A_DATE;
    }
    int sign = 1;
    char first = text.charAt(position);
    if (first == '-' || first == '+') {
      sign = first == '-' ? -1 : 1;
      position++;
    }
    int[] segments = {1, 1, 1};
    int segment = 0;
    int value = 0;
    int digits = 0;
    while (position < end) {
      char character = text.charAt(position);
      if (character == ' ' || character == 'T') {
        break;
      }
      if (segment < 2 && character == '-') {
        if (!validDateDigits(segment, digits)) {
          return NOT_A_DATE;
        }
        segments[segment++] = value;
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
    segments[segment] = value;
    long year = (long) sign * segments[0];
    int month = segments[1];
    int day = segments[2];
    if (month < 1 || month > 12 || day < 1 || day > CivilDates.daysInMonth(year, month)) {
      return NOT_A_DATE;
    }
    long epochDay = CivilDates.epochDay(year, month, day);
    return epochDay < Integer.MIN_VALUE || epochDay > Integer.MAX_VALUE ? NOT_A_DATE : epochDay;
  }

  private static boolean validDateDigits(int segment, int digits) {
    return segment == 0 ? digits >= 4 && digits <= 7 : digits >= 1 && digits <= 2;
  }

  /**
   * Parses a timestamp as Spark's cast, in UTC unless the text names a zone: a date as
   * {@link #parseDate} takes it (without the trailing free text), optionally followed by a space
   * or 'T', {@code [h]h:[m]m[:[s]s[.fraction]]} and a zone ({@code Z}, {@code +hh:mm}, {@code UTC},
   * a region such as {@code Europe/Paris}). Fraction digits beyond microseconds are dropped. A
   * time without a date is not accepted (Spark would take today's date). Writes the epoch
   * microseconds into {@code result[0]}; returns false when the text is not a timestamp.
   */
  static boolean parseTimestamp(String text, long[] result) {
    int position = NumberText.trimStart(text);
    int end = NumberText.trimEnd(text, position);
    if (position == end) {
      return false;
    }
    int sign = 1;
    char first = text.charAt(position);
    if (first == '-' || first == '+') {
      sign = first == '-' ? -1 : 1;
      position++;
    }
    // Date: year, month, day.
    int[] date = {1, 1, 1};
    int segment = 0;
    int value = 0;
    int digits = 0;
    while (position < end) {
      char character = text.charAt(position);
      if (character == ' ' || character == 'T') {
        break;
      }
      if (segment < 2 && character == '-') {
        if (!validTimestampYearDigits(segment, digits)) {
          return false;
        }
        date[segment++] = value;
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
    if (!validTimestampYearDigits(segment, digits)) {
      return false;
    }
    date[segment] = value;
    long year = (long) sign * date[0];
    int month = date[1];
    int day = date[2];
    if (month < 1 || month > 12 || day < 1 || day > CivilDates.daysInMonth(year, month)) {
      return false;
    }
    if (segment < 2 && position < end) {
      return false;
    }
    long epochDay = CivilDates.epochDay(year, month, day);
    int hour = 0;
    int minute = 0;
    int second = 0;
    long micros = 0;
    ZoneId zone = ZoneOffset.UTC;
    if (position < end) {
      position++; // the ' ' or 'T'
      int[] time = {0, 0, 0};
      int timeSegment = 0;
      value = 0;
      digits = 0;
      while (position < end) {
        char character = text.charAt(position);
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
      if (position < end && text.charAt(position) == '.' && timeSegment == 2) {
        position++;
        int fractionDigits = 0;
        while (position < end && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
          if (fractionDigits < 6) {
            micros = micros * 10 + (text.charAt(position) - '0');
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
      while (position < end && text.charAt(position) == ' ') {
        position++;
      }
      if (position < end) {
        String zoneText = text.substring(position, end);
        try {
          zone = "Z".equals(zoneText) ? ZoneOffset.UTC : ZoneId.of(zoneText);
        } catch (DateTimeException notAZone) {
          return false;
        }
      }
    }
    long secondOfDay = hour * 3600L + minute * 60L + second;
    long epochSecond;
    if (zone instanceof ZoneOffset offset) {
      epochSecond = epochDay * CivilDates.SECONDS_PER_DAY + secondOfDay - offset.getTotalSeconds();
    } else {
      try {
        LocalDateTime local = LocalDateTime.of((int) year, month, day, hour, minute, second);
        epochSecond = local.atZone(zone).toEpochSecond();
      } catch (DateTimeException outOfRange) {
        return false;
      }
    }
    try {
      // Before 1970 with a fraction, borrow a second so that the earliest instant does not overflow.
      if (epochSecond < 0 && micros > 0) {
        result[0] = Math.addExact(
            Math.multiplyExact(epochSecond + 1, CivilDates.MICROS_PER_SECOND), micros - CivilDates.MICROS_PER_SECOND);
      } else {
        result[0] = Math.addExact(Math.multiplyExact(epochSecond, CivilDates.MICROS_PER_SECOND), micros);
      }
      return true;
    } catch (ArithmeticException overflow) {
      return false;
    }
  }

  private static boolean validTimestampYearDigits(int segment, int digits) {
    return segment == 0 ? digits >= 4 && digits <= 6 : digits >= 1 && digits <= 2;
  }

  static String formatDate(int epochDay) {
    StringBuilder text = new StringBuilder(10);
    appendDate(text, epochDay);
    return text.toString();
  }

  static String formatTimestamp(long micros) {
    long epochSecond = Math.floorDiv(micros, CivilDates.MICROS_PER_SECOND);
    int fraction = (int) Math.floorMod(micros, CivilDates.MICROS_PER_SECOND);
    long epochDay = Math.floorDiv(epochSecond, CivilDates.SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(epochSecond, CivilDates.SECONDS_PER_DAY);
    StringBuilder text = new StringBuilder(26);
    appendDate(text, epochDay);
    text.append(' ');
    appendTwoDigits(text, secondOfDay / 3600);
    text.append(':');
    appendTwoDigits(text, secondOfDay / 60 % 60);
    text.append(':');
    appendTwoDigits(text, secondOfDay % 60);
    if (fraction != 0) {
      text.append('.');
      String digits = Integer.toString(fraction + 1_000_000).substring(1);
      int length = 6;
      while (digits.charAt(length - 1) == '0') {
        length--;
      }
      text.append(digits, 0, length);
    }
    return text.toString();
  }

  private static void appendDate(StringBuilder text, long epochDay) {
    int year = CivilDates.year(epochDay);
    if (year > 9999) {
      text.append('+').append(year);
    } else if (year < 0) {
      text.append('-');
      appendPadded(text, -year, 4);
    } else {
      appendPadded(text, year, 4);
    }
    text.append('-');
    appendTwoDigits(text, CivilDates.month(epochDay));
    text.append('-');
    appendTwoDigits(text, CivilDates.dayOfMonth(epochDay));
  }

  private static void appendTwoDigits(StringBuilder text, int value) {
    if (value < 10) {
      text.append('0');
    }
    text.append(value);
  }

  private static void appendPadded(StringBuilder text, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      text.append('0');
    }
    text.append(digits);
  }
}
