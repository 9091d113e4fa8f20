package dev.ember.core.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CivilTimeTest {
  @Test
  void rangeConstantsAreTheFirstAndLastDaysOfFourDigitYears() {
    assertThat(CivilTime.FIRST_FOUR_DIGIT_DAY).isEqualTo(LocalDate.of(0, 1, 1).toEpochDay());
    assertThat(CivilTime.LAST_FOUR_DIGIT_DAY).isEqualTo(LocalDate.of(9999, 12, 31).toEpochDay());
  }

  @Test
  void conversionsAgreeWithLocalDate() {
    Random random = new Random(41);
    for (int i = 0; i < 20_000; i++) {
      long day = i < 10 ? CivilTime.FIRST_FOUR_DIGIT_DAY + i
          : i < 20 ? CivilTime.LAST_FOUR_DIGIT_DAY - (i - 10)
          : CivilTime.FIRST_FOUR_DIGIT_DAY + (long) (random.nextDouble() * (CivilTime.LAST_FOUR_DIGIT_DAY - CivilTime.FIRST_FOUR_DIGIT_DAY));
      LocalDate date = LocalDate.ofEpochDay(day);
      assertThat(CivilTime.civilFromEpochDay(day))
          .isEqualTo(date.getYear() * 10_000L + date.getMonthValue() * 100L + date.getDayOfMonth());
      assertThat(CivilTime.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth())).isEqualTo(day);
      assertThat(CivilTime.lengthOfMonth(date.getYear(), date.getMonthValue())).isEqualTo(date.lengthOfMonth());
    }
    // epochDay also holds before year 0, where Math.floorDiv matters.
    assertThat(CivilTime.epochDay(-1, 12, 31)).isEqualTo(LocalDate.of(-1, 12, 31).toEpochDay());
    assertThat(CivilTime.epochDay(-400, 3, 1)).isEqualTo(LocalDate.of(-400, 3, 1).toEpochDay());
  }
}
