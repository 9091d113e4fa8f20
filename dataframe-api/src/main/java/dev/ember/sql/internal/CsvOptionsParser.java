package dev.ember.sql.internal;

import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.ParseMode;
import dev.ember.core.text.EditDistance;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the string options of {@code read().option(...)} and {@code write().option(...)} into
 * {@link CsvOptions}, with Spark's names and defaults. Option names are case-insensitive.
 * {@link #parseForRead} checks the names too: an unknown name fails with the closest known ones,
 * and a Spark CSV option Ember does not implement fails naming it; {@link #parse} (the writer's)
 * ignores names it does not know.
 */
public final class CsvOptionsParser {
  /** The reader options Ember implements, lower-case name to Spark's spelling. */
  private static final Map<String, String> READ_OPTIONS = spellings(
      "header", "inferSchema", "sep", "delimiter", "quote", "escape", "nullValue", "dateFormat", "timestampFormat", "mode",
      "multiLine", "encoding", "charset", "lineSep", "comment", "ignoreLeadingWhiteSpace", "ignoreTrailingWhiteSpace",
      "emptyValue", "columnNameOfCorruptRecord", "samplingRatio", "enforceSchema", "locale", "preferDate", "path");

  /** Spark's CSV and file-source options that Ember does not implement (yet). */
  private static final Map<String, String> UNSUPPORTED_OPTIONS = spellings(
      "quoteAll", "escapeQuotes", "charToEscapeQuoteEscaping", "timestampNTZFormat", "enableDateTimeParsingFallback",
      "maxColumns", "maxCharsPerColumn", "unescapedQuoteHandling", "nanValue", "positiveInf", "negativeInf",
      "compression", "codec", "inputBufferSize", "ignoreCorruptFiles", "ignoreMissingFiles", "pathGlobFilter",
      "recursiveFileLookup", "modifiedBefore", "modifiedAfter");

  private CsvOptionsParser() {}

  private static Map<String, String> spellings(String... names) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String name : names) {
      map.put(name.toLowerCase(Locale.ROOT), name);
    }
    return Map.copyOf(map);
  }

  /**
   * The reader's options, names checked first.
   *
   * @param options the options with lower-case keys
   * @throws CsvOptionException for an unknown or unimplemented option name or a bad value
   */
  public static CsvOptions parseForRead(Map<String, String> options) {
    checkReadOptionNames(options.keySet());
    CsvOptions parsed = withReadOptions(parse(options), options);
    if (options.containsKey("preferdate") && !booleanOption(options, "preferdate", true)) {
      throw new CsvOptionException("CSV option 'preferDate' = false is not implemented by Ember: schema inference always"
          + " prefers DATE for values that match dateFormat (Spark's default, preferDate = true)", "preferdate", List.of());
    }
    samplingRatio(options);
    enforceSchema(options);
    return parsed;
  }

  /** Fails on the first name that is not an implemented reader option. */
  static void checkReadOptionNames(Set<String> names) {
    for (String name : names) {
      if (READ_OPTIONS.containsKey(name)) {
        continue;
      }
      if (UNSUPPORTED_OPTIONS.containsKey(name)) {
        throw new CsvOptionException("The Spark CSV option '" + UNSUPPORTED_OPTIONS.get(name)
            + "' is not implemented by Ember; remove it (implemented: " + String.join(", ", sorted(READ_OPTIONS.values())) + ")",
            name, List.of());
      }
      List<String> suggestions = closest(name);
      throw new CsvOptionException("Unknown CSV option '" + name + "'"
          + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(", ", suggestions) + "?")
          + " (options: " + String.join(", ", sorted(READ_OPTIONS.values())) + ")", name, suggestions);
    }
  }

  private static List<String> sorted(java.util.Collection<String> names) {
    List<String> list = new ArrayList<>(names);
    list.sort(String.CASE_INSENSITIVE_ORDER);
    return list;
  }

  /** The known names (implemented or not) within a few edits of {@code name}, closest first, at most three. */
  static List<String> closest(String name) {
    List<String> candidates = new ArrayList<>(READ_OPTIONS.values());
    candidates.addAll(UNSUPPORTED_OPTIONS.values());
    int limit = Math.max(2, name.length() / 3);
    List<String> close = new ArrayList<>();
    for (String candidate : candidates) {
      if (EditDistance.between(name, candidate.toLowerCase(Locale.ROOT)) <= limit) {
        close.add(candidate);
      }
    }
    close.sort(Comparator.<String>comparingInt(candidate -> EditDistance.between(name, candidate.toLowerCase(Locale.ROOT)))
        .thenComparing(String.CASE_INSENSITIVE_ORDER));
    return close.size() > 3 ? List.copyOf(close.subList(0, 3)) : List.copyOf(close);
  }

  /** The reading-only options (record and value shape) on top of {@code base}. */
  private static CsvOptions withReadOptions(CsvOptions base, Map<String, String> options) {
    boolean multiLine = booleanOption(options, "multiline", false);
    String encodingText = options.containsKey("encoding") ? options.get("encoding") : options.get("charset");
    String encoding = base.encoding();
    if (encodingText != null) {
      String key = options.containsKey("encoding") ? "encoding" : "charset";
      try {
        encoding = CsvOptions.charsetOf(encodingText).name();
      } catch (IllegalArgumentException unsupported) {
        throw new CsvOptionException("option '" + key + "': " + unsupported.getMessage(), key, unsupported);
      }
    }
    String lineSeparator = null;
    if (options.containsKey("linesep")) {
      String text = options.get("linesep");
      lineSeparator = String.valueOf(character("lineSep", text, false));
      if (text.length() != 1 && text.charAt(0) != '\\') {
        throw new CsvOptionException("option 'lineSep' must be one character when reading, got '" + text + "'", "linesep", List.of());
      }
    }
    char comment = options.containsKey("comment") ? character("comment", options.get("comment"), true) : CsvOptions.NO_COMMENT;
    boolean trimLeading = booleanOption(options, "ignoreleadingwhitespace", false);
    boolean trimTrailing = booleanOption(options, "ignoretrailingwhitespace", false);
    String emptyValue = options.get("emptyvalue");
    String corruptColumn = options.getOrDefault("columnnameofcorruptrecord", CsvOptions.DEFAULT_CORRUPT_RECORD_COLUMN);
    String locale = options.getOrDefault("locale", CsvOptions.DEFAULT_LOCALE);
    if (Locale.forLanguageTag(locale).getLanguage().isEmpty()) {
      throw new CsvOptionException("option 'locale' must be a language tag such as en-US or de-DE, got '" + locale + "'", "locale", List.of());
    }
    try {
      return new CsvOptions(base.header(), base.delimiter(), base.quote(), base.escape(), base.nullValue(), base.dateFormat(),
          base.timestampFormat(), base.mode(), multiLine, encoding,
          lineSeparator, comment, trimLeading, trimTrailing, emptyValue, corruptColumn, locale);
    } catch (IllegalArgumentException invalid) {
      throw new CsvOptionException(invalid.getMessage(), "linesep", invalid);
    }
  }

  /** {@code samplingRatio}, default 1.0: the fraction of records schema inference reads. */
  public static double samplingRatio(Map<String, String> options) {
    String text = options.get("samplingratio");
    if (text == null) {
      return 1.0;
    }
    double ratio;
    try {
      ratio = Double.parseDouble(text.trim());
    } catch (NumberFormatException notANumber) {
      ratio = Double.NaN;
    }
    if (!(ratio > 0 && ratio <= 1)) {
      throw new CsvOptionException("option 'samplingRatio' must be a number in (0, 1], got '" + text + "'", "samplingratio", List.of());
    }
    return ratio;
  }

  /** {@code enforceSchema}, default true: a given schema wins over the header's names. */
  public static boolean enforceSchema(Map<String, String> options) {
    return booleanOption(options, "enforceschema", true);
  }

  /**
   * The options reader and writer share (dialect, null value, patterns, mode), names not checked:
   * the writer's parse.
   *
   * @param options the options with lower-case keys
   */
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
      default -> throw new CsvOptionException(
          "Unknown CSV parse mode '" + text + "' for option 'mode'; accepted: PERMISSIVE, DROPMALFORMED, FAILFAST"
              + " (case-insensitive).", "mode", List.of());
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
      default -> throw new CsvOptionException(
          "option '" + key + "' must be true or false, got '" + text + "'", key, List.of());
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
      throw new CsvOptionException("option '" + option + "' cannot be an empty string", option.toLowerCase(Locale.ROOT), List.of());
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
    throw new CsvOptionException(
        "option '" + option + "' must be a single character (or an escape such as \\t or \\u0001), got '" + text + "'",
        option.toLowerCase(Locale.ROOT), List.of());
  }

  private static String pattern(Map<String, String> options, String key, String name, String defaultValue) {
    String text = options.get(key);
    if (text == null) {
      return defaultValue;
    }
    try {
      DateTimeFormatter.ofPattern(text);
    } catch (IllegalArgumentException badPattern) {
      throw new CsvOptionException(
          "option '" + name + "' is not a valid date-time pattern: '" + text + "' (" + badPattern.getMessage() + ")", key, badPattern);
    }
    return text;
  }
}
