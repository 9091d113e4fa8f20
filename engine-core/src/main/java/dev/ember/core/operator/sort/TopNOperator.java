package dev.ember.core.operator.sort;

import dev.ember.core.expression.SortOrder;
import dev.ember.core.memory.MemoryConsumer;
import dev.ember.core.memory.MemoryContext;
import dev.ember.core.operator.Operator;
import dev.ember.core.operator.buffer.BatchBuffer;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The first {@code limit} rows of its partition in the order of several {@link SortOrder}s: a sort
 * followed by a limit ({@code limit(sort(data))}) that holds a few times {@code limit} rows instead
 * of the whole partition (Spark's {@code TakeOrderedAndProject}, Trino's {@code TopN}).
 *
 * <p>Once {@code limit} rows are known, a row that does not sort before the last of them (the
 * threshold) cannot be in the result, so it is dropped on arrival: each input batch is compared
 * with the threshold by the sort's own comparators, over the key columns of [threshold, batch], and
 * only the rows strictly before it are kept as candidates. When the candidates reach their capacity
 * they are sorted and cut to {@code limit} rows, whose last becomes the new threshold. Ties keep
 * input order: a later row equal to the threshold comes after it in a stable sort, so dropping it
 * changes nothing, and the result is exactly a stable sort's first {@code limit} rows.
 *
 * <p>Until the first threshold is known every row is a candidate, so a batch larger than the room
 * left is split: its first rows fill the candidates, a cut sets the threshold, and the rest meet it.
 *
 * <p>Memory: at most {@code max(2 * limit, }{@value #MINIMUM_CAPACITY}{@code )} candidate rows and the rows of one batch that pass,
 * reserved from the task's execution memory; it cannot spill (the planner's fallback for large
 * limits is the spilling {@link SortOperator} and a limit). Owned by its task's thread.
 */
public final class TopNOperator implements Operator, MemoryConsumer {
  /** The largest limit served by a top-N: above it a sort that can spill, and a limit. */
  public static final int MAXIMUM_LIMIT = 10_000;
  /**
   * The fewest candidates held before a cut. Small, so that a small limit gets its threshold after
   * sorting a few hundred rows (a query's top 10 of thousands of groups then compares most rows with
   * the threshold once instead of sorting them); large enough that cuts stay rare.
   */
  static final int MINIMUM_CAPACITY = 256;

  private final Operator child;
  private final int limit;
  private final int capacity;
  private final SortKeys keys;
  private final List<ColumnType> bufferTypes;
  private final int[] outputColumns;
  private final MemoryContext memory;

  private BatchBuffer candidates;
  /** The last of the best {@code limit} rows so far (a one-row batch of the candidates' layout); null until known. */
  private Batch threshold;
  private long reserved;
  private Batch result;
  private int emitted;
  private boolean consumed;
  private boolean closed;

  public TopNOperator(Operator child, Schema schema, List<SortOrder> orders, int limit, MemoryContext memory) {
    this.child = Objects.requireNonNull(child, "child is null");
    Objects.requireNonNull(schema, "schema is null");
    this.memory = Objects.requireNonNull(memory, "memory is null");
    if (limit < 0 || limit > MAXIMUM_LIMIT) {
      throw new IllegalArgumentException("a top-N limit must be in [0, " + MAXIMUM_LIMIT + "], got " + limit);
    }
    this.limit = limit;
    this.capacity = Math.max(2 * limit, MINIMUM_CAPACITY);
    this.keys = new SortKeys(schema, List.copyOf(orders));
    this.bufferTypes = keys.bufferTypes;
    this.outputColumns = new int[schema.size()];
    Arrays.setAll(outputColumns, i -> i);
  }

  @Override
  public String name() {
    return "TopN";
  }

  @Override
  public Batch next() {
    if (closed || limit == 0) {
      return null;
    }
    if (!consumed) {
      consumeInput();
      consumed = true;
    }
    if (result == null) {
      return null;
    }
    int rows = result.rowCount();
    if (emitted >= rows) {
      result = null;
      releaseReserved();
      return null;
    }
    int count = Math.min(Batch.DEFAULT_ROWS, rows - emitted);
    Batch out = result.slice(emitted, emitted + count).selectColumns(outputColumns);
    emitted += count;
    return out;
  }

  private void consumeInput() {
    candidates = new BatchBuffer(bufferTypes, capacity);
    Batch batch;
    while ((batch = child.next()) != null) {
      if (batch.rowCount() == 0) {
        continue;
      }
      Batch withKeys = keys.withComputedKeys(batch);
      int room = capacity - candidates.rowCount();
      if (threshold == null && withKeys.rowCount() > room) {
        // No threshold yet: only the rows that fill the candidates go in whole, so the first cut
        // sorts `capacity` rows rather than a whole batch; the rest meet the threshold it sets.
        candidates.append(withKeys.slice(0, room));
        cutToLimit();
        withKeys = withKeys.slice(room, withKeys.rowCount());
      }
      if (threshold != null) {
        withKeys = rowsBeforeThreshold(withKeys);
        if (withKeys == null) {
          continue;
        }
      }
      candidates.append(withKeys);
      reserveHeld();
      if (candidates.rowCount() >= capacity) {
        cutToLimit();
      }
    }
    cutToLimit();
    result = candidates.toBatch();
    candidates = null;
  }

  /** The rows of {@code batch} that sort strictly before the threshold; null when none do. */
  private Batch rowsBeforeThreshold(Batch batch) {
    int rows = batch.rowCount();
    RowComparator[] comparators = new RowComparator[keys.keyColumns.length];
    for (int i = 0; i < comparators.length; i++) {
      int column = keys.keyColumns[i];
      // Row 0 is the threshold, row 1 + j the batch's row j.
      ColumnVector both = ColumnVector.concat(bufferTypes.get(column), List.of(threshold.column(column), batch.column(column)));
      comparators[i] = RowComparator.forKey(both, keys.ascending[i], keys.nullsFirst[i]);
    }
    int[] kept = new int[rows];
    int count = keepBefore(RowComparator.chain(comparators), rows, kept);
    if (count == 0) {
      return null;
    }
    return count == rows ? batch : batch.gather(kept, count);
  }

  /**
   * Writes to {@code kept} the batch rows {@code 0..rows-1} (rows {@code 1..rows} of the comparator's
   * columns) that compare before the threshold (their row 0), and returns how many. A method of its own: the
   * JIT compiles this loop small, instead of compiling (on stack) the whole per-batch method around it.
   */
  private static int keepBefore(RowComparator comparator, int rows, int[] kept) {
    int count = 0;
    for (int row = 0; row < rows; row++) {
      kept[count] = row;
      count += comparator.compare(row + 1, 0) < 0 ? 1 : 0;
    }
    return count;
  }

  /** Sorts the candidates and keeps the first {@code limit}; their last becomes the threshold once there are that many. */
  private void cutToLimit() {
    Batch all = candidates.toBatch();
    int rows = all.rowCount();
    int[] order = keys.sortedOrder(all);
    int keep = Math.min(limit, rows);
    Batch best = all.gather(order, keep);
    candidates = new BatchBuffer(bufferTypes, capacity);
    candidates.append(best);
    if (keep == limit) {
      threshold = best.slice(keep - 1, keep);
    }
    reserveHeld();
  }

  /** Brings the reservation to what the candidates hold (they are bounded, so a refusal is not acted on). */
  private void reserveHeld() {
    long held = candidates.retainedBytes();
    if (held > reserved) {
      reserved += memory.memory().reserve(held - reserved, this);
    } else if (held < reserved) {
      memory.memory().release(reserved - held, this);
      reserved = held;
    }
  }

  private void releaseReserved() {
    if (reserved > 0) {
      memory.memory().release(reserved, this);
      reserved = 0;
    }
  }

  /** A top-N holds a bounded number of rows and cannot spill them. */
  @Override
  public long spill(long bytes) {
    return 0;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      candidates = null;
      result = null;
      threshold = null;
      releaseReserved();
    } finally {
      child.close();
    }
  }
}
