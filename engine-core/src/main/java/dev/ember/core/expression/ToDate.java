package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A STRING (or TIMESTAMP, or DATE) to DATE. With a format, parses with that pattern
 * ({@link java.time.format.DateTimeFormatter} letters, as Spark 3); without one, as a cast. A
 * string that does not parse gives null. The format is {@code null} when none was given.
 */
public record ToDate(Expression child, String format) implements Expression {
  public ToDate {
    Objects.requireNonNull(child, "child is null");
  }

  @Override
  public ColumnType type() {
    return ColumnType.DATE;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new ToDate(children.get(0), format);
  }

  @Override
  public String toString() {
    return format == null ? "to_date(" + child + ")" : "to_date(" + child + ", '" + format + "')";
  }

  /**
   * The formatter of a {@code to_date} pattern, as Spark 3 builds it: case-insensitive, strict (no
   * 31 February), 'y' read as 'u' (proleptic year, so no era is needed and year 0 and negative
   * years parse) unless the pattern has an era 'G'. The analyzer calls it to reject a bad pattern
   * when the DataFrame is built; evaluation compiles it once per task.
   *
   * @throws IllegalArgumentException naming the pattern and what is wrong with it
   */
  public static DateTimeFormatter formatter(String format) {
    Objects.requireNonNull(format, "format is null");
    try {
      return new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern(withProlepticYears(format))
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);
    } catch (IllegalArgumentException invalid) {
      throw new IllegalArgumentException("invalid to_date format '" + format + "': " + invalid.getMessage(), invalid);
    }
  }

  /** Spark's conversion: 'y' (year of era) becomes 'u' (year) outside quoted text, unless an era 'G' is there. */
  public static String withProlepticYears(String format) {
    String[] parts = format.split("'", -1);
    for (int i = 0; i < parts.length; i += 2) {
      if (parts[i].contains("G")) {
        return format;
      }
    }
    StringBuilder converted = new StringBuilder(format.length());
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        converted.append('\'');
      }
      converted.append(i % 2 == 0 ? parts[i].replace('y', 'u') : parts[i]);
    }
    return converted.toString();
  }
}
