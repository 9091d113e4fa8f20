package dev.ember.core.operator.sort;

import dev.ember.core.memory.MemoryContext;
import dev.ember.core.memory.SpillFile;
import dev.ember.core.memory.SpillReader;
import dev.ember.core.memory.SpillWriter;
import dev.ember.core.operator.buffer.BatchBuilder;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.ValueComparison;
import java.util.ArrayList;
import java.util.List;

/**
 * A k-way merge of sorted spill runs into one sorted stream of batches of at most
 * {@link Batch#DEFAULT_ROWS} rows. Each run has a cursor (its current batch and row); a binary heap
 * orders the cursors by their current row's keys, ties by run index, so rows that compare equal
 * come out in run order (the merge is stable when runs are in input order). After taking the
 * smallest cursor, it keeps copying that cursor's rows while they stay below the next cursor, so
 * ordered or clustered runs move in ranges, not row by row.
 *
 * <p>More than {@link #MAX_FAN_IN} runs are first merged in groups of that many into longer runs
 * (earliest runs first, so stability holds). Each open run holds one batch in memory; those
 * buffers are not reserved. Run files are deleted as soon as they are read and on close.
 */
public final class SortedRunMerger implements AutoCloseable {
  public static final int MAX_FAN_IN = 64;

  private final int[] keyColumns;
  private final boolean[] ascending;
  private final boolean[] nullsFirst;
  private final BatchBuilder builder;
  private final Cursor[] heap;
  private int heapSize;
  private final List<Cursor> open = new ArrayList<>();
  private boolean closed;

  private static final class Cursor {
    final int index;
    final SpillReader reader;
    Batch batch;
    ColumnVector[] keys;
    int row;

    Cursor(int index, SpillReader reader) {
      this.index = index;
      this.reader = reader;
    }
  }

  /**
   * @param runs sorted runs of the same column types, in input order
   * @param keyColumns the columns the runs are sorted by, with their directions and null placement
   * @param memory for the spill metrics of intermediate merges when there are more than {@link #MAX_FAN_IN} runs
   */
  public SortedRunMerger(List<SpillFile> runs, int[] keyColumns, boolean[] ascending, boolean[] nullsFirst,
      MemoryContext memory) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("a merge needs at least one run");
    }
    this.keyColumns = keyColumns.clone();
    this.ascending = ascending.clone();
    this.nullsFirst = nullsFirst.clone();
    List<ColumnType> types = runs.get(0).types();
    List<SpillFile> pending = new ArrayList<>(runs);
    try {
      while (pending.size() > MAX_FAN_IN) {
        List<SpillFile> group = new ArrayList<>(pending.subList(0, MAX_FAN_IN));
        pending.subList(0, MAX_FAN_IN).clear();
        pending.add(0, mergeToFile(group, keyColumns, ascending, nullsFirst, memory));
      }
    } catch (RuntimeException failure) {
      pending.forEach(SpillFile::delete);
      throw failure;
    }
    this.builder = new BatchBuilder(types);
    this.heap = new Cursor[pending.size()];
    try {
      for (int i = 0; i < pending.size(); i++) {
        Cursor cursor = new Cursor(i, pending.get(i).open());
        open.add(cursor);
        if (advanceBatch(cursor)) {
          push(cursor);
        }
      }
    } catch (RuntimeException failure) {
      for (int i = open.size(); i < pending.size(); i++) {
        pending.get(i).delete();
      }
      close();
      throw failure;
    }
  }

  private static SpillFile mergeToFile(List<SpillFile> group, int[] keyColumns, boolean[] ascending,
      boolean[] nullsFirst, MemoryContext memory) {
    try (SortedRunMerger merger = new SortedRunMerger(group, keyColumns, ascending, nullsFirst, memory);
        SpillWriter writer = memory.newSpillWriter(group.get(0).types())) {
      for (Batch batch = merger.next(); batch != null; batch = merger.next()) {
        writer.write(batch);
      }
      SpillFile merged = writer.finish();
      memory.metrics().addSpill(merged.bytes());
      return merged;
    }
  }

  /** The next merged batch, or null at the end. */
  public Batch next() {
    if (closed) {
      return null;
    }
    while (heapSize > 0 && !builder.isFull()) {
      Cursor smallest = pop();
      Cursor next = heapSize > 0 ? heap[0] : null;
      int rows = smallest.batch.rowCount();
      int end = smallest.row + 1;
      int limit = Math.min(rows, smallest.row + builder.room());
      while (end < limit && (next == null || precedes(smallest, end, next))) {
        end++;
      }
      builder.appendRange(smallest.batch, 0, smallest.batch.columnCount(), smallest.row, end);
      builder.addRows(end - smallest.row);
      smallest.row = end;
      if (end < rows || advanceBatch(smallest)) {
        push(smallest);
      }
    }
    if (builder.rowCount() == 0) {
      close();
      return null;
    }
    return builder.take();
  }

  /** Loads the cursor's next non-empty batch; false (and the run is deleted) at its end. */
  private boolean advanceBatch(Cursor cursor) {
    Batch batch;
    do {
      batch = cursor.reader.next();
    } while (batch != null && batch.rowCount() == 0);
    cursor.batch = batch;
    cursor.row = 0;
    if (batch == null) {
      cursor.keys = null;
      return false;
    }
    cursor.keys = new ColumnVector[keyColumns.length];
    for (int i = 0; i < keyColumns.length; i++) {
      cursor.keys[i] = batch.column(keyColumns[i]);
    }
    return true;
  }

  /** Whether row {@code row} of {@code cursor} comes before the current row of {@code other}. */
  private boolean precedes(Cursor cursor, int row, Cursor other) {
    int order = compareKeys(cursor.keys, row, other.keys, other.row);
    return order < 0 || (order == 0 && cursor.index < other.index);
  }

  private int compareKeys(ColumnVector[] left, int leftRow, ColumnVector[] right, int rightRow) {
    for (int k = 0; k < left.length; k++) {
      int order = ValueComparison.compareForSort(left[k], leftRow, right[k], rightRow, ascending[k], nullsFirst[k]);
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  private boolean less(Cursor a, Cursor b) {
    return precedes(a, a.row, b);
  }

  private void push(Cursor cursor) {
    int position = heapSize++;
    heap[position] = cursor;
    while (position > 0) {
      int parent = (position - 1) >>> 1;
      if (!less(heap[position], heap[parent])) {
        break;
      }
      Cursor swap = heap[parent];
      heap[parent] = heap[position];
      heap[position] = swap;
      position = parent;
    }
  }

  private Cursor pop() {
    Cursor top = heap[0];
    heap[0] = heap[--heapSize];
    heap[heapSize] = null;
    int position = 0;
    while (true) {
      int left = 2 * position + 1;
      if (left >= heapSize) {
        break;
      }
      int child = left + 1 < heapSize && less(heap[left + 1], heap[left]) ? left + 1 : left;
      if (!less(heap[child], heap[position])) {
        break;
      }
      Cursor swap = heap[child];
      heap[child] = heap[position];
      heap[position] = swap;
      position = child;
    }
    return top;
  }

  /** Closes every run (deleting its file). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    for (Cursor cursor : open) {
      try {
        cursor.reader.close();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    heapSize = 0;
    if (failure != null) {
      throw failure;
    }
  }
}
