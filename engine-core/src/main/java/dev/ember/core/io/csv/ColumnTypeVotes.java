package dev.ember.core.io.csv;

import dev.ember.core.types.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import dev.ember.core.source.CsvOptions;

/**
 * Schema inference state: for each column, which candidate types every non-null value seen so far
 * parses as. Null values (missing, empty, nullValue) do not vote.
 */
final class ColumnTypeVotes {
  private static final int INT = 1;
  private static final int LONG = 1 << 1;
  private static final int DOUBLE = 1 << 2;
  private static final int BOOLEAN = 1 << 3;
  private static final int DATE = 1 << 4;
  private static final int TIMESTAMP = 1 << 5;
  private static final int ALL = INT | LONG | DOUBLE | BOOLEAN | DATE | TIMESTAMP;

  private final int width;
  private final int[] candidates;
  private final boolean[] seen;
  private final CsvValueParser parser;
  private final byte[] nullValue;

  ColumnTypeVotes(int width, CsvOptions options) {
    this.width = width;
    this.candidates = new int[width];
    this.seen = new boolean[width];
    Arrays.fill(candidates, ALL);
    this.parser = new CsvValueParser(options);
    String nullText = options.nullValue();
    this.nullValue = nullText == null || nullText.isEmpty() ? null : nullText.getBytes(StandardCharsets.UTF_8);
  }

  void add(CsvRecordReader reader, int rows) {
    byte[] bytes = reader.buffer;
    for (int column = 0; column < width; column++) {
      int remaining = candidates[column];
      if (remaining == 0) {
        continue;
      }
      for (int row = 0; row < rows && remaining != 0; row++) {
        if (column >= reader.fieldCounts[row]) {
          continue;
        }
        int index = row * width + column;
        int start = reader.fieldStarts[index];
        int end = reader.fieldEnds[index];
        if (start == end || (nullValue != null && Arrays.equals(bytes, start, end, nullValue, 0, nullValue.length))) {
          continue;
        }
        seen[column] = true;
        remaining = vote(remaining, bytes, start, end);
      }
      candidates[column] = remaining;
    }
  }

  /** Clears the candidate kinds this value does not parse as. */
  private int vote(int remaining, byte[] bytes, int start, int end) {
    // An INT also parses as LONG and DOUBLE, a LONG as DOUBLE: skip those checks then.
    boolean widerNumbersParse = false;
    if ((remaining & INT) != 0) {
      parser.parseInt(bytes, start, end);
      if (parser.ok) {
        widerNumbersParse = true;
      } else {
        remaining &= ~INT;
      }
    }
    if (!widerNumbersParse && (remaining & LONG) != 0) {
      parser.parseLong(bytes, start, end);
      if (parser.ok) {
        widerNumbersParse = true;
      } else {
        remaining &= ~LONG;
      }
    }
    if (!widerNumbersParse && (remaining & DOUBLE) != 0) {
      parser.parseDouble(bytes, start, end);
      if (!parser.ok) {
        remaining &= ~DOUBLE;
      }
    }
    if ((remaining & BOOLEAN) != 0) {
      parser.parseBoolean(bytes, start, end);
      if (!parser.ok) {
        remaining &= ~BOOLEAN;
      }
    }
    if ((remaining & DATE) != 0) {
      parser.parseDate(bytes, start, end, true);
      if (!parser.ok) {
        remaining &= ~DATE;
      }
    }
    if ((remaining & TIMESTAMP) != 0) {
      parser.parseTimestamp(bytes, start, end);
      if (!parser.ok) {
        remaining &= ~TIMESTAMP;
      }
    }
    return remaining;
  }

  boolean allString() {
    for (int candidate : candidates) {
      if (candidate != 0) {
        return false;
      }
    }
    return true;
  }

  ColumnType[] result() {
    ColumnType[] types = new ColumnType[width];
    for (int column = 0; column < width; column++) {
      int remaining = candidates[column];
      types[column] = !seen[column] ? ColumnType.STRING
          : (remaining & INT) != 0 ? ColumnType.INT
          : (remaining & LONG) != 0 ? ColumnType.LONG
          : (remaining & DOUBLE) != 0 ? ColumnType.DOUBLE
          : (remaining & BOOLEAN) != 0 ? ColumnType.BOOLEAN
          : (remaining & DATE) != 0 ? ColumnType.DATE
          : (remaining & TIMESTAMP) != 0 ? ColumnType.TIMESTAMP
          : ColumnType.STRING;
    }
    return types;
  }
}
