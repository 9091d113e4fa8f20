package dev.ember.core.operator.sort;

import dev.ember.core.expression.SortOrder;
import dev.ember.core.memory.MemoryConsumer;
import dev.ember.core.memory.MemoryContext;
import dev.ember.core.memory.SpillFile;
import dev.ember.core.memory.SpillWriter;
import dev.ember.core.operator.Operator;
import dev.ember.core.operator.buffer.BatchBuffer;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Sorts its whole partition by several {@link SortOrder}s, stably, spilling to disk when its
 * memory reservation is refused (an external merge sort).
 *
 * <p>Input batches are buffered column-wise; a key that is a plain column reference reads the
 * buffered column, any other key expression is evaluated once per input batch and buffered as an
 * extra column. The buffer reserves execution memory as it grows (its arrays plus 24 bytes per row
 * for the sort's index arrays). In memory, an int[] of row indexes is merge-sorted with comparators
 * specialized per key type (see {@link SortedOrder}) and the rows are gathered in batches of at
 * most {@link Batch#DEFAULT_ROWS}.
 *
 * <p>When a reservation is refused, or another consumer of the task asks it to spill, the buffer
 * is sorted and written as a sorted run (a spill file) and the memory is released. At the end of
 * the input, if any run was written, the rest of the buffer becomes the last run and the runs are
 * merged by a {@link SortedRunMerger}; equal keys keep input order because runs are in input
 * order. A sort already emitting from memory can also be asked to spill: its unread rows become a
 * run that is then streamed from disk.
 */
public final class SortOperator implements Operator, MemoryConsumer {
  private enum Phase { CONSUME, IN_MEMORY, MERGE, DONE }

  /** Bytes per buffered row for the index and scratch arrays of the in-memory sort (the radix sort of longs needs 24). */
  static final long SORT_BYTES_PER_ROW = 24;

  private final Operator child;
  private final Schema schema;
  private final SortKeys keys;
  private final List<ColumnType> bufferTypes;
  private final int[] outputColumns;
  private final MemoryContext memory;

  private Phase phase = Phase.CONSUME;
  private BatchBuffer buffer;
  private long reserved;
  private final List<SpillFile> runs = new ArrayList<>();
  private Batch sorted;
  private int[] order;
  private int emitted;
  private SortedRunMerger merger;
  private boolean closed;

  /** A sort with unlimited memory (it never spills). */
  public SortOperator(Operator child, Schema schema, List<SortOrder> orders) {
    this(child, schema, orders, MemoryContext.unlimited());
  }

  public SortOperator(Operator child, Schema schema, List<SortOrder> orders, MemoryContext memory) {
    this.child = Objects.requireNonNull(child, "child is null");
    this.schema = Objects.requireNonNull(schema, "schema is null");
    this.memory = Objects.requireNonNull(memory, "memory is null");
    this.keys = new SortKeys(schema, List.copyOf(orders));
    this.bufferTypes = keys.bufferTypes;
    this.outputColumns = new int[schema.size()];
    for (int i = 0; i < outputColumns.length; i++) {
      outputColumns[i] = i;
    }
  }

  @Override
  public String name() {
    return "Sort";
  }

  @Override
  public Batch next() {
    if (closed) {
      return null;
    }
    if (phase == Phase.CONSUME) {
      consumeInput();
    }
    switch (phase) {
      case IN_MEMORY -> {
        int rows = sorted.rowCount();
        if (emitted >= rows) {
          finish();
          return null;
        }
        int count = Math.min(Batch.DEFAULT_ROWS, rows - emitted);
        int[] positions = Arrays.copyOfRange(order, emitted, emitted + count);
        emitted += count;
        return sorted.gather(positions, count).selectColumns(outputColumns);
      }
      case MERGE -> {
        Batch batch = merger.next();
        if (batch == null) {
          finish();
          return null;
        }
        return batch.selectColumns(outputColumns);
      }
      case CONSUME, DONE -> {
        return null;
      }
    }
    return null;
  }

  private void consumeInput() {
    buffer = new BatchBuffer(bufferTypes);
    Batch batch;
    while ((batch = child.next()) != null) {
      if (batch.rowCount() == 0) {
        continue;
      }
      buffer.append(keys.withComputedKeys(batch));
      long needed = buffer.retainedBytes() + SORT_BYTES_PER_ROW * buffer.rowCount() - reserved;
      if (needed > 0) {
        long granted = memory.memory().reserve(needed, this);
        reserved += granted;
        if (granted < needed) {
          spillBuffer();
        }
      }
    }
    if (runs.isEmpty()) {
      sorted = buffer.toBatch();
      order = sortedOrder(sorted);
      buffer = null;
      emitted = 0;
      phase = Phase.IN_MEMORY;
      return;
    }
    if (buffer.rowCount() > 0) {
      spillBuffer();
    }
    buffer = null;
    startMerge();
  }

  private int[] sortedOrder(Batch all) {
    return keys.sortedOrder(all);
  }

  private void startMerge() {
    List<SpillFile> toMerge = List.copyOf(runs);
    runs.clear();
    merger = new SortedRunMerger(toMerge, keys.keyColumns, keys.ascending, keys.nullsFirst, memory);
    phase = Phase.MERGE;
  }

  /** Sorts the buffer, writes it as a run, starts a new buffer and releases the memory. */
  private void spillBuffer() {
    Batch all = buffer.toBatch();
    int[] rowOrder = sortedOrder(all);
    buffer = new BatchBuffer(bufferTypes);
    writeRun(all, rowOrder, 0);
    releaseReserved();
  }

  private void writeRun(Batch all, int[] rowOrder, int from) {
    try (SpillWriter writer = memory.newSpillWriter(bufferTypes)) {
      int[] positions = new int[Batch.DEFAULT_ROWS];
      for (int start = from; start < rowOrder.length; start += Batch.DEFAULT_ROWS) {
        int count = Math.min(Batch.DEFAULT_ROWS, rowOrder.length - start);
        System.arraycopy(rowOrder, start, positions, 0, count);
        writer.write(all.gather(positions, count));
      }
      SpillFile run = writer.finish();
      runs.add(run);
      memory.metrics().addSpill(run.bytes());
    }
  }

  private void releaseReserved() {
    if (reserved > 0) {
      memory.memory().release(reserved, this);
      reserved = 0;
    }
  }

  /** Called by the task's memory when another consumer needs room: writes what this sort holds to disk. */
  @Override
  public long spill(long bytes) {
    long held = reserved;
    switch (phase) {
      case CONSUME -> {
        if (buffer == null || buffer.rowCount() == 0) {
          return 0;
        }
        spillBuffer();
      }
      case IN_MEMORY -> {
        if (emitted >= sorted.rowCount()) {
          return 0;
        }
        writeRun(sorted, order, emitted);
        sorted = null;
        order = null;
        releaseReserved();
        startMerge();
      }
      case MERGE, DONE -> {
        return 0;
      }
    }
    return held;
  }

  /** Approximate bytes held by the buffered partition (what is reserved for it). */
  public long retainedBytes() {
    return reserved;
  }

  private void finish() {
    phase = Phase.DONE;
    sorted = null;
    order = null;
    buffer = null;
    releaseReserved();
    if (merger != null) {
      merger.close();
      merger = null;
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      finish();
      runs.forEach(SpillFile::delete);
      runs.clear();
    } finally {
      child.close();
    }
  }
}
