package dev.ember.core.io.csv;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;
import dev.ember.core.source.CsvOptions;

/** The byte-level value parsers against the JDK's String parsers. */
@ExtendWith(EngineHygiene.class)
class CsvValueParserTest {
  private final CsvValueParser parser = new CsvValueParser(CsvOptions.defaults());

  @Test
  void integersParseLikeTheJdk() {
    Random random = new Random(11);
    String[] fixed = {"0", "-0", "+5", "-", "+", "", " 1", "1 ", "1.0", "2147483647", "2147483648", "-2147483648",
        "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "00012", "1e3", "0x10", "99999999999999999999", "١٢"};
    for (String text : fixed) {
      checkInteger(text);
    }
    for (int i = 0; i < 20_000; i++) {
      String text = switch (random.nextInt(4)) {
        case 0 -> Integer.toString(random.nextInt());
        case 1 -> Long.toString(random.nextLong());
        case 2 -> Long.toString(random.nextLong() >> random.nextInt(64));
        default -> CsvRecordReaderDifferentialTest.randomText(random, "0123456789+-", 1 + random.nextInt(21));
      };
      checkInteger(text);
    }
  }

  private void checkInteger(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Long expectedLong = null;
    try {
      expectedLong = Long.parseLong(text);
    } catch (NumberFormatException e) {
      // stays null
    }
    long actualLong = parser.parseLong(bytes, 0, bytes.length);
    if (text.chars().allMatch(c -> c < 0x80)) {
      assertThat(parser.ok ? (Long) actualLong : null).as("long '%s'", text).isEqualTo(expectedLong);
    } else {
      assertThat(parser.ok).as("non-ASCII digits are not numbers: '%s'", text).isFalse();
    }
    Integer expectedInt = null;
    try {
      expectedInt = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      // stays null
    }
    int actualInt = parser.parseInt(bytes, 0, bytes.length);
    if (text.chars().allMatch(c -> c < 0x80)) {
      assertThat(parser.ok ? (Integer) actualInt : null).as("int '%s'", text).isEqualTo(expectedInt);
    }
  }

  @Test
  void doublesParseLikeDoubleParseDouble() {
    Random random = new Random(12);
    String[] fixed = {"0", "-0", "-0.0", "1.", ".5", ".", "-.", "1e5", "1E-5", "1e", "1e+", "1.5e308", "1e309", "4.9e-324",
        "1e-400", "NaN", "Infinity", "-Infinity", "+Infinity", "1d", "1.5f", " 2.5 ", "0x1p3", "123456789012345678",
        "0.1", "0.30000000000000004", "9007199254740993", "1e22", "1e23", "123456789012345e-22", "abc", "--1", "1..2"};
    for (String text : fixed) {
      checkDouble(text);
    }
    for (int i = 0; i < 50_000; i++) {
      String text = switch (random.nextInt(5)) {
        case 0 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
        case 1 -> Double.toString(Double.longBitsToDouble(random.nextLong()));
        case 2 -> String.format("%." + random.nextInt(12) + "f", (random.nextDouble() - 0.5) * 1e6);
        case 3 -> random.nextInt(100_000) + "." + random.nextInt(1000) + (random.nextBoolean() ? "e" + (random.nextInt(50) - 25) : "");
        default -> CsvRecordReaderDifferentialTest.randomText(random, "0123456789.e-+", 1 + random.nextInt(10));
      };
      checkDouble(text);
    }
  }

  private void checkDouble(String text) {
    Double expected;
    try {
      expected = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      expected = null;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    double actual = parser.parseDouble(bytes, 0, bytes.length);
    assertThat(parser.ok ? (Double) actual : null).as("double '%s'", text).isEqualTo(expected);
  }

  @Test
  void sparkInfinityNamesAndBooleans() {
    assertThat(parseDouble("Inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(parseDouble("-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    for (String text : new String[] {"true", "TRUE", "True", "tRuE"}) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      assertThat(parser.parseBoolean(bytes, 0, bytes.length)).isTrue();
      assertThat(parser.ok).isTrue();
    }
    for (String text : new String[] {"false", "FALSE"}) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      assertThat(parser.parseBoolean(bytes, 0, bytes.length)).isFalse();
      assertThat(parser.ok).isTrue();
    }
    for (String text : new String[] {"t", "yes", "1", "truee", "fals", "", " true"}) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      parser.parseBoolean(bytes, 0, bytes.length);
      assertThat(parser.ok).as(text).isFalse();
    }
  }

  private double parseDouble(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    double value = parser.parseDouble(bytes, 0, bytes.length);
    assertThat(parser.ok).isTrue();
    return value;
  }

  @Test
  void isoDatesMatchLocalDateForEveryDayOfManyYears() {
    for (long day = LocalDate.of(1600, 1, 1).toEpochDay(); day <= LocalDate.of(2400, 12, 31).toEpochDay(); day += 7) {
      LocalDate date = LocalDate.ofEpochDay(day);
      assertThat(parseDate(date.toString(), true)).isEqualTo((int) day);
    }
    assertThat(parseDate("0001-01-01", true)).isEqualTo((int) LocalDate.of(1, 1, 1).toEpochDay());
    for (String bad : new String[] {"2021-02-29", "2021-13-01", "2021-00-10", "2021-04-31", "2021-1-1x", "abc", "2021/01/01"}) {
      byte[] bytes = bad.getBytes(StandardCharsets.UTF_8);
      parser.parseDate(bytes, 0, bytes.length, true);
      assertThat(parser.ok).as(bad).isFalse();
    }
    assertThat(parseDate("2020-02-29", true)).isEqualTo((int) LocalDate.of(2020, 2, 29).toEpochDay());
  }

  @Test
  void defaultDatePatternFallsBackLikeSparkWhenReadingButNotWhenInferring() {
    int expected = (int) LocalDate.of(2021, 3, 5).toEpochDay();
    for (String text : new String[] {"2021-3-5", "2021-03-05 10:00:00", "2021-03-05T10:00", " 2021-03-05 "}) {
      assertThat(parseDate(text, false)).as(text).isEqualTo(expected);
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      parser.parseDate(bytes, 0, bytes.length, true);
      assertThat(parser.ok).as("inference of %s", text).isFalse();
    }
    assertThat(parseDate("2021", false)).isEqualTo((int) LocalDate.of(2021, 1, 1).toEpochDay());
  }

  @Test
  void customDatePatternUsesTheFormatterStrictly() {
    CsvOptions d = CsvOptions.defaults();
    CsvValueParser custom = new CsvValueParser(
        new CsvOptions(false, ',', '"', '\\', "", "dd/MM/yyyy", d.timestampFormat(), d.mode()));
    byte[] bytes = "05/03/2021".getBytes(StandardCharsets.UTF_8);
    assertThat(custom.parseDate(bytes, 0, bytes.length, false)).isEqualTo((int) LocalDate.of(2021, 3, 5).toEpochDay());
    assertThat(custom.ok).isTrue();
    bytes = "31/02/2021".getBytes(StandardCharsets.UTF_8);
    custom.parseDate(bytes, 0, bytes.length, false);
    assertThat(custom.ok).isFalse();
    bytes = "2021-03-05".getBytes(StandardCharsets.UTF_8);
    custom.parseDate(bytes, 0, bytes.length, false);
    assertThat(custom.ok).isFalse();
  }

  @Test
  void timestampsInIsoFormsAndOffsets() {
    long base = micros(LocalDateTime.of(2024, 1, 31, 12, 34, 56));
    assertThat(parseTimestamp("2024-01-31T12:34:56")).isEqualTo(base);
    assertThat(parseTimestamp("2024-01-31 12:34:56")).isEqualTo(base);
    assertThat(parseTimestamp("2024-01-31T12:34:56Z")).isEqualTo(base);
    assertThat(parseTimestamp("2024-01-31T12:34:56 UTC")).isEqualTo(base);
    assertThat(parseTimestamp("2024-01-31T12:34:56.123456")).isEqualTo(base + 123_456);
    assertThat(parseTimestamp("2024-01-31T12:34:56.1")).isEqualTo(base + 100_000);
    assertThat(parseTimestamp("2024-01-31T12:34:56.123456789")).isEqualTo(base + 123_456);
    assertThat(parseTimestamp("2024-01-31T14:34:56+02:00")).isEqualTo(base);
    assertThat(parseTimestamp("2024-01-31T10:34:56-0200")).isEqualTo(base);
    assertThat(parseTimestamp("2024-01-31T13:34:56+01")).isEqualTo(base);
    assertThat(parseTimestamp("2024-01-31T12:34")).isEqualTo(base - 56_000_000);
    assertThat(parseTimestamp("2024-01-31")).isEqualTo(micros(LocalDateTime.of(2024, 1, 31, 0, 0)));
    assertThat(parseTimestamp("1969-12-31T23:59:59.999999")).isEqualTo(-1);
    for (String bad : new String[] {"2024-01-31T25:00:00", "2024-01-31T12", "2024-02-30", "2024-01-31T12:34:56+2",
        "2024-01-31X12:34", "12:34:56", "2024-01-31T12:34:56.", "abc", "2024-01-31T12:60"}) {
      byte[] bytes = bad.getBytes(StandardCharsets.UTF_8);
      parser.parseTimestamp(bytes, 0, bytes.length);
      assertThat(parser.ok).as(bad).isFalse();
    }
  }

  @Test
  void randomTimestampsMatchTheJdk() {
    Random random = new Random(13);
    for (int i = 0; i < 5_000; i++) {
      long seconds = (long) (random.nextDouble() * 253_402_300_799L) - 62_135_596_800L; // years 0001..9999
      Instant instant = Instant.ofEpochSecond(seconds, random.nextInt(1_000_000) * 1000L);
      String text = LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
      long expected = ChronoUnit.MICROS.between(Instant.EPOCH, instant);
      assertThat(parseTimestamp(text)).as(text).isEqualTo(expected);
    }
  }

  @Test
  void customTimestampPatternThenIsoFallback() {
    CsvOptions d = CsvOptions.defaults();
    CsvValueParser custom = new CsvValueParser(
        new CsvOptions(false, ',', '"', '\\', "", d.dateFormat(), "dd.MM.yyyy HH:mm", d.mode()));
    byte[] bytes = "31.01.2024 12:34".getBytes(StandardCharsets.UTF_8);
    assertThat(custom.parseTimestamp(bytes, 0, bytes.length)).isEqualTo(micros(LocalDateTime.of(2024, 1, 31, 12, 34)));
    bytes = "2024-01-31 12:34:00.5".getBytes(StandardCharsets.UTF_8);
    assertThat(custom.parseTimestamp(bytes, 0, bytes.length)).isEqualTo(micros(LocalDateTime.of(2024, 1, 31, 12, 34)) + 500_000);
    bytes = "31.01.2024".getBytes(StandardCharsets.UTF_8);
    custom.parseTimestamp(bytes, 0, bytes.length);
    assertThat(custom.ok).isFalse();
  }

  private int parseDate(String text, boolean patternOnly) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int days = parser.parseDate(bytes, 0, bytes.length, patternOnly);
    assertThat(parser.ok).as(text).isTrue();
    return days;
  }

  private long parseTimestamp(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    long micros = parser.parseTimestamp(bytes, 0, bytes.length);
    assertThat(parser.ok).as(text).isTrue();
    return micros;
  }

  private static long micros(LocalDateTime time) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, time.toInstant(ZoneOffset.UTC));
  }
}
