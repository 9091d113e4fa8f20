package dev.ember.core.io.csv;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import dev.ember.core.source.CsvOptions;

/**
 * Parses CSV field bytes (UTF-8, already unquoted) into Ember's internal values without creating
 * Strings on the common paths. Each parse method sets {@link #ok}; on failure the returned value
 * is meaningless. Single-threaded.
 *
 * <p>Accepted forms follow Spark 3.5: INT and LONG as {@code Integer.parseInt}/{@code
 * Long.parseLong} (optional sign, ASCII digits, no spaces); DOUBLE as {@code Double.parseDouble}
 * plus Spark's {@code Inf} and {@code -Inf}; BOOLEAN {@code true}/{@code false} in any case; DATE
 * with the dateFormat pattern (and, for the default pattern only, Spark's lenient fallback
 * {@code yyyy[-[m]m[-[d]d]][(T| )anything]}); TIMESTAMP with the timestampFormat pattern and
 * always also {@code yyyy-[m]m-[d]d[(T| )[h]h:[m]m[:[s]s[.fraction]]][zone]}, zone being {@code Z},
 * {@code UTC} or {@code ±hh[[:]mm]}, UTC when absent (the session time zone).
 */
final class CsvValueParser {
  static final String DEFAULT_DATE_FORMAT = "yyyy-MM-dd";
  static final String DEFAULT_TIMESTAMP_FORMAT = CsvOptions.defaults().timestampFormat();

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private final boolean defaultDateFormat;
  private final DateTimeFormatter dateFormatter;
  private final DateTimeFormatter timestampFormatter;

  /** Whether the last parse succeeded. */
  boolean ok;

  CsvValueParser(CsvOptions options) {
    defaultDateFormat = options.dateFormat().equals(DEFAULT_DATE_FORMAT);
    dateFormatter = DateTimePatterns.formatter(options.dateFormat(), "dateFormat");
    timestampFormatter = options.timestampFormat().equals(DEFAULT_TIMESTAMP_FORMAT)
        ? null
        : DateTimePatterns.formatter(options.timestampFormat(), "timestampFormat");
  }

  int parseInt(byte[] bytes, int start, int end) {
    long value = parseLong(bytes, start, end);
    if (ok && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
      ok = false;
    }
    return (int) value;
  }

  long parseLong(byte[] bytes, int start, int end) {
    ok = false;
    int i = start;
    boolean negative = false;
    if (i < end) {
      byte first = bytes[i];
      if (first == '-') {
        negative = true;
        i++;
      } else if (first == '+') {
        i++;
      }
    }
    if (i == end) {
      return 0;
    }
    // Accumulate negatively, as Long.parseLong does, so that Long.MIN_VALUE fits.
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long multiplyLimit = limit / 10;
    long result = 0;
    while (i < end) {
      int digit = bytes[i++] - '0';
      if (digit < 0 || digit > 9 || result < multiplyLimit) {
        return 0;
      }
      result *= 10;
      if (result < limit + digit) {
        return 0;
      }
      result -= digit;
    }
    ok = true;
    return negative ? result : -result;
  }

  double parseDouble(byte[] bytes, int start, int end) {
    double fast = parseSimpleDouble(bytes, start, end);
    if (ok) {
      return fast;
    }
    String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
    ok = true;
    switch (text) {
      case "Inf", "+Inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-Inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      default -> {}
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      ok = false;
      return 0;
    }
  }

  /**
   * Plain decimals with at most 15 significant digits and a small exponent: the mantissa and the
   * power of ten are exact doubles, so one multiplication or division rounds correctly (Clinger's
   * fast path). Anything else sets {@code ok = false} and is left to {@code Double.parseDouble}.
   */
  private double parseSimpleDouble(byte[] bytes, int start, int end) {
    ok = false;
    int i = start;
    boolean negative = false;
    if (i < end && (bytes[i] == '-' || bytes[i] == '+')) {
      negative = bytes[i] == '-';
      i++;
    }
    long mantissa = 0;
    int significantDigits = 0;
    int exponent = 0;
    boolean anyDigit = false;
    while (i < end) {
      int digit = bytes[i] - '0';
      if (digit < 0 || digit > 9) {
        break;
      }
      anyDigit = true;
      mantissa = mantissa * 10 + digit;
      if (mantissa != 0) {
        significantDigits++;
      }
      if (significantDigits > 15) {
        return 0;
      }
      i++;
    }
    if (i < end && bytes[i] == '.') {
      i++;
      while (i < end) {
        int digit = bytes[i] - '0';
        if (digit < 0 || digit > 9) {
          break;
        }
        anyDigit = true;
        mantissa = mantissa * 10 + digit;
        if (mantissa != 0) {
          significantDigits++;
        }
        if (significantDigits > 15) {
          return 0;
        }
        exponent--;
        i++;
      }
    }
    if (!anyDigit) {
      return 0;
    }
    if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
      i++;
      boolean negativeExponent = false;
      if (i < end && (bytes[i] == '-' || bytes[i] == '+')) {
        negativeExponent = bytes[i] == '-';
        i++;
      }
      int exponentStart = i;
      int explicitExponent = 0;
      while (i < end && i - exponentStart < 4) {
        int digit = bytes[i] - '0';
        if (digit < 0 || digit > 9) {
          break;
        }
        explicitExponent = explicitExponent * 10 + digit;
        i++;
      }
      if (i == exponentStart) {
        return 0;
      }
      exponent += negativeExponent ? -explicitExponent : explicitExponent;
    }
    if (i != end) {
      return 0;
    }
    double value;
    if (mantissa == 0) {
      value = 0;
    } else if (exponent == 0) {
      value = mantissa;
    } else if (exponent > 0 && exponent <= 22) {
      value = mantissa * POWERS_OF_TEN[exponent];
    } else if (exponent < 0 && exponent >= -22) {
      value = mantissa / POWERS_OF_TEN[-exponent];
    } else {
      return 0;
    }
    ok = true;
    return negative ? -value : value;
  }

  boolean parseBoolean(byte[] bytes, int start, int end) {
    int length = end - start;
    if (length == 4
        && (bytes[start] | 0x20) == 't' && (bytes[start + 1] | 0x20) == 'r'
        && (bytes[start + 2] | 0x20) == 'u' && (bytes[start + 3] | 0x20) == 'e') {
      ok = true;
      return true;
    }
    ok = length == 5
        && (bytes[start] | 0x20) == 'f' && (bytes[start + 1] | 0x20) == 'a'
        && (bytes[start + 2] | 0x20) == 'l' && (bytes[start + 3] | 0x20) == 's'
        && (bytes[start + 4] | 0x20) == 'e';
    return false;
  }

  /**
   * Days since the epoch. {@code patternOnly} disables Spark's lenient fallback for the default
   * pattern (schema inference, like Spark's, accepts only the pattern).
   */
  int parseDate(byte[] bytes, int start, int end, boolean patternOnly) {
    if (defaultDateFormat) {
      int days = parseIsoDate(bytes, start, end);
      if (ok) {
        return days;
      }
      if (!patternOnly) {
        days = parseLenientDate(bytes, start, end);
        if (ok) {
          return days;
        }
      }
    }
    String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
    try {
      LocalDate date = dateFormatter.parse(text, LocalDate::from);
      ok = true;
      return (int) date.toEpochDay();
    } catch (RuntimeException e) {
      ok = false;
      return 0;
    }
  }

  /** Exactly {@code yyyy-MM-dd}. */
  private int parseIsoDate(byte[] bytes, int start, int end) {
    ok = false;
    if (end - start != 10 || bytes[start + 4] != '-' || bytes[start + 7] != '-') {
      return 0;
    }
    int year = digits(bytes, start, 4);
    int month = digits(bytes, start + 5, 2);
    int day = digits(bytes, start + 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > CivilTime.lengthOfMonth(year, month)) {
      return 0;
    }
    ok = true;
    return (int) CivilTime.epochDay(year, month, day);
  }

  /** Spark's fallback {@code yyyy[-[m]m[-[d]d]][(T| )anything]}, surrounding blanks ignored. */
  private int parseLenientDate(byte[] bytes, int start, int end) {
    ok = false;
    while (start < end && isBlank(bytes[start])) {
      start++;
    }
    while (end > start && isBlank(bytes[end - 1])) {
      end--;
    }
    if (end - start < 4) {
      return 0;
    }
    int year = digits(bytes, start, 4);
    int i = start + 4;
    int month = 1;
    int day = 1;
    if (year < 0) {
      return 0;
    }
    if (i < end && bytes[i] == '-') {
      int digitCount = digitRun(bytes, i + 1, end, 2);
      if (digitCount == 0) {
        return 0;
      }
      month = digits(bytes, i + 1, digitCount);
      i += 1 + digitCount;
      if (i < end && bytes[i] == '-') {
        digitCount = digitRun(bytes, i + 1, end, 2);
        if (digitCount == 0) {
          return 0;
        }
        day = digits(bytes, i + 1, digitCount);
        i += 1 + digitCount;
      }
    }
    if (i < end && bytes[i] != ' ' && bytes[i] != 'T') {
      return 0;
    }
    if (month < 1 || month > 12 || day < 1 || day > CivilTime.lengthOfMonth(year, month)) {
      return 0;
    }
    ok = true;
    return (int) CivilTime.epochDay(year, month, day);
  }

  /** Microseconds since the epoch, UTC. */
  long parseTimestamp(byte[] bytes, int start, int end) {
    if (timestampFormatter != null) {
      String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
      try {
        TemporalAccessor parsed = timestampFormatter.parse(text);
        LocalDate date = parsed.query(TemporalQueries.localDate());
        if (date != null) {
          LocalTime time = parsed.query(TemporalQueries.localTime());
          ZoneId zone = parsed.query(TemporalQueries.zone());
          java.time.Instant instant = date.atTime(time == null ? LocalTime.MIDNIGHT : time)
              .atZone(zone == null ? ZoneOffset.UTC : zone)
              .toInstant();
          ok = true;
          return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), CivilTime.MICROS_PER_SECOND), instant.getNano() / 1000);
        }
      } catch (RuntimeException e) {
        // fall through to the ISO forms
      }
    }
    return parseIsoTimestamp(bytes, start, end);
  }

  private long parseIsoTimestamp(byte[] bytes, int start, int end) {
    ok = false;
    while (start < end && isBlank(bytes[start])) {
      start++;
    }
    while (end > start && isBlank(bytes[end - 1])) {
      end--;
    }
    if (end - start < 8) {
      return 0;
    }
    int year = digits(bytes, start, 4);
    int i = start + 4;
    if (year < 0 || bytes[i] != '-') {
      return 0;
    }
    int count = digitRun(bytes, i + 1, end, 2);
    if (count == 0) {
      return 0;
    }
    int month = digits(bytes, i + 1, count);
    i += 1 + count;
    if (i >= end || bytes[i] != '-') {
      return 0;
    }
    count = digitRun(bytes, i + 1, end, 2);
    if (count == 0) {
      return 0;
    }
    int day = digits(bytes, i + 1, count);
    i += 1 + count;
    if (month < 1 || month > 12 || day < 1 || day > CivilTime.lengthOfMonth(year, month)) {
      return 0;
    }
    int hour = 0;
    int minute = 0;
    int second = 0;
    long micros = 0;
    if (i < end && (bytes[i] == 'T' || bytes[i] == ' ')) {
      i++;
      count = digitRun(bytes, i, end, 2);
      if (count == 0) {
        return 0;
      }
      hour = digits(bytes, i, count);
      i += count;
      if (i >= end || bytes[i] != ':') {
        return 0;
      }
      count = digitRun(bytes, i + 1, end, 2);
      if (count == 0) {
        return 0;
      }
      minute = digits(bytes, i + 1, count);
      i += 1 + count;
      if (i < end && bytes[i] == ':') {
        count = digitRun(bytes, i + 1, end, 2);
        if (count == 0) {
          return 0;
        }
        second = digits(bytes, i + 1, count);
        i += 1 + count;
        if (i < end && bytes[i] == '.') {
          count = digitRun(bytes, i + 1, end, 9);
          if (count == 0) {
            return 0;
          }
          // Fractions beyond microseconds are truncated, as Spark does.
          for (int k = 0; k < 6; k++) {
            micros = micros * 10 + (k < count ? bytes[i + 1 + k] - '0' : 0);
          }
          i += 1 + count;
        }
      }
      if (hour > 23 || minute > 59 || second > 59) {
        return 0;
      }
    }
    long offsetSeconds = 0;
    if (i < end && bytes[i] == ' ') {
      i++;
    }
    if (i < end) {
      byte zone = bytes[i];
      if (zone == 'Z' && i + 1 == end) {
        i++;
      } else if (zone == 'U' && end - i == 3 && bytes[i + 1] == 'T' && bytes[i + 2] == 'C') {
        i += 3;
      } else if (zone == '+' || zone == '-') {
        count = digitRun(bytes, i + 1, end, 2);
        if (count != 2) {
          return 0;
        }
        int offsetHours = digits(bytes, i + 1, 2);
        i += 3;
        int offsetMinutes = 0;
        if (i < end && bytes[i] == ':') {
          i++;
        }
        if (i < end) {
          if (digitRun(bytes, i, end, 2) != 2) {
            return 0;
          }
          offsetMinutes = digits(bytes, i, 2);
          i += 2;
        }
        if (offsetHours > 18 || offsetMinutes > 59) {
          return 0;
        }
        offsetSeconds = (offsetHours * 3600L + offsetMinutes * 60L) * (zone == '-' ? -1 : 1);
      } else {
        return 0;
      }
    }
    if (i != end) {
      return 0;
    }
    long seconds = CivilTime.epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    ok = true;
    return seconds * CivilTime.MICROS_PER_SECOND + micros;
  }

  private static boolean isBlank(byte b) {
    return b >= 0 && b <= ' ';
  }

  /** How many ASCII digits (at most {@code max}) start at {@code from}. */
  private static int digitRun(byte[] bytes, int from, int end, int max) {
    int count = 0;
    while (from + count < end && count < max && bytes[from + count] >= '0' && bytes[from + count] <= '9') {
      count++;
    }
    return count;
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
}
