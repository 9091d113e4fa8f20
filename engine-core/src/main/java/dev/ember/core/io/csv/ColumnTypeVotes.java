package dev.ember.core.io.csv;

import dev.ember.core.types.ColumnType;
import java.util.Arrays;
import dev.ember.core.source.CsvOptions;

/**
 * Schema inference state: for each column, which candidate types every non-null value seen so far
 * parses as. Null values (missing, empty, nullValue) do not vote.
 *
 * <p>DECIMAL follows Spark's {@code CSVInferSchema}: integers too large for a LONG (plain digits,
 * at most 38) make a DECIMAL(digits, 0) column, at least DECIMAL(20,0) when LONG values were seen
 * too (Spark widens a LONG to DECIMAL(20,0)); a value with a point or exponent makes it DOUBLE, and
 * more than 38 digits too. Spark merges row by row, so a long seen only after the first huge
 * integer keeps its digit count there; here the order does not matter.
 */
final class ColumnTypeVotes {
  private static final int INT = 1;
  private static final int LONG = 1 << 1;
  private static final int DOUBLE = 1 << 2;
  private static final int BOOLEAN = 1 << 3;
  private static final int DATE = 1 << 4;
  private static final int TIMESTAMP = 1 << 5;
  /** Integer text of at most 38 digits. */
  private static final int DECIMAL = 1 << 6;
  private static final int ALL = INT | LONG | DOUBLE | BOOLEAN | DATE | TIMESTAMP | DECIMAL;

  private final int width;
  private final int[] candidates;
  private final boolean[] seen;
  /** Per column: the most digits of an integer beyond LONG, and whether a value beyond INT was seen. */
  private final int[] decimalDigits;
  private final boolean[] sawLong;
  private boolean sawRecords;
  private final CsvValueParser parser;
  private final byte[] nullValue;
  /** What a quoted empty field reads as, or null. */
  private final byte[] emptyValue;

  ColumnTypeVotes(int width, CsvOptions options) {
    this.width = width;
    this.candidates = new int[width];
    this.seen = new boolean[width];
    this.decimalDigits = new int[width];
    this.sawLong = new boolean[width];
    Arrays.fill(candidates, ALL);
    this.parser = new CsvValueParser(options);
    String nullText = options.nullValue();
    this.nullValue = nullText == null || nullText.isEmpty() ? null : nullText.getBytes(options.charset());
    this.emptyValue = options.emptyValue() == null ? null : options.emptyValue().getBytes(options.charset());
  }

  /** Votes with the rows of the reader's chunk, those where {@code sampled} is true (all when it is null). */
  void add(CsvRecordReader reader, int rows, boolean[] sampled) {
    for (int row = 0; row < rows && !sawRecords; row++) {
      sawRecords = sampled == null || sampled[row];
    }
    for (int column = 0; column < width; column++) {
      int remaining = candidates[column];
      if (remaining == 0) {
        continue;
      }
      for (int row = 0; row < rows && remaining != 0; row++) {
        if (column >= reader.fieldCounts[row] || (sampled != null && !sampled[row])) {
          continue;
        }
        int index = row * width + column;
        byte[] bytes = reader.buffer;
        int start = reader.fieldStarts[index];
        int end = reader.fieldEnds[index];
        if (start == CsvRecordReader.QUOTED_EMPTY) {
          bytes = emptyValue;
          start = 0;
          end = emptyValue.length;
        }
        if (start == end || (nullValue != null && Arrays.equals(bytes, start, end, nullValue, 0, nullValue.length))) {
          continue;
        }
        seen[column] = true;
        remaining = vote(remaining, bytes, start, end, column);
      }
      candidates[column] = remaining;
    }
  }

  /** Clears the candidate kinds this value does not parse as. */
  private int vote(int remaining, byte[] bytes, int start, int end, int column) {
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
        sawLong[column] = true;
      } else {
        remaining &= ~LONG;
      }
    }
    if (!widerNumbersParse && (remaining & DECIMAL) != 0) {
      int digits = integerDigits(bytes, start, end);
      if (digits > 0 && digits <= 38) {
        decimalDigits[column] = Math.max(decimalDigits[column], digits);
        // Such an integer also parses as a DOUBLE, which stays the candidate if a fraction follows.
      } else {
        remaining &= ~DECIMAL;
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

  /** The digit count of plain integer text ({@code -123}), or 0 when it is not one. */
  private static int integerDigits(byte[] bytes, int start, int end) {
    int i = start;
    if (i < end && (bytes[i] == '-' || bytes[i] == '+')) {
      i++;
    }
    if (i == end) {
      return 0;
    }
    for (int j = i; j < end; j++) {
      if (bytes[j] < '0' || bytes[j] > '9') {
        return 0;
      }
    }
    while (i < end - 1 && bytes[i] == '0') {
      i++;
    }
    return end - i;
  }

  /** Whether any record voted (a sample may hold none). */
  boolean sawRecords() {
    return sawRecords;
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
          : (remaining & DECIMAL) != 0 && decimalDigits[column] > 0
              ? ColumnType.decimal(Math.max(decimalDigits[column], sawLong[column] ? 20 : 0), 0)
          : (remaining & DOUBLE) != 0 ? ColumnType.DOUBLE
          : (remaining & BOOLEAN) != 0 ? ColumnType.BOOLEAN
          : (remaining & DATE) != 0 ? ColumnType.DATE
          : (remaining & TIMESTAMP) != 0 ? ColumnType.TIMESTAMP
          : ColumnType.STRING;
    }
    return types;
  }
}
