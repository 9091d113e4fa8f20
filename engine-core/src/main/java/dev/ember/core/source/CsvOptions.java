package dev.ember.core.source;

import java.util.Objects;

/**
 * The CSV dialect and parsing choices, with Spark's defaults in {@link #defaults()}. A null
 * {@code nullValue} never matches; the empty field, quoted or not, is always read as null, as
 * Spark does by default.
 */
public record CsvOptions(
    boolean header,
    char delimiter,
    char quote,
    char escape,
    String nullValue,
    String dateFormat,
    String timestampFormat,
    ParseMode mode) implements FileFormatOptions {

  public CsvOptions {
    Objects.requireNonNull(dateFormat, "dateFormat is null");
    Objects.requireNonNull(timestampFormat, "timestampFormat is null");
    Objects.requireNonNull(mode, "mode is null");
  }

  public static CsvOptions defaults() {
    return new CsvOptions(false, ',', '"', '\\', "", "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss[.SSSSSS][XXX]", ParseMode.PERMISSIVE);
  }

  @Override
  public String formatName() {
    return "csv";
  }
}
