package dev.ember.core.operator.aggregate;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.RowChunks;
import java.util.Arrays;

/** count(*) (every row) and count(x, ...) (rows where no argument is null); the state is the count. */
final class CountAccumulator implements Accumulator {
  /** Up to this many groups a batch counts in four lanes per group (see {@link #countInLanes}). */
  private static final int MAXIMUM_LANE_GROUPS = 64;

  private long[] counts = new long[0];
  /** The most groups announced by {@link #ensureGroups}: every group id of an update is below it. */
  private int groupCount;
  private int[] laneCounts = new int[0];

  @Override
  public void ensureGroups(int groupCount) {
    this.groupCount = Math.max(this.groupCount, groupCount);
    int length = Capacity.grow(counts.length, groupCount);
    if (length != counts.length) {
      counts = Arrays.copyOf(counts, length);
    }
  }

  @Override
  public void update(ColumnVector[] arguments, int[] groupIds, int rowCount) {
    long[] counts = this.counts;
    boolean anyNulls = false;
    for (ColumnVector argument : arguments) {
      anyNulls |= argument.mayHaveNulls();
    }
    if (!anyNulls) {
      if (groupCount <= MAXIMUM_LANE_GROUPS) {
        countInLanes(groupIds, rowCount);
        return;
      }
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

  /**
   * Few groups (TPC-H Q1's four): consecutive rows of one group would each wait for the previous
   * row's increment of the same count; row {@code i} counts in lane {@code i mod 4} of its group
   * instead, and the lanes fold into the counts once a batch.
   */
  private void countInLanes(int[] groupIds, int rowCount) {
    int laneSlots = groupCount << 2;
    if (laneCounts.length < laneSlots) {
      laneCounts = new int[MAXIMUM_LANE_GROUPS << 2];
    }
    int[] lanes = laneCounts;
    Arrays.fill(lanes, 0, laneSlots, 0);
    for (int from = 0; from < rowCount; from += RowChunks.ROWS) {
      countInLanes(lanes, groupIds, from, Math.min(rowCount, from + RowChunks.ROWS));
    }
    long[] counts = this.counts;
    for (int group = 0; group < groupCount; group++) {
      int first = group << 2;
      counts[group] += (long) lanes[first] + lanes[first + 1] + lanes[first + 2] + lanes[first + 3];
    }
  }

  /** Rows {@code [from, to)} into their lanes: called per chunk of rows (see {@link RowChunks}). */
  private static void countInLanes(int[] lanes, int[] groupIds, int from, int to) {
    for (int i = from; i < to; i++) {
      lanes[(groupIds[i] << 2) | (i & 3)]++;
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
