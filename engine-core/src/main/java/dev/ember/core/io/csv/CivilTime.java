package dev.ember.core.io.csv;

/**
 * Proleptic Gregorian calendar arithmetic on plain numbers (Howard Hinnant's algorithms), so that
 * the CSV hot paths convert dates without allocating {@code LocalDate}s.
 */
final class CivilTime {
  static final long MICROS_PER_SECOND = 1_000_000L;
  static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

  private CivilTime() {}

  static boolean isLeapYear(long year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  static int lengthOfMonth(long year, int month) {
    return switch (month) {
      case 2 -> isLeapYear(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a valid date. */
  static long epochDay(long year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }

  /** The first and last epoch days of years 0000 to 9999, the range of {@link #civilFromEpochDay}. */
  static final long FIRST_FOUR_DIGIT_DAY = -719_528;
  static final long LAST_FOUR_DIGIT_DAY = 2_932_896;

  /**
   * Year, month and day of an epoch day between {@link #FIRST_FOUR_DIGIT_DAY} and
   * {@link #LAST_FOUR_DIGIT_DAY}, packed as {@code year * 10000 + month * 100 + day}.
   */
  static long civilFromEpochDay(long epochDay) {
    long z = epochDay + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long monthIndex = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * monthIndex + 2) / 5 + 1);
    int month = (int) (monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    return year * 10_000 + month * 100L + day;
  }
}
