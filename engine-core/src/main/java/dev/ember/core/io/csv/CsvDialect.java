package dev.ember.core.io.csv;

import dev.ember.core.source.CsvOptions;

/** Checks of the separator characters, shared by the reader and the writer. */
final class CsvDialect {
  private CsvDialect() {}

  /** Rejects dialects the byte-level reader and writer cannot handle, naming the option. */
  static void validate(CsvOptions options) {
    asciiByte(options.delimiter(), "delimiter");
    asciiByte(options.quote(), "quote");
    asciiByte(options.escape(), "escape");
    if (options.delimiter() == '\n' || options.delimiter() == '\r') {
      throw new IllegalArgumentException("CSV option delimiter cannot be a line break");
    }
    if (options.delimiter() == options.quote()) {
      throw new IllegalArgumentException(
          "CSV options delimiter and quote must differ, both are '" + options.delimiter() + "'");
    }
  }

  static byte asciiByte(char c, String option) {
    if (c > 0x7F) {
      throw new IllegalArgumentException("CSV option " + option + " must be a single ASCII character, got '" + c
          + "' (U+" + String.format("%04X", (int) c) + ")");
    }
    return (byte) c;
  }
}
