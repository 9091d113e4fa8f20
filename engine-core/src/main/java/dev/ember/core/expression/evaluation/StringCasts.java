package dev.ember.core.expression.evaluation;

import dev.ember.core.text.DateTimeParser;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;

/**
 * Casts from and to STRING, one loop per pair. Parsing follows Spark's non-ANSI cast: text that
 * does not parse (or does not fit) gives null, never an error.
 */
final class StringCasts {
  private StringCasts() {}

  /** Collects the nulls a parse adds on top of the input's. */
  private static final class Validity {
    private final int rowCount;
    private boolean[] nulls;
    private boolean copied;

    Validity(boolean[] inputNulls, int rowCount) {
      this.nulls = inputNulls;
      this.rowCount = rowCount;
    }

    void markNull(int row) {
      if (!copied) {
        nulls = NullMasks.writable(nulls, rowCount);
        copied = true;
      }
      nulls[row] = true;
    }

    boolean[] nulls() {
      return nulls;
    }
  }

  static ColumnVector toBooleans(StringVector input, int rowCount) {
    if (DictionaryKernels.worthIt(input, rowCount)) {
      return DictionaryKernels.throughDictionary(input, rowCount, entries -> toBooleans(entries, entries.size()));
    }
    boolean[] inputNulls = input.nulls;
    boolean[] out = new boolean[rowCount];
    Validity validity = new Validity(inputNulls, rowCount);
    for (int i = 0; i < rowCount; i++) {
      if (inputNulls == null || !inputNulls[i]) {
        int parsed = NumberText.parseBoolean(input.get(i));
        if (parsed < 0) {
          validity.markNull(i);
        } else {
          out[i] = parsed == 1;
        }
      }
    }
    return new BooleanVector(ColumnType.BOOLEAN, out, validity.nulls(), rowCount);
  }

  static ColumnVector toInts(StringVector input, int rowCount) {
    if (DictionaryKernels.worthIt(input, rowCount)) {
      return DictionaryKernels.throughDictionary(input, rowCount, entries -> toInts(entries, entries.size()));
    }
    boolean[] inputNulls = input.nulls;
    int[] out = new int[rowCount];
    long[] parsed = new long[1];
    Validity validity = new Validity(inputNulls, rowCount);
    for (int i = 0; i < rowCount; i++) {
      if (inputNulls == null || !inputNulls[i]) {
        if (NumberText.parseIntegral(input.get(i), parsed)
            && parsed[0] >= Integer.MIN_VALUE && parsed[0] <= Integer.MAX_VALUE) {
          out[i] = (int) parsed[0];
        } else {
          validity.markNull(i);
        }
      }
    }
    return new IntVector(ColumnType.INT, out, validity.nulls(), rowCount);
  }

  static ColumnVector toLongs(StringVector input, int rowCount) {
    if (DictionaryKernels.worthIt(input, rowCount)) {
      return DictionaryKernels.throughDictionary(input, rowCount, entries -> toLongs(entries, entries.size()));
    }
    boolean[] inputNulls = input.nulls;
    long[] out = new long[rowCount];
    long[] parsed = new long[1];
    Validity validity = new Validity(inputNulls, rowCount);
    for (int i = 0; i < rowCount; i++) {
      if (inputNulls == null || !inputNulls[i]) {
        if (NumberText.parseIntegral(input.get(i), parsed)) {
          out[i] = parsed[0];
        } else {
          validity.markNull(i);
        }
      }
    }
    return new LongVector(ColumnType.LONG, out, validity.nulls(), rowCount);
  }

  static ColumnVector toDoubles(StringVector input, int rowCount) {
    if (DictionaryKernels.worthIt(input, rowCount)) {
      return DictionaryKernels.throughDictionary(input, rowCount, entries -> toDoubles(entries, entries.size()));
    }
    boolean[] inputNulls = input.nulls;
    double[] out = new double[rowCount];
    double[] parsed = new double[1];
    Validity validity = new Validity(inputNulls, rowCount);
    for (int i = 0; i < rowCount; i++) {
      if (inputNulls == null || !inputNulls[i]) {
        if (NumberText.parseDouble(input.get(i), parsed)) {
          out[i] = parsed[0];
        } else {
          validity.markNull(i);
        }
      }
    }
    return new DoubleVector(ColumnType.DOUBLE, out, validity.nulls(), rowCount);
  }

  static ColumnVector toDates(StringVector input, int rowCount) {
    if (DictionaryKernels.worthIt(input, rowCount)) {
      return DictionaryKernels.throughDictionary(input, rowCount, entries -> toDates(entries, entries.size()));
    }
    boolean[] inputNulls = input.nulls;
    int[] out = new int[rowCount];
    Validity validity = new Validity(inputNulls, rowCount);
    for (int i = 0; i < rowCount; i++) {
      if (inputNulls == null || !inputNulls[i]) {
        long day = DateTimeParser.parseDate(input.get(i));
        if (day == DateTimeParser.NOT_A_DATE) {
          validity.markNull(i);
        } else {
          out[i] = (int) day;
        }
      }
    }
    return new IntVector(ColumnType.DATE, out, validity.nulls(), rowCount);
  }

  static ColumnVector toTimestamps(StringVector input, int rowCount) {
    if (DictionaryKernels.worthIt(input, rowCount)) {
      return DictionaryKernels.throughDictionary(input, rowCount, entries -> toTimestamps(entries, entries.size()));
    }
    boolean[] inputNulls = input.nulls;
    long[] out = new long[rowCount];
    long[] parsed = new long[1];
    Validity validity = new Validity(inputNulls, rowCount);
    for (int i = 0; i < rowCount; i++) {
      if (inputNulls == null || !inputNulls[i]) {
        if (DateTimeParser.parseTimestamp(input.get(i), parsed)) {
          out[i] = parsed[0];
        } else {
          validity.markNull(i);
        }
      }
    }
    return new LongVector(ColumnType.TIMESTAMP, out, validity.nulls(), rowCount);
  }

  static ColumnVector fromBooleans(BooleanVector input, int rowCount) {
    boolean[] values = input.values;
    boolean[] nulls = input.nulls;
    String[] out = new String[rowCount];
    for (int i = 0; i < rowCount; i++) {
      if (nulls == null || !nulls[i]) {
        out[i] = values[i] ? "true" : "false";
      }
    }
    return new StringVector(ColumnType.STRING, out, nulls, rowCount);
  }

  /** INT as decimal digits, or DATE as yyyy-MM-dd. */
  static ColumnVector fromInts(IntVector input, int rowCount) {
    int[] values = input.values;
    boolean[] nulls = input.nulls;
    boolean dates = input.type().equals(ColumnType.DATE);
    String[] out = new String[rowCount];
    for (int i = 0; i < rowCount; i++) {
      if (nulls == null || !nulls[i]) {
        out[i] = dates ? DateTimeText.formatDate(input.get(i)) : Integer.toString(input.get(i));
      }
    }
    return new StringVector(ColumnType.STRING, out, nulls, rowCount);
  }

  /** LONG as decimal digits, or TIMESTAMP as yyyy-MM-dd HH:mm:ss[.ffffff] in UTC. */
  static ColumnVector fromLongs(LongVector input, int rowCount) {
    long[] values = input.values;
    boolean[] nulls = input.nulls;
    boolean timestamps = input.type().equals(ColumnType.TIMESTAMP);
    String[] out = new String[rowCount];
    for (int i = 0; i < rowCount; i++) {
      if (nulls == null || !nulls[i]) {
        out[i] = timestamps ? DateTimeText.formatTimestamp(input.get(i)) : Long.toString(input.get(i));
      }
    }
    return new StringVector(ColumnType.STRING, out, nulls, rowCount);
  }

  /** As Spark (Scala's Double.toString): 1.0, 1.0E10, -0.0, NaN, Infinity. */
  static ColumnVector fromDoubles(DoubleVector input, int rowCount) {
    double[] values = input.values;
    boolean[] nulls = input.nulls;
    String[] out = new String[rowCount];
    for (int i = 0; i < rowCount; i++) {
      if (nulls == null || !nulls[i]) {
        out[i] = Double.toString(input.get(i));
      }
    }
    return new StringVector(ColumnType.STRING, out, nulls, rowCount);
  }
}
