package dev.ember.core.expression.evaluation;

import dev.ember.core.text.CivilCalendar;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;

/**
 * Casts between BOOLEAN, INT, LONG, DOUBLE, DATE and TIMESTAMP, one loop per pair, with Spark's
 * non-ANSI rules: narrowing wraps (LONG to INT), DOUBLE to an integer truncates toward zero with
 * NaN as 0 and saturation out of range (Java's casts do exactly that), numbers to BOOLEAN are
 * {@code != 0}, TIMESTAMP to a number is seconds (floored for integers), numbers to TIMESTAMP are
 * seconds. Except where a pair adds nulls of its own, the result shares the input's validity.
 */
final class NumericCasts {
  private static final ColumnType BOOLEAN = ColumnType.BOOLEAN;
  private static final long MICROS_PER_SECOND = CivilCalendar.MICROS_PER_SECOND;

  private NumericCasts() {}

  static ColumnVector booleansFromInts(IntVector input, int rowCount) {
    int[] values = input.values;
    boolean[] out = new boolean[rowCount];
    for (int i = 0; i < rowCount; i++) {
      out[i] = values[i] != 0;
    }
    return new BooleanVector(BOOLEAN, out, input.nulls, rowCount);
  }

  static ColumnVector booleansFromLongs(LongVector input, int rowCount) {
    long[] values = input.values;
    boolean[] out = new boolean[rowCount];
    for (int i = 0; i < rowCount; i++) {
      out[i] = values[i] != 0;
    }
    return new BooleanVector(BOOLEAN, out, input.nulls, rowCount);
  }

  /** NaN is not zero, so it casts to true (as Spark). */
  static ColumnVector booleansFromDoubles(DoubleVector input, int rowCount) {
    double[] values = input.values;
    boolean[] out = new boolean[rowCount];
    for (int i = 0; i < rowCount; i++) {
      out[i] = values[i] != 0.0;
    }
    return new BooleanVector(BOOLEAN, out, input.nulls, rowCount);
  }

  static ColumnVector intsFromBooleans(BooleanVector input, int rowCount) {
    boolean[] values = input.values;
    int[] out = new int[rowCount];
    for (int i = 0; i < rowCount; i++) {
      out[i] = values[i] ? 1 : 0;
    }
    return new IntVector(ColumnType.INT, out, input.nulls, rowCount);
  }

  static ColumnVector intsFromLongs(LongVector input, int rowCount) {
    long[] values = input.values;
    int[] out = new int[rowCount];
    for (int i = 0; i < rowCount; i++) {
      out[i] = (int) values[i];
    }
    return new IntVector(ColumnType.INT, out, input.nulls, rowCount);
  }

  static ColumnVector intsFromDoubles(DoubleVector input, int rowCount) {
    double[] values = input.values;
    int[] out = new int[rowCount];
    for (int i = 0; i < rowCount; i++) {
      out[i] = (int) values[i];
    }
    return new IntVector(ColumnType.INT, out, input.nulls, rowCount);
  }

  /** Whole seconds (floored), then wrapped to int. */
  static ColumnVector intsFromTimestamps(LongVector input, int rowCount) {
    long[] values = input.values;
    int[] out = new int[rowCount];
    for (int i = 0; i < rowCount; i++) {
      out[i] = (int) Math.floorDiv(values[i], MICROS_PER_SECOND);
    }
    return new IntVector(ColumnType.INT, out, input.nulls, rowCount);
  }

  static ColumnVector longsFromBooleans(BooleanVector input, int rowCount) {
    boolean[] values = input.values;
    long[] out = new long[rowCount];
    for (int i = 0; i < rowCount; i++) {
      out[i] = values[i] ? 1L : 0L;
    }
    return new LongVector(ColumnType.LONG, out, input.nulls, rowCount);
  }

  static ColumnVector longsFromInts(IntVector input, int rowCount) {
    int[] values = input.values;
    long[] out = new long[rowCount];
    for (int i = 0; i < rowCount; i++) {
      out[i] = values[i];
    }
    return new LongVector(ColumnType.LONG, out, input.nulls, rowCount);
  }

  static ColumnVector longsFromDoubles(DoubleVector input, int rowCount) {
    double[] values = input.values;
    long[] out = new long[rowCount];
    for (int i = 0; i < rowCount; i++) {
      out[i] = (long) values[i];
    }
    return new LongVector(ColumnType.LONG, out, input.nulls, rowCount);
  }

  static ColumnVector longsFromTimestamps(LongVector input, int rowCount) {
    long[] values = input.values;
    long[] out = new long[rowCount];
    for (int i = 0; i < rowCount; i++) {
      out[i] = Math.floorDiv(values[i], MICROS_PER_SECOND);
    }
    return new LongVector(ColumnType.LONG, out, input.nulls, rowCount);
  }

  static ColumnVector doublesFromBooleans(BooleanVector input, int rowCount) {
    boolean[] values = input.values;
    double[] out = new double[rowCount];
    for (int i = 0; i < rowCount; i++) {
      out[i] = values[i] ? 1.0 : 0.0;
    }
    return new DoubleVector(ColumnType.DOUBLE, out, input.nulls, rowCount);
  }

  static ColumnVector doublesFromInts(IntVector input, int rowCount) {
    int[] values = input.values;
    double[] out = new double[rowCount];
    for (int i = 0; i < rowCount; i++) {
      out[i] = values[i];
    }
    return new DoubleVector(ColumnType.DOUBLE, out, input.nulls, rowCount);
  }

  static ColumnVector doublesFromLongs(LongVector input, int rowCount) {
    long[] values = input.values;
    double[] out = new double[rowCount];
    for (int i = 0; i < rowCount; i++) {
      out[i] = values[i];
    }
    return new DoubleVector(ColumnType.DOUBLE, out, input.nulls, rowCount);
  }

  /** Seconds with their fraction. */
  static ColumnVector doublesFromTimestamps(LongVector input, int rowCount) {
    long[] values = input.values;
    double[] out = new double[rowCount];
    for (int i = 0; i < rowCount; i++) {
      out[i] = values[i] / (double) MICROS_PER_SECOND;
    }
    return new DoubleVector(ColumnType.DOUBLE, out, input.nulls, rowCount);
  }

  /** The UTC day of the instant (floored, so instants before 1970 land on the right day). */
  static ColumnVector datesFromTimestamps(LongVector input, int rowCount) {
    long[] values = input.values;
    int[] out = new int[rowCount];
    for (int i = 0; i < rowCount; i++) {
      out[i] = (int) Math.floorDiv(values[i], CivilCalendar.MICROS_PER_DAY);
    }
    return new IntVector(ColumnType.DATE, out, input.nulls, rowCount);
  }

  /**
   * Midnight UTC of the day. Days beyond about 292,000 years from 1970 do not fit in a long of
   * microseconds; they give null (Spark fails the query with a long overflow).
   */
  static ColumnVector timestampsFromDates(IntVector input, int rowCount) {
    int[] values = input.values;
    long[] out = new long[rowCount];
    boolean[] nulls = input.nulls;
    boolean copied = false;
    long limit = Long.MAX_VALUE / CivilCalendar.MICROS_PER_DAY;
    for (int i = 0; i < rowCount; i++) {
      long day = values[i];
      if (day > limit || day < -limit) {
        if (!copied) {
          nulls = NullMasks.writable(nulls, rowCount);
          copied = true;
        }
        nulls[i] = true;
      } else {
        out[i] = day * CivilCalendar.MICROS_PER_DAY;
      }
    }
    return new LongVector(ColumnType.TIMESTAMP, out, nulls, rowCount);
  }

  /** true is one microsecond after the epoch, as Spark's cast of a boolean to a timestamp. */
  static ColumnVector timestampsFromBooleans(BooleanVector input, int rowCount) {
    boolean[] values = input.values;
    long[] out = new long[rowCount];
    for (int i = 0; i < rowCount; i++) {
      out[i] = values[i] ? 1L : 0L;
    }
    return new LongVector(ColumnType.TIMESTAMP, out, input.nulls, rowCount);
  }

  /** Seconds to microseconds, saturating at the ends of the long range (TimeUnit's rule, as Spark). */
  static ColumnVector timestampsFromInts(IntVector input, int rowCount) {
    int[] values = input.values;
    long[] out = new long[rowCount];
    for (int i = 0; i < rowCount; i++) {
      out[i] = values[i] * MICROS_PER_SECOND;
    }
    return new LongVector(ColumnType.TIMESTAMP, out, input.nulls, rowCount);
  }

  static ColumnVector timestampsFromLongs(LongVector input, int rowCount) {
    long[] values = input.values;
    long[] out = new long[rowCount];
    long limit = Long.MAX_VALUE / MICROS_PER_SECOND;
    for (int i = 0; i < rowCount; i++) {
      long seconds = values[i];
      out[i] = seconds > limit ? Long.MAX_VALUE : seconds < -limit ? Long.MIN_VALUE : seconds * MICROS_PER_SECOND;
    }
    return new LongVector(ColumnType.TIMESTAMP, out, input.nulls, rowCount);
  }

  /** Seconds with a fraction; NaN and infinities give null, out of range saturates. */
  static ColumnVector timestampsFromDoubles(DoubleVector input, int rowCount) {
    double[] values = input.values;
    long[] out = new long[rowCount];
    boolean[] nulls = input.nulls;
    boolean copied = false;
    for (int i = 0; i < rowCount; i++) {
      double seconds = values[i];
      if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        if (!copied) {
          nulls = NullMasks.writable(nulls, rowCount);
          copied = true;
        }
        nulls[i] = true;
      } else {
        out[i] = (long) (seconds * MICROS_PER_SECOND);
      }
    }
    return new LongVector(ColumnType.TIMESTAMP, out, nulls, rowCount);
  }
}
