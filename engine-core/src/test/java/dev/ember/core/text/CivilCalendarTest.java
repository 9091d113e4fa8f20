package dev.ember.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CivilCalendarTest {
  @Test
  void rangeConstantsAreTheFirstAndLastDaysOfFourDigitYears() {
    assertThat(CivilCalendar.FIRST_FOUR_DIGIT_DAY).isEqualTo(LocalDate.of(0, 1, 1).toEpochDay());
    assertThat(CivilCalendar.LAST_FOUR_DIGIT_DAY).isEqualTo(LocalDate.of(9999, 12, 31).toEpochDay());
  }

  @Test
  void conversionsAgreeWithLocalDate() {
    Random random = new Random(41);
    for (int i = 0; i < 20_000; i++) {
      long day = i < 10 ? CivilCalendar.FIRST_FOUR_DIGIT_DAY + i
          : i < 20 ? CivilCalendar.LAST_FOUR_DIGIT_DAY - (i - 10)
          : CivilCalendar.FIRST_FOUR_DIGIT_DAY + (long) (random.nextDouble() * (CivilCalendar.LAST_FOUR_DIGIT_DAY - CivilCalendar.FIRST_FOUR_DIGIT_DAY));
      LocalDate date = LocalDate.ofEpochDay(day);
      assertThat(CivilCalendar.civilFromEpochDay(day))
          .isEqualTo(date.getYear() * 10_000L + date.getMonthValue() * 100L + date.getDayOfMonth());
      assertThat(CivilCalendar.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth())).isEqualTo(day);
      assertThat(CivilCalendar.lengthOfMonth(date.getYear(), date.getMonthValue())).isEqualTo(date.lengthOfMonth());
    }
    // epochDay also holds before year 0, where Math.floorDiv matters.
    assertThat(CivilCalendar.epochDay(-1, 12, 31)).isEqualTo(LocalDate.of(-1, 12, 31).toEpochDay());
    assertThat(CivilCalendar.epochDay(-400, 3, 1)).isEqualTo(LocalDate.of(-400, 3, 1).toEpochDay());
  }

  @Test
  void fieldsOfEveryKindOfDayAgreeWithLocalDate() {
    Random random = new Random(43);
    for (int i = 0; i < 20_000; i++) {
      long day = i < 100 ? Integer.MIN_VALUE + i * 1_000_003L : random.nextInt();
      LocalDate date = LocalDate.ofEpochDay(day);
      assertThat(CivilCalendar.year(day)).as("day %d", day).isEqualTo(date.getYear());
      assertThat(CivilCalendar.month(day)).as("day %d", day).isEqualTo(date.getMonthValue());
      assertThat(CivilCalendar.dayOfMonth(day)).as("day %d", day).isEqualTo(date.getDayOfMonth());
      assertThat(CivilCalendar.isLeapYear(date.getYear())).isEqualTo(date.isLeapYear());
    }
  }
}
