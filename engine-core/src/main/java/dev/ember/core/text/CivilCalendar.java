package dev.ember.core.text;

/**
 * Proleptic Gregorian calendar arithmetic on plain numbers (H. Hinnant's days-from-civil
 * algorithms), so that parsing, formatting and date functions convert dates without allocating
 * {@code LocalDate}s. Matches {@link java.time.LocalDate} for every int day count.
 */
public final class CivilCalendar {
  public static final long MICROS_PER_SECOND = 1_000_000L;
  public static final long SECONDS_PER_DAY = 86_400L;
  public static final long MICROS_PER_DAY = SECONDS_PER_DAY * MICROS_PER_SECOND;
  /** The first and last epoch days of years 0000 to 9999, the range of {@link #civilFromEpochDay}. */
  public static final long FIRST_FOUR_DIGIT_DAY = -719_528;
  public static final long LAST_FOUR_DIGIT_DAY = 2_932_896;

  private CivilCalendar() {}

  public static boolean isLeapYear(long year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  public static int lengthOfMonth(long year, int month) {
    return switch (month) {
      case 2 -> isLeapYear(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** The epoch day of a valid year, month (1-12) and day. */
  public static long epochDay(long year, int month, int day) {
    long marchYear = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(marchYear, 400L);
    long yearOfEra = marchYear - era * 400;
    long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468L;
  }

  /**
   * Year, month and day of an epoch day, packed as {@code year * 10000 + month * 100 + day} (for
   * days between {@link #FIRST_FOUR_DIGIT_DAY} and {@link #LAST_FOUR_DIGIT_DAY}, where the packing
   * is unambiguous).
   */
  public static long civilFromEpochDay(long epochDay) {
    long shifted = epochDay + 719_468L;
    long era = Math.floorDiv(shifted, 146_097L);
    long dayOfEra = shifted - era * 146_097L;
    long yearOfEra = yearOfEra(dayOfEra);
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long marchMonth = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * marchMonth + 2) / 5 + 1);
    int month = (int) (marchMonth < 10 ? marchMonth + 3 : marchMonth - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    return year * 10_000 + month * 100L + day;
  }

  /** The year of an epoch day. */
  public static int year(long epochDay) {
    long shifted = epochDay + 719_468L;
    long era = Math.floorDiv(shifted, 146_097L);
    long dayOfEra = shifted - era * 146_097L;
    long yearOfEra = yearOfEra(dayOfEra);
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long marchMonth = (5 * dayOfYear + 2) / 153;
    long year = yearOfEra + era * 400;
    return (int) (marchMonth >= 10 ? year + 1 : year);
  }

  /** The month (1-12) of an epoch day. */
  public static int month(long epochDay) {
    long dayOfEra = dayOfEra(epochDay);
    long yearOfEra = yearOfEra(dayOfEra);
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long marchMonth = (5 * dayOfYear + 2) / 153;
    return (int) (marchMonth < 10 ? marchMonth + 3 : marchMonth - 9);
  }

  /** The day of the month (1-31) of an epoch day. */
  public static int dayOfMonth(long epochDay) {
    long dayOfEra = dayOfEra(epochDay);
    long yearOfEra = yearOfEra(dayOfEra);
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long marchMonth = (5 * dayOfYear + 2) / 153;
    return (int) (dayOfYear - (153 * marchMonth + 2) / 5 + 1);
  }

  /** Day of the 400-year era, shifted so that years start in March (the leap day comes last). */
  private static long dayOfEra(long epochDay) {
    long shifted = epochDay + 719_468L;
    return shifted - Math.floorDiv(shifted, 146_097L) * 146_097L;
  }

  private static long yearOfEra(long dayOfEra) {
    return (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
  }
}
