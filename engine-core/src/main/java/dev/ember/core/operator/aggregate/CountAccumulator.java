package dev.ember.core.operator.aggregate;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.LongVector;
import java.util.Arrays;

/** count(*) (every row) and count(x, ...) (rows where no argument is null); the state is the count. */
final class CountAccumulator implements Accumulator {
  private long[] counts = new long[0];

  @Override
  public void ensureGroups(int groupCount) {
    counts = Arrays.copyOf(counts, Capacity.grow(counts.length, groupCount));
  }

  @Override
  public void update(ColumnVector[] arguments, int[] groupIds, int rowCount) {
    long[] counts = this.counts;
    boolean anyNulls = false;
    for (ColumnVector argument : arguments) {
      anyNulls |= argument.mayHaveNulls();
    }
    if (!anyNulls) {
      for (int i = 0; i < rowCount; i++) {
        counts[groupIds[i]]++;
      }
      return;
    }
    boolean[] skip = new boolean[rowCount];
    for (ColumnVector argument : arguments) {
      boolean[] nulls = argument.nulls;
      if (nulls != null) {
        for (int i = 0; i < rowCount; i++) {
          skip[i] |= nulls[i];
        }
      }
    }
    for (int i = 0; i < rowCount; i++) {
      counts[groupIds[i]] += skip[i] ? 0 : 1;
    }
  }

  @Override
  public void merge(ColumnVector[] states, int[] groupIds, int rowCount) {
    LongVector partial = (LongVector) states[0];
    long[] values = partial.values;
    boolean[] nulls = partial.nulls;
    long[] counts = this.counts;
    for (int i = 0; i < rowCount; i++) {
      if (nulls == null || !nulls[i]) {
        counts[groupIds[i]] += values[i];
      }
    }
  }

  @Override
  public ColumnVector[] states(int from, int to) {
    return new ColumnVector[] {results(from, to)};
  }

  @Override
  public ColumnVector results(int from, int to) {
    return new LongVector(ColumnType.LONG, Arrays.copyOfRange(counts, from, to), null, to - from);
  }

  @Override
  public long retainedBytes() {
    return 8L * counts.length;
  }
}
