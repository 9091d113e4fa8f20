package dev.ember.core.operator.aggregate;

import dev.ember.core.memory.MemoryContext;
import dev.ember.core.memory.SpillFile;
import dev.ember.core.operator.sort.SortedRunMerger;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.ValueComparison;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merges a hash aggregate's sorted runs ({@link AggregateRunSpiller}) into one output row per key.
 * The runs are merged by {@link SortedRunMerger} (stable: runs in spill order, so first() keeps its
 * meaning); adjacent rows with equal hash and keys get one group id and their partial states are
 * combined with the accumulators' merge. After each merged batch the groups before the last are
 * emitted; the last group may continue in the next batch, so its state is carried into fresh
 * accumulators. Owns the runs: closing it deletes them.
 */
final class AggregateRunMerger implements AutoCloseable {
  private final AggregateLayout layout;
  private final SortedRunMerger merger;
  private final int[] compareColumns;
  private final int keyCount;
  private final Schema keySchema;
  private Accumulator[] combined;
  /** The first keys of the open groups. */
  private Batch keys;
  /** The previous batch, to compare its last row with the next batch's first row. */
  private Batch previous;
  private int openGroups;
  private int[] ids = new int[Batch.DEFAULT_ROWS];
  private boolean finished;

  AggregateRunMerger(AggregateLayout layout, List<SpillFile> runs, MemoryContext memory) {
    this.layout = layout;
    this.compareColumns = layout.runSortColumns();
    boolean[] ascending = new boolean[compareColumns.length];
    Arrays.fill(ascending, true);
    this.merger = new SortedRunMerger(runs, compareColumns, ascending, ascending, memory);
    this.keyCount = layout.keyCount();
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < keyCount; i++) {
      fields.add(Field.of("key" + i, layout.keyTypes().get(i)));
    }
    this.keySchema = new Schema(fields);
    this.combined = layout.newAccumulators();
  }

  /** The next batch of output rows (see {@link AggregateLayout#output}), or null at the end. */
  Batch next() {
    while (!finished) {
      Batch merged = merger.next();
      if (merged == null) {
        finished = true;
        return openGroups == 0 ? null : emit(openGroups);
      }
      int rows = merged.rowCount();
      if (ids.length < rows) {
        ids = new int[rows];
      }
      int[] starts = new int[rows];
      int newGroups = 0;
      for (int row = 0; row < rows; row++) {
        boolean same = row == 0
            ? previous != null && sameKey(previous, previous.rowCount() - 1, merged, 0)
            : sameKey(merged, row - 1, merged, row);
        if (!same) {
          starts[newGroups++] = row;
          openGroups++;
        }
        ids[row] = openGroups - 1;
      }
      Batch startKeys = merged.gather(starts, newGroups).selectColumns(range(0, keyCount));
      keys = keys == null ? startKeys : Batch.concat(keySchema, List.of(keys, startKeys));
      int column = keyCount;
      for (int i = 0; i < combined.length; i++) {
        int width = layout.aggregates().get(i).stateTypes().size();
        ColumnVector[] states = new ColumnVector[width];
        for (int state = 0; state < width; state++) {
          states[state] = merged.column(column++);
        }
        combined[i].ensureGroups(openGroups);
        combined[i].merge(states, ids, rows);
      }
      previous = merged;
      if (openGroups > 1) {
        return emit(openGroups - 1);
      }
    }
    return null;
  }

  /** Emits groups {@code [0, count)}; a group left open moves to fresh accumulators as group 0. */
  private Batch emit(int count) {
    Batch emittedKeys = keys.slice(0, count);
    List<ColumnVector> keyColumns = new ArrayList<>();
    for (int key = 0; key < keyCount; key++) {
      keyColumns.add(emittedKeys.column(key));
    }
    Batch output = layout.output(keyColumns, combined, 0, count);
    if (count < openGroups) {
      Accumulator[] fresh = layout.newAccumulators();
      int[] zero = {0};
      for (int i = 0; i < fresh.length; i++) {
        fresh[i].ensureGroups(1);
        fresh[i].merge(combined[i].states(count, count + 1), zero, 1);
      }
      combined = fresh;
      keys = keys.slice(count, count + 1);
      openGroups = 1;
    } else {
      combined = layout.newAccumulators();
      keys = null;
      openGroups = 0;
    }
    return output;
  }

  private boolean sameKey(Batch left, int leftRow, Batch right, int rightRow) {
    for (int column : compareColumns) {
      ColumnVector a = left.column(column);
      ColumnVector b = right.column(column);
      boolean aNull = a.isNull(leftRow);
      boolean bNull = b.isNull(rightRow);
      if (aNull || bNull) {
        if (aNull != bNull) {
          return false;
        }
      } else if (ValueComparison.compare(a, leftRow, b, rightRow) != 0) {
        return false;
      }
    }
    return true;
  }

  private static int[] range(int from, int to) {
    int[] indexes = new int[to - from];
    for (int i = 0; i < indexes.length; i++) {
      indexes[i] = from + i;
    }
    return indexes;
  }

  @Override
  public void close() {
    merger.close();
  }
}
