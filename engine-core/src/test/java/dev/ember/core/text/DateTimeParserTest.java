package dev.ember.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The one date and timestamp parser: its byte and String forms agree, and its zone forms. */
class DateTimeParserTest {
  private static final String[] TEXTS = {
    "2020-01-05", "2020-1-5", "2020", "2020-06", "+2020-01-01", "-0001-01-01", "1234567-01-01", " 2020-01-05 ",
    "2020-01-05T", "2020-01-05 12:30", "2020-01-05 12:30:45.123456789", "2020-01-05T12:30:45Z", "2020-01-05 12:30:45 UTC",
    "2020-01-05T12:30:45+01:00", "2020-01-05T12:30:45-0130", "2020-01-05T12:30:45+01", "2020-01-05T12:30:45+1",
    "2020-01-05 12:30:45 Europe/Paris", "2020-02-30", "2020-01-05x", "12:30", "", "abc", "2020-01-05 24:00", "２０２０-01-01"
  };

  @Test
  void bytesAndStringsAgree() {
    long[] fromString = new long[1];
    long[] fromBytes = new long[1];
    for (String text : TEXTS) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      assertThat(DateTimeParser.parseDate(bytes, 0, bytes.length)).as(text).isEqualTo(DateTimeParser.parseDate(text));
      boolean stringParsed = DateTimeParser.parseTimestamp(text, fromString);
      assertThat(DateTimeParser.parseTimestamp(bytes, 0, bytes.length, fromBytes)).as(text).isEqualTo(stringParsed);
      if (stringParsed) {
        assertThat(fromBytes[0]).as(text).isEqualTo(fromString[0]);
      }
    }
  }

  @Test
  void zonesAndDates() {
    long[] result = new long[1];
    LocalDateTime local = LocalDateTime.of(2020, 1, 5, 12, 30, 45);
    long utc = ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), local);
    assertThat(DateTimeParser.parseTimestamp("2020-01-05T12:30:45Z", result)).isTrue();
    assertThat(result[0]).isEqualTo(utc);
    assertThat(DateTimeParser.parseTimestamp("2020-01-05T12:30:45 UTC", result)).isTrue();
    assertThat(result[0]).isEqualTo(utc);
    assertThat(DateTimeParser.parseTimestamp("2020-01-05T13:30:45+01:00", result)).isTrue();
    assertThat(result[0]).isEqualTo(utc);
    assertThat(DateTimeParser.parseTimestamp("2020-01-05T11:00:45-0130", result)).isTrue();
    assertThat(result[0]).isEqualTo(utc);
    assertThat(DateTimeParser.parseTimestamp("2020-01-05 12:30:45 Europe/Paris", result)).isTrue();
    assertThat(result[0]).isEqualTo(
        ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0).atZone(ZoneOffset.UTC), local.atZone(ZoneId.of("Europe/Paris"))));
    assertThat(DateTimeParser.parseTimestamp("2020-01-05T12:30:45+1", result)).isFalse();
    assertThat(DateTimeParser.parseTimestamp("2020-01-05T12:30:45+19", result)).isFalse();
    assertThat(DateTimeParser.parseTimestamp("2020-01-05T12:30:45 Nowhere/Land", result)).isFalse();
    assertThat(DateTimeParser.parseDate("2021-3-5 anything")).isEqualTo(LocalDate.of(2021, 3, 5).toEpochDay());
    assertThat(DateTimeParser.parseDate("２０２０-01-01")).isEqualTo(DateTimeParser.NOT_A_DATE);
    byte[] iso = "2024-02-29".getBytes(StandardCharsets.US_ASCII);
    assertThat(DateTimeParser.parseIsoDate(iso, 0, iso.length)).isEqualTo(LocalDate.of(2024, 2, 29).toEpochDay());
    byte[] notIso = "2024-2-29".getBytes(StandardCharsets.US_ASCII);
    assertThat(DateTimeParser.parseIsoDate(notIso, 0, notIso.length)).isEqualTo(DateTimeParser.NOT_A_DATE);
  }
}
