package dev.ember.core.expression.evaluation;

import dev.ember.core.text.CivilCalendar;

/**
 * DATE and TIMESTAMP to text as Spark's cast does, in UTC (text to DATE and TIMESTAMP is
 * {@link dev.ember.core.text.DateTimeParser}). Dates print as
 * {@code yyyy-MM-dd}, timestamps as {@code yyyy-MM-dd HH:mm:ss[.ffffff]} with the fraction's
 * trailing zeros dropped; years outside 0000-9999 print with a sign, as ISO-8601 does.
 */
final class DateTimeText {
  private DateTimeText() {}

  static String formatDate(int epochDay) {
    StringBuilder text = new StringBuilder(10);
    appendDate(text, epochDay);
    return text.toString();
  }

  static String formatTimestamp(long micros) {
    long epochSecond = Math.floorDiv(micros, CivilCalendar.MICROS_PER_SECOND);
    int fraction = (int) Math.floorMod(micros, CivilCalendar.MICROS_PER_SECOND);
    long epochDay = Math.floorDiv(epochSecond, CivilCalendar.SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(epochSecond, CivilCalendar.SECONDS_PER_DAY);
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
    int year = CivilCalendar.year(epochDay);
    if (year > 9999) {
      text.append('+').append(year);
    } else if (year < 0) {
      text.append('-');
      appendPadded(text, -year, 4);
    } else {
      appendPadded(text, year, 4);
    }
    text.append('-');
    appendTwoDigits(text, CivilCalendar.month(epochDay));
    text.append('-');
    appendTwoDigits(text, CivilCalendar.dayOfMonth(epochDay));
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
