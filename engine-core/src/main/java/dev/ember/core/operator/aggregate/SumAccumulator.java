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
 * sum(x): a LONG sum that wraps on overflow for INT and LONG input (Spark's non-ANSI behaviour), a
 * DOUBLE sum for DOUBLE input; null for a group that saw no non-null value. The state is the sum
 * itself, null while nothing was added.
 */
final class SumAccumulator implements Accumulator {
  private final boolean floating;
  private long[] longSums = new long[0];
  private double[] doubleSums = new double[0];
  private boolean[] seen = new boolean[0];

  SumAccumulator(ColumnType resultType) {
    this.floating = switch (resultType.kind()) {
      case LONG -> false;
      case DOUBLE -> true;
      case BOOLEAN, INT, STRING, DATE, TIMESTAMP, DECIMAL -> throw new UnsupportedOperationException(
          "sum with result type " + resultType + " is not supported (expected bigint or double; DecimalSumAccumulator sums decimals)");
    };
  }

  @Override
  public void ensureGroups(int groupCount) {
    int length = Capacity.grow(seen.length, groupCount);
    if (length == seen.length) {
      return;
    }
    seen = Arrays.copyOf(seen, length);
    if (floating) {
      doubleSums = Arrays.copyOf(doubleSums, length);
    } else {
      longSums = Arrays.copyOf(longSums, length);
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
    boolean[] nulls = input.nulls;
    boolean[] seen = this.seen;
    switch (input) {
      case IntVector vector when !floating -> {
        int[] values = vector.values;
        long[] sums = longSums;
        for (int i = 0; i < rowCount; i++) {
          if (nulls == null || !nulls[i]) {
            int group = groupIds[i];
            sums[group] += values[i];
            seen[group] = true;
          }
        }
      }
      case LongVector vector when !floating -> {
        long[] values = vector.values;
        long[] sums = longSums;
        for (int i = 0; i < rowCount; i++) {
          if (nulls == null || !nulls[i]) {
            int group = groupIds[i];
            sums[group] += values[i];
            seen[group] = true;
          }
        }
      }
      case DoubleVector vector when floating -> {
        double[] values = vector.values;
        double[] sums = doubleSums;
        for (int i = 0; i < rowCount; i++) {
          if (nulls == null || !nulls[i]) {
            int group = groupIds[i];
            sums[group] += values[i];
            seen[group] = true;
          }
        }
      }
      case BooleanVector vector -> throw wrongInput(vector);
      case IntVector vector -> throw wrongInput(vector);
      case LongVector vector -> throw wrongInput(vector);
      case DoubleVector vector -> throw wrongInput(vector);
      case StringVector vector -> throw wrongInput(vector);
      case DecimalVector vector -> throw wrongInput(vector);
    }
  }

  private IllegalArgumentException wrongInput(ColumnVector vector) {
    return new IllegalArgumentException(
        "sum with a " + (floating ? "double" : "bigint") + " result cannot add a " + vector.type() + " column");
  }

  @Override
  public ColumnVector[] states(int from, int to) {
    return new ColumnVector[] {results(from, to)};
  }

  @Override
  public ColumnVector results(int from, int to) {
    int count = to - from;
    boolean[] nulls = null;
    for (int i = 0; i < count; i++) {
      if (!seen[from + i]) {
        if (nulls == null) {
          nulls = new boolean[count];
        }
        nulls[i] = true;
      }
    }
    return floating
        ? new DoubleVector(ColumnType.DOUBLE, Arrays.copyOfRange(doubleSums, from, to), nulls, count)
        : new LongVector(ColumnType.LONG, Arrays.copyOfRange(longSums, from, to), nulls, count);
  }

  @Override
  public long retainedBytes() {
    return 9L * seen.length;
  }
}
