package dev.ember.core.io.csv;

import dev.ember.core.source.CsvOptions;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * Builds {@link DateTimeFormatter}s from Spark-style patterns. As Spark 3 does, it reads the
 * pattern letter {@code y} as {@code u} (proleptic year, so no era is needed) and resolves
 * strictly, so {@code 2021-02-30} is rejected rather than moved to the end of February.
 */
final class DateTimePatterns {
  private DateTimePatterns() {}

  static DateTimeFormatter formatter(String pattern, String optionName) {
    return formatter(pattern, optionName, CsvOptions.DEFAULT_LOCALE);
  }

  /** With month and day names of the locale (a language tag, Spark's {@code locale} option). */
  static DateTimeFormatter formatter(String pattern, String optionName, String languageTag) {
    try {
      return new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern(yearOfEraAsProlepticYear(pattern))
          .toFormatter(Locale.forLanguageTag(languageTag))
          .withChronology(IsoChronology.INSTANCE)
          .withResolverStyle(ResolverStyle.STRICT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid CSV option " + optionName + " '" + pattern + "': " + e.getMessage(), e);
    }
  }

  /** Replaces {@code y} by {@code u} outside quoted literals. */
  static String yearOfEraAsProlepticYear(String pattern) {
    StringBuilder converted = new StringBuilder(pattern.length());
    boolean inLiteral = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        inLiteral = !inLiteral;
      }
      converted.append(!inLiteral && c == 'y' ? 'u' : c);
    }
    return converted.toString();
  }
}
