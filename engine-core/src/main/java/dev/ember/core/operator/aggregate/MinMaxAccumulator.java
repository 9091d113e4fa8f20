package dev.ember.core.operator.aggregate;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Int128;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.util.Arrays;

/**
 * min(x) and max(x) over every type, ignoring nulls; doubles in Spark's order (NaN above every
 * number, -0.0 equal to 0.0, the first of equal values kept). The state is the value, null while
 * the group saw no non-null value, so merging partial states is the same loop as adding rows.
 */
final class MinMaxAccumulator implements Accumulator {
  private final boolean maximum;
  private final GroupValues values;
  private boolean[] seen = new boolean[0];

  MinMaxAccumulator(ColumnType type, boolean maximum) {
    this.maximum = maximum;
    this.values = new GroupValues(type);
  }

  @Override
  public void ensureGroups(int groupCount) {
    int length = Capacity.grow(seen.length, groupCount);
    if (length != seen.length) {
      seen = Arrays.copyOf(seen, length);
      values.grow(length);
    }
  }

  @Override
  public void update(ColumnVector[] arguments, int[] groupIds, int rowCount) {
    add(arguments[0], groupIds, rowCount);
  }

  @Override
  public void merge(ColumnVector[] states, int[] groupIds, int rowCount) {
    add(states[0], groupIds, rowCount);
  }

  private void add(ColumnVector input, int[] groupIds, int rowCount) {
    if (!input.type().equals(values.type)) {
      throw new IllegalArgumentException(
          (maximum ? "max" : "min") + " of " + values.type + " got a " + input.type() + " column");
    }
    boolean[] nulls = input.nulls;
    boolean[] seen = this.seen;
    // The sign flips the comparison for max, so one loop per type serves both.
    int sign = maximum ? -1 : 1;
    switch (input) {
      case BooleanVector vector -> {
        boolean[] in = vector.values;
        boolean[] current = values.booleans;
        for (int i = 0; i < rowCount; i++) {
          if (nulls == null || !nulls[i]) {
            int group = groupIds[i];
            if (!seen[group] || sign * Boolean.compare(in[i], current[group]) < 0) {
              current[group] = in[i];
              seen[group] = true;
            }
          }
        }
      }
      case IntVector vector -> {
        int[] in = vector.values;
        int[] current = values.ints;
        for (int i = 0; i < rowCount; i++) {
          if (nulls == null || !nulls[i]) {
            int group = groupIds[i];
            if (!seen[group] || sign * Integer.compare(in[i], current[group]) < 0) {
              current[group] = in[i];
              seen[group] = true;
            }
          }
        }
      }
      case LongVector vector -> {
        long[] in = vector.values;
        long[] current = values.longs;
        for (int i = 0; i < rowCount; i++) {
          if (nulls == null || !nulls[i]) {
            int group = groupIds[i];
            if (!seen[group] || sign * Long.compare(in[i], current[group]) < 0) {
              current[group] = in[i];
              seen[group] = true;
            }
          }
        }
      }
      case DoubleVector vector -> {
        double[] in = vector.values;
        double[] current = values.doubles;
        for (int i = 0; i < rowCount; i++) {
          if (nulls == null || !nulls[i]) {
            int group = groupIds[i];
            double value = in[i];
            // value == current handles -0.0 vs 0.0; Double.compare puts NaN above everything.
            if (!seen[group] || (value != current[group] && sign * Double.compare(value, current[group]) < 0)) {
              current[group] = value;
              seen[group] = true;
            }
          }
        }
      }
      case StringVector vector -> {
        // Spark's order (UTF-8 bytes unsigned); a group's bytes are copied only when they change.
        byte[] in = vector.data();
        byte[][] current = values.strings;
        for (int i = 0; i < rowCount; i++) {
          if (nulls == null || !nulls[i]) {
            int group = groupIds[i];
            int start = vector.start(i);
            int end = vector.end(i);
            if (!seen[group]
                || sign * java.util.Arrays.compareUnsigned(in, start, end, current[group], 0, current[group].length) < 0) {
              current[group] = java.util.Arrays.copyOfRange(in, start, end);
              seen[group] = true;
            }
          }
        }
      }
      case DecimalVector vector -> {
        long[] inHigh = vector.high;
        long[] inLow = vector.low;
        long[] currentHigh = values.decimalHigh;
        long[] currentLow = values.decimalLow;
        for (int i = 0; i < rowCount; i++) {
          if (nulls == null || !nulls[i]) {
            int group = groupIds[i];
            if (!seen[group] || sign * Int128.compare(inHigh[i], inLow[i], currentHigh[group], currentLow[group]) < 0) {
              currentHigh[group] = inHigh[i];
              currentLow[group] = inLow[i];
              seen[group] = true;
            }
          }
        }
      }
    }
  }

  @Override
  public ColumnVector[] states(int from, int to) {
    return new ColumnVector[] {results(from, to)};
  }

  @Override
  public ColumnVector results(int from, int to) {
    boolean[] unseen = new boolean[to - from];
    for (int i = 0; i < unseen.length; i++) {
      unseen[i] = !seen[from + i];
    }
    return values.vector(from, to, unseen);
  }

  @Override
  public long retainedBytes() {
    return (1 + values.bytesPerGroup()) * seen.length;
  }
}
