package dev.ember.core.operator.aggregate;

import dev.ember.core.operator.hash.KeyHashTable;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.VectorHashing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * count(DISTINCT x, ...) in COMPLETE mode: a second hash table holds the distinct (group id,
 * arguments) tuples whose arguments are all non-null; each new tuple adds one to its group's count.
 * It has no partial state (the planner shuffles by the grouping keys first).
 */
final class CountDistinctAccumulator implements Accumulator {
  private final KeyHashTable seenTuples;
  private long[] counts = new long[0];
  private int[] rows = new int[0];
  private int[] hashes = new int[0];
  private int[] tupleIds = new int[0];

  CountDistinctAccumulator(List<ColumnType> argumentTypes) {
    List<ColumnType> keyTypes = new ArrayList<>();
    keyTypes.add(ColumnType.INT);
    keyTypes.addAll(argumentTypes);
    this.seenTuples = new KeyHashTable(keyTypes, 16);
  }

  @Override
  public void ensureGroups(int groupCount) {
    counts = Arrays.copyOf(counts, Capacity.grow(counts.length, groupCount));
  }

  @Override
  public void update(ColumnVector[] arguments, int[] groupIds, int rowCount) {
    if (rows.length < rowCount) {
      rows = new int[rowCount];
      hashes = new int[rowCount];
      tupleIds = new int[rowCount];
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
    int selected = 0;
    for (int i = 0; i < rowCount; i++) {
      rows[selected] = i;
      selected += skip[i] ? 0 : 1;
    }
    ColumnVector[] keys = new ColumnVector[arguments.length + 1];
    keys[0] = new IntVector(ColumnType.INT, groupIds, null, rowCount);
    System.arraycopy(arguments, 0, keys, 1, arguments.length);
    VectorHashing.hashRows(keys, rowCount, hashes);
    int before = seenTuples.size();
    seenTuples.findOrInsert(keys, hashes, rows, selected, tupleIds);
    int after = seenTuples.size();
    // Each new tuple counts once, even when several rows of this batch brought it.
    int[] tupleGroups = ((IntVector) seenTuples.keyColumn(0)).values;
    for (int tuple = before; tuple < after; tuple++) {
      counts[tupleGroups[tuple]]++;
    }
  }

  @Override
  public void merge(ColumnVector[] states, int[] groupIds, int rowCount) {
    throw new UnsupportedOperationException("count(DISTINCT) has no partial state: run it in COMPLETE mode");
  }

  @Override
  public ColumnVector[] states(int from, int to) {
    throw new UnsupportedOperationException("count(DISTINCT) has no partial state: run it in COMPLETE mode");
  }

  @Override
  public ColumnVector results(int from, int to) {
    return new LongVector(ColumnType.LONG, Arrays.copyOfRange(counts, from, to), null, to - from);
  }

  @Override
  public long retainedBytes() {
    return 8L * counts.length + seenTuples.retainedBytes();
  }
}
