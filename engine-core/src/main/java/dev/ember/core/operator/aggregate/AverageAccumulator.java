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

/** avg(x): a DOUBLE sum and a LONG count of the non-null values (the state); null when the count is 0. */
final class AverageAccumulator implements Accumulator {
  private double[] sums = new double[0];
  private long[] counts = new long[0];

  @Override
  public void ensureGroups(int groupCount) {
    int length = Capacity.grow(counts.length, groupCount);
    if (length != counts.length) {
      sums = Arrays.copyOf(sums, length);
      counts = Arrays.copyOf(counts, length);
    }
  }

  @Override
  public void update(ColumnVector[] arguments, int[] groupIds, int rowCount) {
    ColumnVector input = arguments[0];
    boolean[] nulls = input.nulls;
    double[] sums = this.sums;
    long[] counts = this.counts;
    switch (input) {
      case IntVector vector -> {
        int[] values = vector.values;
        for (int i = 0; i < rowCount; i++) {
          if (nulls == null || !nulls[i]) {
            sums[groupIds[i]] += values[i];
            counts[groupIds[i]]++;
          }
        }
      }
      case LongVector vector -> {
        long[] values = vector.values;
        for (int i = 0; i < rowCount; i++) {
          if (nulls == null || !nulls[i]) {
            sums[groupIds[i]] += values[i];
            counts[groupIds[i]]++;
          }
        }
      }
      case DoubleVector vector -> {
        double[] values = vector.values;
        for (int i = 0; i < rowCount; i++) {
          if (nulls == null || !nulls[i]) {
            sums[groupIds[i]] += values[i];
            counts[groupIds[i]]++;
          }
        }
      }
      case BooleanVector vector -> throw wrongInput(vector);
      case StringVector vector -> throw wrongInput(vector);
      case DecimalVector vector -> throw wrongInput(vector);
    }
  }

  private static IllegalArgumentException wrongInput(ColumnVector vector) {
    return new IllegalArgumentException("avg needs a numeric argument, got a " + vector.type() + " column");
  }

  @Override
  public void merge(ColumnVector[] states, int[] groupIds, int rowCount) {
    DoubleVector partialSums = (DoubleVector) states[0];
    LongVector partialCounts = (LongVector) states[1];
    double[] sumValues = partialSums.values;
    boolean[] sumNulls = partialSums.nulls;
    long[] countValues = partialCounts.values;
    boolean[] countNulls = partialCounts.nulls;
    double[] sums = this.sums;
    long[] counts = this.counts;
    for (int i = 0; i < rowCount; i++) {
      if (sumNulls == null || !sumNulls[i]) {
        sums[groupIds[i]] += sumValues[i];
      }
      if (countNulls == null || !countNulls[i]) {
        counts[groupIds[i]] += countValues[i];
      }
    }
  }

  @Override
  public ColumnVector[] states(int from, int to) {
    int count = to - from;
    return new ColumnVector[] {
      new DoubleVector(ColumnType.DOUBLE, Arrays.copyOfRange(sums, from, to), null, count),
      new LongVector(ColumnType.LONG, Arrays.copyOfRange(counts, from, to), null, count)
    };
  }

  @Override
  public ColumnVector results(int from, int to) {
    int count = to - from;
    double[] averages = new double[count];
    boolean[] nulls = null;
    for (int i = 0; i < count; i++) {
      long groupCount = counts[from + i];
      if (groupCount == 0) {
        if (nulls == null) {
          nulls = new boolean[count];
        }
        nulls[i] = true;
      } else {
        averages[i] = sums[from + i] / groupCount;
      }
    }
    return new DoubleVector(ColumnType.DOUBLE, averages, nulls, count);
  }

  @Override
  public long retainedBytes() {
    return 16L * counts.length;
  }
}
