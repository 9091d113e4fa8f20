package dev.ember.core.expression.evaluation;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Random batches over a fixed schema for differential tests: per batch each column gets no nulls
 * (the kernels' fast path) or 10-30% nulls, and values mix edge cases (0, -1, extremes, NaN,
 * -0.0, empty and non-ASCII strings, leap days, dates around 1970) with random ones. Small value
 * ranges make equal values, IN matches and duplicates common.
 */
final class RandomBatches {
  static final int BOOLEAN = 0;
  static final int INT = 1;
  static final int INT2 = 2;
  static final int LONG = 3;
  static final int LONG2 = 4;
  static final int DOUBLE = 5;
  static final int DOUBLE2 = 6;
  static final int STRING = 7;
  static final int STRING2 = 8;
  static final int DATE = 9;
  static final int DATE2 = 10;
  static final int TIMESTAMP = 11;
  static final int TIMESTAMP2 = 12;
  /** Strings that look like numbers, or almost. */
  static final int NUMBER_TEXT = 13;
  /** Strings that look like booleans, or almost. */
  static final int BOOLEAN_TEXT = 14;
  /** Strings that look like dates, or almost. */
  static final int DATE_TEXT = 15;
  /** Strings that look like timestamps, or almost. */
  static final int TIMESTAMP_TEXT = 16;
  static final int BOOLEAN2 = 17;

  static final Schema SCHEMA = Schema.of(
      Field.of("b", ColumnType.BOOLEAN),
      Field.of("i", ColumnType.INT),
      Field.of("i2", ColumnType.INT),
      Field.of("l", ColumnType.LONG),
      Field.of("l2", ColumnType.LONG),
      Field.of("d", ColumnType.DOUBLE),
      Field.of("d2", ColumnType.DOUBLE),
      Field.of("s", ColumnType.STRING),
      Field.of("s2", ColumnType.STRING),
      Field.of("dt", ColumnType.DATE),
      Field.of("dt2", ColumnType.DATE),
      Field.of("ts", ColumnType.TIMESTAMP),
      Field.of("ts2", ColumnType.TIMESTAMP),
      Field.of("number_text", ColumnType.STRING),
      Field.of("boolean_text", ColumnType.STRING),
      Field.of("date_text", ColumnType.STRING),
      Field.of("timestamp_text", ColumnType.STRING),
      Field.of("b2", ColumnType.BOOLEAN));

  static final int[] EDGE_INTS = {0, 1, -1, 2, -2, 3, -3, 7, -7, 10, 100, Integer.MIN_VALUE, Integer.MAX_VALUE,
      Integer.MIN_VALUE + 1, Integer.MAX_VALUE - 1, 1234, -1250, 15, 25, -25, 1_000_000_000};
  static final long[] EDGE_LONGS = {0, 1, -1, 2, -3, 7, -7, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1,
      Integer.MIN_VALUE, Integer.MAX_VALUE, 1L << 32, 5_000_000_000_000_000_000L, -5_000_000_000_000_000_000L,
      4_999_999_999_999_999_999L, 9_223_372_036_854L, 9_223_372_036_855L, 1250, -150};
  static final double[] EDGE_DOUBLES = {0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 1.005, 0.125, 3.7, -3.7,
      Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE,
      Double.MIN_VALUE, 1e10, 1.0E-5, 2147483648.0, -2147483649.0, 9.3e18, -9.3e18, 123456.789, 1e300, 0.1, 0.2};
  static final String[] EDGE_STRINGS = {"", "a", "abc", "ABC", "Spark SQL", "hello world", "ß", "İstanbul", "çé",
      "日本語", "😀x", "a😀b", "%", "_", "a_c", "a%c", "a\\b", "line\nbreak", " spaced ", "Abc", "abcabc", "\uE000",
      "ǅ", "ﬃ", "x"};
  static final String[] ALPHABET = {"a", "b", "c", "A", "_", "%", "é", "😀", " ", "\\", "\uFF21", "中"};
  static final String[] NUMBER_TEXTS = {"3.7", "-3.7", "+5", "1e5", "abc", "", " ", "2147483648", "-2147483648",
      "2147483647", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
      "-9223372036854775809", ".5", "5.", ".", "-", "+", "-.", "1.2.3", "0x10", "Infinity", "-inf", "INF", "+infinity",
      "NaN", "nan", "-NaN", "1d", "2.5f", "\t42\n", "4 2", "١٢", "1_000", " -0 ", "007", "1.", "-1.9e3",
      "\u007f12\u007f", "12a", "3.", "-.5", "0.000001"};
  static final String[] BOOLEAN_TEXTS = {"t", "true", "TRUE", " yes ", "y", "Y", "1", "0", "no", "N", "f", "False",
      "maybe", "", "2", "tru", "\tfalse\n", "yes!", "on", "off", "T", "nO"};
  static final String[] DATE_SUFFIXES = {"", "", "", " 12:00:00", "T10:11:12", "T", " garbage", "garbage", " "};
  static final String[] ZONES = {"", "", "", "Z", "+01:00", "-05:30", " UTC", "UTC", " Europe/Paris",
      "America/New_York", "+0530", "GMT+2", "+14:00", " nowhere"};

  private RandomBatches() {}

  static Batch batch(Random random, int rowCount) {
    List<List<Object>> rows = new ArrayList<>(rowCount);
    double[] nullFractions = new double[SCHEMA.size()];
    for (int column = 0; column < nullFractions.length; column++) {
      nullFractions[column] = random.nextInt(3) == 0 ? 0.0 : 0.1 + 0.2 * random.nextDouble();
    }
    for (int row = 0; row < rowCount; row++) {
      List<Object> values = new ArrayList<>(SCHEMA.size());
      for (int column = 0; column < SCHEMA.size(); column++) {
        values.add(random.nextDouble() < nullFractions[column] ? null : value(random, column));
      }
      rows.add(values);
    }
    return Batch.fromRows(SCHEMA, rows);
  }

  static Object value(Random random, int column) {
    return switch (column) {
      case BOOLEAN, BOOLEAN2 -> random.nextBoolean();
      case INT, INT2 -> randomInt(random);
      case LONG, LONG2 -> randomLong(random);
      case DOUBLE, DOUBLE2 -> randomDouble(random);
      case STRING, STRING2 -> randomString(random);
      case DATE, DATE2 -> randomDate(random);
      case TIMESTAMP, TIMESTAMP2 -> randomTimestamp(random);
      case NUMBER_TEXT -> numberText(random);
      case BOOLEAN_TEXT -> BOOLEAN_TEXTS[random.nextInt(BOOLEAN_TEXTS.length)];
      case DATE_TEXT -> dateText(random);
      case TIMESTAMP_TEXT -> timestampText(random);
      default -> throw new IllegalArgumentException("column " + column);
    };
  }

  static int randomInt(Random random) {
    return switch (random.nextInt(10)) {
      case 0, 1, 2 -> EDGE_INTS[random.nextInt(EDGE_INTS.length)];
      case 3, 4, 5, 6 -> random.nextInt(21) - 10;
      default -> random.nextInt();
    };
  }

  static long randomLong(Random random) {
    return switch (random.nextInt(10)) {
      case 0, 1, 2 -> EDGE_LONGS[random.nextInt(EDGE_LONGS.length)];
      case 3, 4, 5, 6 -> random.nextInt(21) - 10;
      case 7 -> random.nextInt();
      default -> random.nextLong();
    };
  }

  static double randomDouble(Random random) {
    return switch (random.nextInt(10)) {
      case 0, 1, 2 -> EDGE_DOUBLES[random.nextInt(EDGE_DOUBLES.length)];
      case 3, 4, 5 -> (random.nextInt(41) - 20) * 0.5;
      case 6 -> Math.round(random.nextGaussian() * 100_000) / 1000.0;
      case 7 -> Double.longBitsToDouble(random.nextLong());
      default -> random.nextGaussian() * 1000;
    };
  }

  static String randomString(Random random) {
    if (random.nextInt(3) == 0) {
      return EDGE_STRINGS[random.nextInt(EDGE_STRINGS.length)];
    }
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(6);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return text.toString();
  }

  static final int[] EDGE_DAYS = {0, -1, 1, 59, 365, -365, 10956 /* 2000-01-01 */, 11016 /* 2000-02-29 */,
      18321 /* 2020-02-29 */, -25509 /* 1900-02-28 */, -25508 /* 1900-03-01 */, 47540 /* 2100-02-28 */,
      2932896 /* 9999-12-31 */, 2932897 /* +10000-01-01 */, -719528 /* 0000-01-01 */, -719529, -719893,
      Integer.MAX_VALUE, Integer.MIN_VALUE, 106751991, 106751992, -106751991, -106751992};

  static int randomDate(Random random) {
    return switch (random.nextInt(10)) {
      case 0, 1, 2 -> EDGE_DAYS[random.nextInt(EDGE_DAYS.length)];
      case 3, 4 -> random.nextInt(3000) - 1500;
      case 5 -> random.nextInt();
      default -> random.nextInt(100_000) - 30_000;
    };
  }

  static final long[] EDGE_MICROS = {0, -1, 1, 1_000_000, -1_000_000, 999_999, -999_999, 1_500_000, -1_500_000,
      86_400_000_000L, -86_400_000_001L, Long.MAX_VALUE, Long.MIN_VALUE, 951_782_400_000_000L /* 2000-02-29 */,
      1_582_934_400_123_456L, -62_167_219_200_000_000L /* 0000-01-01 */, 253_402_300_799_999_999L /* 9999-12-31 */,
      253_402_300_800_000_000L, 100_000L, 120_000L};

  static long randomTimestamp(Random random) {
    return switch (random.nextInt(10)) {
      case 0, 1, 2 -> EDGE_MICROS[random.nextInt(EDGE_MICROS.length)];
      case 3 -> random.nextLong();
      case 4 -> (random.nextInt(2_000_000) - 1_000_000) * 1_000_000L;
      case 5 -> (random.nextLong() % 4_000_000_000_000L) * 1_000L;
      default -> random.nextLong() % 100_000_000_000_000_000L;
    };
  }

  static String numberText(Random random) {
    return switch (random.nextInt(5)) {
      case 0, 1 -> NUMBER_TEXTS[random.nextInt(NUMBER_TEXTS.length)];
      case 2 -> (random.nextBoolean() ? " " : "") + randomLong(random) + (random.nextBoolean() ? " " : "");
      case 3 -> Double.toString(randomDouble(random));
      default -> Integer.toString(randomInt(random));
    };
  }

  static String dateText(Random random) {
    int day = random.nextInt(5) == 0 ? randomDate(random) : random.nextInt(40_000) - 10_000;
    LocalDate date = LocalDate.ofEpochDay(day);
    String text = switch (random.nextInt(8)) {
      case 0 -> date.toString();
      case 1 -> date.getYear() + "-" + date.getMonthValue() + "-" + date.getDayOfMonth();
      case 2 -> String.format(Locale.ROOT, "%04d-%02d", date.getYear(), date.getMonthValue());
      case 3 -> String.format(Locale.ROOT, "%04d", date.getYear());
      case 4 -> String.format(Locale.ROOT, "%04d-%02d-%02d", date.getYear(), date.getMonthValue(), 28 + random.nextInt(4));
      case 5 -> new String[] {"2020-02-30", "2019-02-29", "2020-13-01", "2020-00-10", "20201", "+2020-01-01",
          "-0001-01-01", "12345678-01-01", "1234567-01-01", "2020-01-05garbage", "2020-1", "2020-01-", "abc", "",
          "2020/01/05", "  2020-01-05  ", "2020-001-05", "2020-01-005", "202-01-01", "2020-01 12:00"}[random.nextInt(20)];
      case 6 -> date.format(DateTimeFormatter.ofPattern("dd/MM/uuuu", Locale.ROOT));
      default -> date.toString();
    };
    return text + DATE_SUFFIXES[random.nextInt(DATE_SUFFIXES.length)];
  }

  static String timestampText(Random random) {
    LocalDate date = LocalDate.ofEpochDay(random.nextInt(40_000) - 10_000);
    StringBuilder text = new StringBuilder(random.nextInt(6) == 0
        ? date.getYear() + "-" + date.getMonthValue() + "-" + date.getDayOfMonth()
        : date.toString());
    int shape = random.nextInt(10);
    if (shape == 0) {
      return new String[] {"2020-02-30 10:00:00", "2020-01-05 24:00:00", "2020-01-05 12:60", "2020-01-05 12",
          "2020-01-05 12:30:45.", "12:30:45", "2020-01-05 1:2:3", "2020", "2020-06", "2020-01-05T",
          "2020-01-05 12:30:45.1234567891", "+10000-01-01 00:00:00", "294247-01-10 04:00:54.775807",
          "294247-01-10 04:00:54.775808", "-290308-12-21 19:59:05.224192", "garbage", "", "2020-01-05 12:3045",
          "2020-01-05 12:30:45 +01:00", "2020-01-05 12:30:45.5Z"}[random.nextInt(20)];
    }
    if (shape >= 2) {
      text.append(random.nextBoolean() ? ' ' : 'T');
      text.append(String.format(Locale.ROOT, "%02d:%02d", random.nextInt(24), random.nextInt(60)));
      if (shape >= 4) {
        text.append(String.format(Locale.ROOT, ":%02d", random.nextInt(60)));
        if (shape >= 6) {
          text.append('.');
          int digits = 1 + random.nextInt(9);
          for (int i = 0; i < digits; i++) {
            text.append(random.nextInt(10));
          }
        }
      }
      text.append(ZONES[random.nextInt(ZONES.length)]);
    }
    return text.toString();
  }
}
