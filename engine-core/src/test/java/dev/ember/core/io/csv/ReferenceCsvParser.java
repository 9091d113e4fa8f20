package dev.ember.core.io.csv;

import java.util.ArrayList;
import java.util.List;
import dev.ember.core.source.CsvOptions;

/**
 * A deliberately simple, char-by-char CSV parser over a whole String that states the dialect Ember
 * reads (see CsvRecordReader), used as the independent side of differential tests. Empty values
 * are null; returns each record's fields (not padded).
 */
final class ReferenceCsvParser {
  private final char delimiter;
  private final char quote;
  private final char escape;

  ReferenceCsvParser(CsvOptions options) {
    this.delimiter = options.delimiter();
    this.quote = options.quote();
    this.escape = options.escape();
  }

  List<List<String>> parse(String text, boolean skipHeader) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<List<String>> records = new ArrayList<>();
    int i = 0;
    boolean headerPending = skipHeader;
    while (i < text.length()) {
      int lineEnd = text.indexOf('\n', i);
      String line = text.substring(i, lineEnd < 0 ? text.length() : lineEnd);
      if (line.trim().isEmpty()) {
        i = lineEnd < 0 ? text.length() : lineEnd + 1;
        continue;
      }
      List<String> fields = new ArrayList<>();
      boolean recordDone = false;
      while (!recordDone) {
        StringBuilder value = new StringBuilder();
        if (i < text.length() && text.charAt(i) == quote) {
          i++;
          boolean closed = false;
          while (i < text.length()) {
            char c = text.charAt(i);
            if (c == quote) {
              if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                value.append(quote);
                i += 2;
              } else {
                i++;
                closed = true;
                break;
              }
            } else if (c == escape && escape != quote && i + 1 < text.length()
                && (text.charAt(i + 1) == quote || text.charAt(i + 1) == escape)) {
              value.append(text.charAt(i + 1));
              i += 2;
            } else {
              value.append(c);
              i++;
            }
          }
          if (closed) {
            int trailingStart = i;
            while (i < text.length() && text.charAt(i) != delimiter && text.charAt(i) != '\n') {
              i++;
            }
            String trailing = text.substring(trailingStart, i);
            if ((i >= text.length() || text.charAt(i) == '\n') && trailing.endsWith("\r")) {
              trailing = trailing.substring(0, trailing.length() - 1);
            }
            value.append(trailing);
          }
        } else {
          int start = i;
          while (i < text.length() && text.charAt(i) != delimiter && text.charAt(i) != '\n') {
            i++;
          }
          String raw = text.substring(start, i);
          if ((i >= text.length() || text.charAt(i) == '\n') && raw.endsWith("\r")) {
            raw = raw.substring(0, raw.length() - 1);
          }
          value.append(raw);
        }
        fields.add(value.isEmpty() ? null : value.toString());
        if (i < text.length() && text.charAt(i) == delimiter) {
          i++;
        } else {
          if (i < text.length()) {
            i++;
          }
          recordDone = true;
        }
      }
      if (headerPending) {
        headerPending = false;
      } else {
        records.add(fields);
      }
    }
    return records;
  }
}
