package dev.ember.sql.internal;

import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.ParseMode;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the string options of {@code read().option(...)} and {@code write().option(...)} into
 * {@link CsvOptions}, with Spark's names and defaults. Option names are case-insensitive; unknown
 * options are ignored, as Spark does.
 */
public final class CsvOptionsParser {
  private CsvOptionsParser() {}

  /** @param options the options with lower-case keys */
  public static CsvOptions parse(Map<String, String> options) {
    CsvOptions defaults = CsvOptions.defaults();
    boolean header = booleanOption(options, "header", defaults.header());
    String delimiterText = options.containsKey("sep") ? options.get("sep") : options.get("delimiter");
    char delimiter = delimiterText == null ? defaults.delimiter() : character("sep", delimiterText, false);
    char quote = options.containsKey("quote") ? character("quote", options.get("quote"), true) : defaults.quote();
    char escape = options.containsKey("escape") ? character("escape", options.get("escape"), true) : defaults.escape();
    String nullValue = options.getOrDefault("nullvalue", defaults.nullValue());
    String dateFormat = pattern(options, "dateformat", "dateFormat", defaults.dateFormat());
    String timestampFormat = pattern(options, "timestampformat", "timestampFormat", defaults.timestampFormat());
    ParseMode mode = options.containsKey("mode") ? parseMode(options.get("mode")) : defaults.mode();
    return new CsvOptions(header, delimiter, quote, escape, nullValue, dateFormat, timestampFormat, mode);
  }

  /** {@code inferSchema}, default false. */
  public static boolean inferSchema(Map<String, String> options) {
    return booleanOption(options, "inferschema", false);
  }

  public static ParseMode parseMode(String text) {
    return switch (text.toUpperCase(Locale.ROOT)) {
      case "PERMISSIVE" -> ParseMode.PERMISSIVE;
      case "DROPMALFORMED" -> ParseMode.DROPMALFORMED;
      case "FAILFAST" -> ParseMode.FAILFAST;
      default -> throw new IllegalArgumentException(
          "Unknown CSV parse mode '" + text + "' for option 'mode'; accepted: PERMISSIVE, DROPMALFORMED, FAILFAST"
              + " (case-insensitive).");
    };
  }

  static boolean booleanOption(Map<String, String> options, String key, boolean defaultValue) {
    String text = options.get(key);
    if (text == null) {
      return defaultValue;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(
          "option '" + key + "' must be true or false, got '" + text + "'");
    };
  }

  /**
   * One character; Spark's escapes {@code \t}, {@code \n}, {@code \\}, {@code \u0001} are
   * understood; an empty quote or escape turns quoting/escaping off ({@code \u0000}).
   */
  static char character(String option, String text, boolean emptyMeansNone) {
    if (text == null || text.isEmpty()) {
      if (emptyMeansNone) {
        return '\u0000';
      }
      throw new IllegalArgumentException("option '" + option + "' cannot be an empty string");
    }
    if (text.length() == 1) {
      return text.charAt(0);
    }
    if (text.charAt(0) == '\\') {
      if (text.length() == 2) {
        switch (text.charAt(1)) {
          case 't':
            return '\t';
          case 'n':
            return '\n';
          case 'r':
            return '\r';
          case 'b':
            return '\b';
          case 'f':
            return '\f';
          case '\\':
            return '\\';
          case '"':
            return '"';
          case '\'':
            return '\'';
          case '0':
            return '\u0000';
          default:
            break;
        }
      }
      if (text.length() == 6 && text.charAt(1) == 'u') {
        try {
          return (char) Integer.parseInt(text.substring(2), 16);
        } catch (NumberFormatException badHex) {
          // fall through to the error below
        }
      }
    }
    throw new IllegalArgumentException(
        "option '" + option + "' must be a single character (or an escape such as \\t or \\u0001), got '" + text + "'");
  }

  private static String pattern(Map<String, String> options, String key, String name, String defaultValue) {
    String text = options.get(key);
    if (text == null) {
      return defaultValue;
    }
    try {
      DateTimeFormatter.ofPattern(text);
    } catch (IllegalArgumentException badPattern) {
      throw new IllegalArgumentException(
          "option '" + name + "' is not a valid date-time pattern: '" + text + "' (" + badPattern.getMessage() + ")", badPattern);
    }
    return text;
  }
}
