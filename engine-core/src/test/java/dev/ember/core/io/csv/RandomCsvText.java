package dev.ember.core.io.csv;

import dev.ember.core.source.CsvOptions;

/** Encodes one value the way a careful CSV writer would (independent of CsvBatchEncoder). */
final class RandomCsvText {
  private RandomCsvText() {}

  static String encode(String value, CsvOptions options) {
    if (value == null) {
      return "";
    }
    boolean quote = value.isEmpty() || value.charAt(0) <= ' ' || value.charAt(value.length() - 1) <= ' ';
    for (char c : value.toCharArray()) {
      if (c == options.delimiter() || c == options.quote() || c == options.escape() || c == '\n' || c == '\r') {
        quote = true;
      }
    }
    if (!quote) {
      return value;
    }
    StringBuilder text = new StringBuilder().append(options.quote());
    for (char c : value.toCharArray()) {
      if (c == options.quote() || c == options.escape()) {
        text.append(options.escape());
      }
      text.append(c);
    }
    return text.append(options.quote()).toString();
  }
}
