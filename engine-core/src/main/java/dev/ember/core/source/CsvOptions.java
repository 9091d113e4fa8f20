package dev.ember.core.source;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * The CSV dialect and parsing choices, with Spark's defaults in {@link #defaults()}. A null
 * {@code nullValue} never matches; the empty field is read as null, as Spark does by default.
 *
 * <p>Reading only: {@code multiLine} (a quoted field may span lines; otherwise a record ends at the
 * end of its line), {@code lineSeparator} (one character, or null for any of {@code \n},
 * {@code \r\n}, {@code \r}, Spark's default), {@code comment} ({@code \u0000}: none), the two
 * white-space trims, {@code emptyValue} (what a quoted empty field {@code ""} reads as; null keeps
 * Spark's default, null), {@code columnNameOfCorruptRecord} and {@code locale} (a language tag for
 * month and day names in patterns). {@code encoding} is {@code UTF-8} or {@code ISO-8859-1}.
 * Values are plain strings so that the options travel in serialized tasks as they are.
 */
public record CsvOptions(
    boolean header,
    char delimiter,
    char quote,
    char escape,
    String nullValue,
    String dateFormat,
    String timestampFormat,
    ParseMode mode,
    boolean multiLine,
    String encoding,
    String lineSeparator,
    char comment,
    boolean ignoreLeadingWhiteSpace,
    boolean ignoreTrailingWhiteSpace,
    String emptyValue,
    String columnNameOfCorruptRecord,
    String locale) implements FileFormatOptions {
  public static final String DEFAULT_CORRUPT_RECORD_COLUMN = "_corrupt_record";
  public static final String DEFAULT_LOCALE = "en-US";
  /** The no-character value of {@link #comment()} (Spark's default: comments off). */
  public static final char NO_COMMENT = '\u0000';

  public CsvOptions {
    Objects.requireNonNull(dateFormat, "dateFormat is null");
    Objects.requireNonNull(timestampFormat, "timestampFormat is null");
    Objects.requireNonNull(mode, "mode is null");
    Objects.requireNonNull(encoding, "encoding is null");
    Objects.requireNonNull(columnNameOfCorruptRecord, "columnNameOfCorruptRecord is null");
    Objects.requireNonNull(locale, "locale is null");
    charsetOf(encoding);
    if (lineSeparator != null && lineSeparator.length() != 1) {
      throw new IllegalArgumentException(
          "CSV option lineSep must be one character when reading, got '" + lineSeparator + "' (" + lineSeparator.length() + " characters)");
    }
  }

  /** The dialect and mode given, every other choice as Spark's default. */
  public CsvOptions(
      boolean header, char delimiter, char quote, char escape, String nullValue, String dateFormat, String timestampFormat,
      ParseMode mode) {
    this(header, delimiter, quote, escape, nullValue, dateFormat, timestampFormat, mode, false, "UTF-8", null, NO_COMMENT,
        false, false, null, DEFAULT_CORRUPT_RECORD_COLUMN, DEFAULT_LOCALE);
  }

  public static CsvOptions defaults() {
    return new CsvOptions(false, ',', '"', '\\', "", "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss[.SSSSSS][XXX]", ParseMode.PERMISSIVE);
  }

  /** The charset of {@link #encoding()}. */
  public Charset charset() {
    return charsetOf(encoding);
  }

  /** The charsets the byte-level reader supports: both keep ASCII delimiters, quotes and line breaks as single bytes. */
  public static Charset charsetOf(String encoding) {
    String normalized = encoding.trim().toUpperCase(Locale.ROOT).replace('_', '-');
    return switch (normalized) {
      case "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
      case "ISO-8859-1", "ISO8859-1", "LATIN1", "LATIN-1" -> StandardCharsets.ISO_8859_1;
      case "US-ASCII", "ASCII" -> StandardCharsets.US_ASCII;
      default -> throw new IllegalArgumentException(
          "CSV encoding '" + encoding + "' is not supported by Ember; supported: UTF-8, ISO-8859-1, US-ASCII");
    };
  }

  public CsvOptions withHeader(boolean value) {
    return new CsvOptions(value, delimiter, quote, escape, nullValue, dateFormat, timestampFormat, mode, multiLine, encoding,
        lineSeparator, comment, ignoreLeadingWhiteSpace, ignoreTrailingWhiteSpace, emptyValue, columnNameOfCorruptRecord, locale);
  }

  public CsvOptions withMode(ParseMode value) {
    return new CsvOptions(header, delimiter, quote, escape, nullValue, dateFormat, timestampFormat, value, multiLine, encoding,
        lineSeparator, comment, ignoreLeadingWhiteSpace, ignoreTrailingWhiteSpace, emptyValue, columnNameOfCorruptRecord, locale);
  }

  public CsvOptions withMultiLine(boolean value) {
    return new CsvOptions(header, delimiter, quote, escape, nullValue, dateFormat, timestampFormat, mode, value, encoding,
        lineSeparator, comment, ignoreLeadingWhiteSpace, ignoreTrailingWhiteSpace, emptyValue, columnNameOfCorruptRecord, locale);
  }

  /** The record-level choices: encoding, line separator (null: any), comment character. */
  public CsvOptions withLines(String encodingName, String separator, char commentCharacter) {
    return new CsvOptions(header, delimiter, quote, escape, nullValue, dateFormat, timestampFormat, mode, multiLine, encodingName,
        separator, commentCharacter, ignoreLeadingWhiteSpace, ignoreTrailingWhiteSpace, emptyValue, columnNameOfCorruptRecord, locale);
  }

  /** The value-level choices: white-space trims and the value of a quoted empty field (null: null). */
  public CsvOptions withValues(boolean trimLeading, boolean trimTrailing, String emptyFieldValue) {
    return new CsvOptions(header, delimiter, quote, escape, nullValue, dateFormat, timestampFormat, mode, multiLine, encoding,
        lineSeparator, comment, trimLeading, trimTrailing, emptyFieldValue, columnNameOfCorruptRecord, locale);
  }

  public CsvOptions withColumnNameOfCorruptRecord(String name) {
    return new CsvOptions(header, delimiter, quote, escape, nullValue, dateFormat, timestampFormat, mode, multiLine, encoding,
        lineSeparator, comment, ignoreLeadingWhiteSpace, ignoreTrailingWhiteSpace, emptyValue, name, locale);
  }

  public CsvOptions withLocale(String languageTag) {
    return new CsvOptions(header, delimiter, quote, escape, nullValue, dateFormat, timestampFormat, mode, multiLine, encoding,
        lineSeparator, comment, ignoreLeadingWhiteSpace, ignoreTrailingWhiteSpace, emptyValue, columnNameOfCorruptRecord, languageTag);
  }

  @Override
  public String formatName() {
    return "csv";
  }
}
