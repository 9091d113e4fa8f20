package dev.ember.core.io.csv;

import dev.ember.core.text.CivilCalendar;
import dev.ember.core.text.DateTimeParser;
import java.nio.charset.Charset;
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
 * with the dateFormat pattern (and, for the default pattern only, Spark's lenient fallback, the
 * date forms of a cast); TIMESTAMP with the timestampFormat pattern and always also the timestamp
 * forms of a cast, UTC when no zone is given (the session time zone). The fallbacks are
 * {@link DateTimeParser}, the one parser of date and timestamp text.
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

  private final Charset charset;
  /** The result slot of {@link DateTimeParser#parseTimestamp}. */
  private final long[] timestamp = new long[1];

  /** Whether the last parse succeeded. */
  boolean ok;

  CsvValueParser(CsvOptions options) {
    defaultDateFormat = options.dateFormat().equals(DEFAULT_DATE_FORMAT);
    dateFormatter = DateTimePatterns.formatter(options.dateFormat(), "dateFormat", options.locale());
    timestampFormatter = options.timestampFormat().equals(DEFAULT_TIMESTAMP_FORMAT)
        ? null
        : DateTimePatterns.formatter(options.timestampFormat(), "timestampFormat", options.locale());
    charset = options.charset();
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
    String text = new String(bytes, start, end - start, charset);
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
      long days = DateTimeParser.parseIsoDate(bytes, start, end);
      if (days == DateTimeParser.NOT_A_DATE && !patternOnly) {
        days = DateTimeParser.parseDate(bytes, start, end);
      }
      if (days != DateTimeParser.NOT_A_DATE) {
        ok = true;
        return (int) days;
      }
    }
    String text = new String(bytes, start, end - start, charset);
    try {
      LocalDate date = dateFormatter.parse(text, LocalDate::from);
      ok = true;
      return (int) date.toEpochDay();
    } catch (RuntimeException e) {
      ok = false;
      return 0;
    }
  }

  /** Microseconds since the epoch, UTC: the timestampFormat pattern, then Spark's fallback (the text forms of a cast). */
  long parseTimestamp(byte[] bytes, int start, int end) {
    if (timestampFormatter != null) {
      String text = new String(bytes, start, end - start, charset);
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
          return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), CivilCalendar.MICROS_PER_SECOND), instant.getNano() / 1000);
        }
      } catch (RuntimeException e) {
        // fall through to the ISO forms
      }
    }
    ok = DateTimeParser.parseTimestamp(bytes, start, end, timestamp);
    return timestamp[0];
  }
}
