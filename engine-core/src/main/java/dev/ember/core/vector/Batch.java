package dev.ember.core.vector;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A horizontal slice of a table: one vector per column, {@link #rowCount()} rows. Batches are
 * immutable and hold a few thousand rows ({@link #DEFAULT_ROWS}); operators consume and produce
 * them.
 *
 * <p>A batch may carry a <b>selection</b> (late materialization): its rows are then the rows at
 * {@code selection()[0..rowCount())}, in increasing order, of {@link #physicalColumn physical}
 * vectors of {@link #physicalRowCount()} rows; a filter produces such a batch instead of copying
 * every column. Every reader stays correct without knowing: {@link #column(int)} returns the
 * selected rows as a dense vector, gathered on first use and kept, so a consumer gathers only the
 * columns it reads, once. Readers on hot paths use {@link #selection()} and the physical columns
 * to skip that copy; consumers that keep batches (caches, buffers, hash builds, results) call
 * {@link #dense()} so that they hold no unselected rows.
 *
 * <p>Threads: a batch is used by one thread at a time, but may be handed to another; the dense
 * columns gathered lazily are immutable vectors (final fields), so a racing second gather is
 * wasted work, never a torn read.
 */
public final class Batch {
  /** The row count operators aim for when they build batches. */
  public static final int DEFAULT_ROWS = 4096;

  private final ColumnVector[] columns;
  private final int rowCount;
  /** The physical columns' row count; equals {@link #rowCount} when there is no selection. */
  private final int physicalRowCount;
  /** The selected physical positions (increasing, the first {@link #rowCount}), or null for all rows. */
  private final int[] selection;
  /** Dense copies of selected columns, gathered on first read; null without a selection. */
  private final ColumnVector[] denseColumns;
  /** Arrays expressions evaluated over this batch may write their results into; null: none (see {@link #withScratch}). */
  private final ScratchArrays scratch;

  public Batch(ColumnVector[] columns, int rowCount) {
    Objects.requireNonNull(columns, "columns is null");
    checkSizes(columns, rowCount);
    this.columns = columns.clone();
    this.rowCount = rowCount;
    this.physicalRowCount = rowCount;
    this.selection = null;
    this.denseColumns = null;
    this.scratch = null;
  }

  private Batch(ColumnVector[] columns, int physicalRowCount, int[] selection, int selectedCount) {
    this.columns = columns;
    this.rowCount = selectedCount;
    this.physicalRowCount = physicalRowCount;
    this.selection = selection;
    this.denseColumns = new ColumnVector[columns.length];
    this.scratch = null;
  }

  private Batch(Batch rows, ScratchArrays scratch) {
    this.columns = rows.columns;
    this.rowCount = rows.rowCount;
    this.physicalRowCount = rows.physicalRowCount;
    this.selection = rows.selection;
    this.denseColumns = rows.denseColumns; // shared: a column gathered through either is gathered once
    this.scratch = scratch;
  }

  /**
   * These rows, for an evaluation whose results are done with before {@code scratch} is reset: the
   * expressions evaluated over the returned batch may write their results into {@code scratch}'s
   * arrays instead of new ones (an aggregate's arguments, consumed before the next batch's are
   * evaluated). Batches derived from it (gathers, slices, new columns) have no scratch.
   */
  public Batch withScratch(ScratchArrays scratch) {
    return scratch == this.scratch ? this : new Batch(this, scratch);
  }

  /** The arrays results over this batch may be written into; null for a batch without ({@link #withScratch}). */
  public ScratchArrays scratch() {
    return scratch;
  }

  /**
   * A batch of the rows at {@code selection[0..count)} of {@code columns} (all of {@code
   * physicalRowCount} rows). The positions must increase strictly and lie in range; the array is
   * taken over, not copied, so the caller must not change it afterwards. Selecting every row gives
   * a plain batch.
   */
  public static Batch selected(ColumnVector[] columns, int physicalRowCount, int[] selection, int count) {
    Objects.requireNonNull(columns, "columns is null");
    Objects.requireNonNull(selection, "selection is null");
    checkSizes(columns, physicalRowCount);
    checkCount(selection, count, physicalRowCount);
    int wrong = firstOutOfOrder(selection, count, physicalRowCount);
    if (wrong >= 0) {
      throw new IllegalArgumentException("selection[" + wrong + "] = " + selection[wrong]
          + " is out of order or out of range [0, " + physicalRowCount + ") after " + (wrong == 0 ? -1 : selection[wrong - 1]));
    }
    return ofSelection(columns, physicalRowCount, selection, count);
  }

  private static void checkCount(int[] selection, int count, int physicalRowCount) {
    if (count < 0 || count > physicalRowCount || count > selection.length) {
      throw new IllegalArgumentException(
          "a selection of " + count + " rows (array of " + selection.length + ") over " + physicalRowCount + " rows");
    }
  }

  /** The index of the first position not above the one before it or not below {@code rowCount}; -1 if none. */
  private static int firstOutOfOrder(int[] positions, int count, int rowCount) {
    int previous = -1;
    for (int i = 0; i < count; i++) {
      if (positions[i] <= previous || positions[i] >= rowCount) {
        return i;
      }
      previous = positions[i];
    }
    return -1;
  }

  /** The rows at a checked selection; every row selected gives a plain batch. */
  private static Batch ofSelection(ColumnVector[] columns, int physicalRowCount, int[] selection, int count) {
    if (count == physicalRowCount) {
      return new Batch(columns, physicalRowCount);
    }
    return new Batch(columns.clone(), physicalRowCount, selection, count);
  }

  private static void checkSizes(ColumnVector[] columns, int rowCount) {
    for (int i = 0; i < columns.length; i++) {
      if (columns[i].size() != rowCount) {
        throw new IllegalArgumentException(
            "column " + i + " has " + columns[i].size() + " rows, batch has " + rowCount);
      }
    }
  }

  public static Batch of(ColumnVector... columns) {
    return new Batch(columns, columns.length == 0 ? 0 : columns[0].size());
  }

  /** A batch of no rows with the schema's column types. */
  public static Batch empty(Schema schema) {
    ColumnVector[] columns = new ColumnVector[schema.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = VectorBuilder.forType(schema.type(i), 0).build();
    }
    return new Batch(columns, 0);
  }

  /** Builds a batch from rows of internal-representation values (tests and the API edge). */
  public static Batch fromRows(Schema schema, List<? extends List<?>> rows) {
    VectorBuilder[] builders = new VectorBuilder[schema.size()];
    for (int i = 0; i < builders.length; i++) {
      builders[i] = VectorBuilder.forType(schema.type(i), rows.size());
    }
    for (List<?> row : rows) {
      if (row.size() != builders.length) {
        throw new IllegalArgumentException("row " + row + " does not have " + builders.length + " values");
      }
      for (int i = 0; i < builders.length; i++) {
        builders[i].appendObject(row.get(i));
      }
    }
    ColumnVector[] columns = new ColumnVector[builders.length];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = builders[i].build();
    }
    return new Batch(columns, rows.size());
  }

  /** The number of rows (the selected ones when there is a selection). */
  public int rowCount() {
    return rowCount;
  }

  public int columnCount() {
    return columns.length;
  }

  /** Column {@code index} as a dense vector of {@link #rowCount()} rows (gathered once when there is a selection). */
  public ColumnVector column(int index) {
    if (selection == null) {
      return columns[index];
    }
    ColumnVector dense = denseColumns[index];
    if (dense == null) {
      dense = columns[index].select(selection, rowCount);
      denseColumns[index] = dense;
    }
    return dense;
  }

  public ColumnType type(int index) {
    return columns[index].type();
  }

  /** Whether this batch carries a selection over larger physical columns. */
  public boolean hasSelection() {
    return selection != null;
  }

  /**
   * The selected physical positions, increasing, of which the first {@link #rowCount()} count; null
   * when every physical row is a row. Read-only: the array is shared.
   */
  public int[] selection() {
    return selection;
  }

  /** The row count of the {@link #physicalColumn physical columns}. */
  public int physicalRowCount() {
    return physicalRowCount;
  }

  /** Column {@code index} with every physical row, selected or not (read it through {@link #selection()}). */
  public ColumnVector physicalColumn(int index) {
    return columns[index];
  }

  /** The physical columns as a batch of all their rows, the selection dropped (for kernels cheaper over all rows). */
  public Batch physical() {
    return selection == null ? this : new Batch(columns, physicalRowCount);
  }

  /**
   * New physical columns (of {@link #physicalRowCount()} rows) under this batch's selection: a
   * projection computed over all physical rows keeps the rows selected without copying.
   */
  public Batch withPhysicalColumns(ColumnVector[] physicalColumns) {
    Objects.requireNonNull(physicalColumns, "physicalColumns is null");
    checkSizes(physicalColumns, physicalRowCount);
    if (selection == null) {
      return new Batch(physicalColumns, physicalRowCount);
    }
    return new Batch(physicalColumns.clone(), physicalRowCount, selection, rowCount);
  }

  /** This batch without a selection: the selected rows gathered into dense columns (itself when it has none). */
  public Batch dense() {
    if (selection == null) {
      return this;
    }
    ColumnVector[] dense = new ColumnVector[columns.length];
    for (int i = 0; i < dense.length; i++) {
      dense[i] = column(i);
    }
    return new Batch(dense, rowCount);
  }

  /**
   * The same physical columns with {@code positions[0..count)}, positions of this batch's rows,
   * as the selection: a filter over this batch composes its selection with this one here.
   */
  public Batch select(int[] positions, int count) {
    if (selection == null) {
      return selected(columns, physicalRowCount, positions, count);
    }
    int[] composed = new int[count];
    for (int i = 0; i < count; i++) {
      composed[i] = selection[positions[i]];
    }
    return selected(columns, physicalRowCount, composed, count);
  }

  /**
   * As {@link #select}, for positions that are increasing and inside this batch by construction, as a
   * filter's {@code RowSelector} writes them: not checked again row by row (a loop a small query
   * would run interpreted on every batch of a young JVM), except when assertions are on.
   */
  public Batch selectIncreasing(int[] positions, int count) {
    if (selection != null) {
      return select(positions, count);
    }
    checkCount(positions, count, physicalRowCount);
    assert firstOutOfOrder(positions, count, physicalRowCount) < 0 : "positions out of order or out of range";
    return ofSelection(columns, physicalRowCount, positions, count);
  }

  /** The rows at {@code positions[0..count)}; -1 gives a row of nulls. A selection is composed in, so the rows are copied once. */
  public Batch gather(int[] positions, int count) {
    int[] physicalPositions = positions;
    if (selection != null) {
      physicalPositions = new int[count];
      for (int i = 0; i < count; i++) {
        int position = positions[i];
        physicalPositions[i] = position < 0 ? -1 : selection[position];
      }
    }
    ColumnVector[] gathered = new ColumnVector[columns.length];
    for (int i = 0; i < columns.length; i++) {
      gathered[i] = columns[i].gather(physicalPositions, count);
    }
    return new Batch(gathered, count);
  }

  /** Rows {@code [from, to)}; with a selection, the same physical columns and a part of the selection (no copy of values). */
  public Batch slice(int from, int to) {
    Objects.checkFromToIndex(from, to, rowCount);
    if (selection != null) {
      return selected(columns, physicalRowCount, Arrays.copyOfRange(selection, from, to), to - from);
    }
    if (from == 0 && to == rowCount) {
      return this;
    }
    ColumnVector[] sliced = new ColumnVector[columns.length];
    for (int i = 0; i < columns.length; i++) {
      sliced[i] = columns[i].slice(from, to);
    }
    return new Batch(sliced, to - from);
  }

  /** The columns at these indexes, without copying (a selection is kept). */
  public Batch selectColumns(int... indexes) {
    ColumnVector[] selected = new ColumnVector[indexes.length];
    for (int i = 0; i < indexes.length; i++) {
      selected[i] = columns[indexes[i]];
    }
    if (selection == null) {
      return new Batch(selected, rowCount);
    }
    Batch result = new Batch(selected, physicalRowCount, selection, rowCount);
    for (int i = 0; i < indexes.length; i++) {
      result.denseColumns[i] = denseColumns[indexes[i]];
    }
    return result;
  }

  /**
   * This batch's columns followed by the other's; both must have the same row count. Two batches
   * over one selection array keep it; otherwise the result is dense.
   */
  public Batch appendColumns(Batch other) {
    if (other.rowCount != rowCount) {
      throw new IllegalArgumentException("cannot append " + other.rowCount + " rows to " + rowCount);
    }
    if (selection != null && selection == other.selection && physicalRowCount == other.physicalRowCount) {
      ColumnVector[] all = new ColumnVector[columns.length + other.columns.length];
      System.arraycopy(columns, 0, all, 0, columns.length);
      System.arraycopy(other.columns, 0, all, columns.length, other.columns.length);
      return new Batch(all, physicalRowCount, selection, rowCount);
    }
    Batch left = dense();
    Batch right = other.dense();
    ColumnVector[] all = new ColumnVector[left.columns.length + right.columns.length];
    System.arraycopy(left.columns, 0, all, 0, left.columns.length);
    System.arraycopy(right.columns, 0, all, left.columns.length, right.columns.length);
    return new Batch(all, rowCount);
  }

  /** The batches one after another; all must have the same column types. */
  public static Batch concat(Schema schema, List<Batch> batches) {
    ColumnVector[] columns = new ColumnVector[schema.size()];
    int rows = 0;
    for (Batch batch : batches) {
      rows += batch.rowCount;
    }
    for (int i = 0; i < columns.length; i++) {
      List<ColumnVector> parts = new ArrayList<>(batches.size());
      for (Batch batch : batches) {
        parts.add(batch.column(i));
      }
      columns[i] = ColumnVector.concat(schema.type(i), parts);
    }
    return new Batch(columns, rows);
  }

  /** Row {@code row} as internal-representation values (tests and the API edge). */
  public List<Object> row(int row) {
    List<Object> values = new ArrayList<>(columns.length);
    for (int i = 0; i < columns.length; i++) {
      values.add(column(i).getObject(row));
    }
    return values;
  }

  /** All rows as internal-representation values (tests and the API edge). */
  public List<List<Object>> rows() {
    List<List<Object>> rows = new ArrayList<>(rowCount);
    for (int i = 0; i < rowCount; i++) {
      rows.add(row(i));
    }
    return rows;
  }

  @Override
  public String toString() {
    return "Batch[" + rowCount + " rows x " + columns.length + " columns"
        + (selection == null ? "" : ", selected from " + physicalRowCount) + "]";
  }
}
