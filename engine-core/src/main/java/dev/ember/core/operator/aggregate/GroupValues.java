package dev.ember.core.operator.aggregate;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.util.Arrays;

/**
 * One value of a column type per group id, in a primitive array of that type (min, max and first
 * keep their current value here). Accumulators read and write the array of their type directly.
 */
final class GroupValues {
  final ColumnType type;
  boolean[] booleans;
  int[] ints;
  long[] longs;
  double[] doubles;
  /** STRING: each group's UTF-8 bytes, an array of its own (groups are few next to rows). */
  byte[][] strings;
  /** Wide DECIMAL values as 128-bit unscaled high and low words; a compact DECIMAL keeps unscaled values in {@code longs}. */
  long[] decimalHigh;
  long[] decimalLow;

  GroupValues(ColumnType type) {
    this.type = type;
    switch (type.kind()) {
      case BOOLEAN -> booleans = new boolean[0];
      case INT, DATE -> ints = new int[0];
      case LONG, TIMESTAMP -> longs = new long[0];
      case DOUBLE -> doubles = new double[0];
      case STRING -> strings = new byte[0][];
      case DECIMAL -> {
        if (dev.ember.core.types.DecimalTypes.isCompact(type)) {
          longs = new long[0];
        } else {
          decimalHigh = new long[0];
          decimalLow = new long[0];
        }
      }
    }
  }

  /** Grows the arrays to at least {@code length} slots. */
  void grow(int length) {
    switch (type.kind()) {
      case BOOLEAN -> booleans = Arrays.copyOf(booleans, length);
      case INT, DATE -> ints = Arrays.copyOf(ints, length);
      case LONG, TIMESTAMP -> longs = Arrays.copyOf(longs, length);
      case DOUBLE -> doubles = Arrays.copyOf(doubles, length);
      case STRING -> strings = Arrays.copyOf(strings, length);
      case DECIMAL -> {
        if (decimalHigh == null) {
          longs = Arrays.copyOf(longs, length);
        } else {
          decimalHigh = Arrays.copyOf(decimalHigh, length);
          decimalLow = Arrays.copyOf(decimalLow, length);
        }
      }
    }
  }

  long bytesPerGroup() {
    return switch (type.kind()) {
      case BOOLEAN -> 1;
      case INT, DATE -> 4;
      case LONG, TIMESTAMP, DOUBLE, STRING -> 8;
      case DECIMAL -> decimalHigh == null ? 8 : 16;
    };
  }

  /** Groups {@code [from, to)} as a new vector; group {@code from + i} is null where {@code nulls[i]}. */
  ColumnVector vector(int from, int to, boolean[] nulls) {
    int count = to - from;
    boolean[] resultNulls = null;
    for (int i = 0; i < count; i++) {
      if (nulls[i]) {
        if (resultNulls == null) {
          resultNulls = new boolean[count];
        }
        resultNulls[i] = true;
      }
    }
    return switch (type.kind()) {
      case BOOLEAN -> new BooleanVector(type, Arrays.copyOfRange(booleans, from, to), resultNulls, count);
      case INT, DATE -> new IntVector(type, Arrays.copyOfRange(ints, from, to), resultNulls, count);
      case LONG, TIMESTAMP -> new LongVector(type, Arrays.copyOfRange(longs, from, to), resultNulls, count);
      case DOUBLE -> new DoubleVector(type, Arrays.copyOfRange(doubles, from, to), resultNulls, count);
      case STRING -> {
        dev.ember.core.vector.VectorBuilder builder = dev.ember.core.vector.VectorBuilder.forType(type, count);
        for (int i = 0; i < count; i++) {
          byte[] value = strings[from + i];
          if ((resultNulls != null && resultNulls[i]) || value == null) {
            builder.appendNull();
          } else {
            builder.appendUtf8(value, 0, value.length);
          }
        }
        yield builder.build();
      }
      case DECIMAL -> {
        if (decimalHigh == null) {
          yield new LongVector(type, Arrays.copyOfRange(longs, from, to), resultNulls, count);
        }
        yield new DecimalVector(type, Arrays.copyOfRange(decimalHigh, from, to), Arrays.copyOfRange(decimalLow, from, to),
            resultNulls, count);
      }
    };
  }
}
