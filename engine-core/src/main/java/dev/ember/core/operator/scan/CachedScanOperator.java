package dev.ember.core.operator.scan;

import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.evaluation.RowSelector;
import dev.ember.core.expression.evaluation.Selections;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.operator.Operator;
import dev.ember.core.plan.CachedScanExec;
import dev.ember.core.storage.BlockId;
import dev.ember.core.storage.BlockManager;
import dev.ember.core.storage.CachedBatch;
import dev.ember.core.storage.CompressedColumn;
import dev.ember.core.storage.CompressedSelection;
import dev.ember.core.operator.TaskContext;
import dev.ember.core.types.Field;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.ScratchArrays;
import dev.ember.core.vector.StringVector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The running form of a {@link CachedScanExec}: the stored block when the executor has it,
 * otherwise the child's partition, computed in full, stored, then emitted. Without a block manager
 * (contexts outside an executor) it is the child itself. Emits the scan's columns only: a stored
 * block's batches are widened one at a time, only in those columns.
 */
public final class CachedScanOperator {
  private CachedScanOperator() {}

  /**
   * {@code lowest <= value <= highest} (and not null) on the scan's output column {@code column}:
   * a conjunct of the filter right above the scan, checked on the stored offsets before widening.
   */
  public record ColumnRange(int column, long lowest, long highest) {}

  /**
   * A condition on the scan's output column {@code column}, a string column, decided once per
   * dictionary entry ({@code overEntries} reads the entries as column 0; {@code keepsNull}: its
   * verdict on null): a conjunct of the filter right above the scan, checked on the stored ids.
   */
  public record EntryCondition(int column, VectorExpression overEntries, boolean keepsNull) {}

  /**
   * The keys of a hash join's build side, for the integral output column {@code column} the join
   * probes with: rows whose key is not in the set cannot match and are dropped before the other
   * columns are widened (a runtime join filter). See {@link dev.ember.core.operator.hash.KeyBitmap}.
   */
  public record KeySet(int column, long lowest, long bits, long[] words) {}

  /**
   * What a cached scan checks on stored values before widening: the conjuncts of a filter right
   * above it (ranges first, then conditions on dictionary strings), and the key sets of joins it is
   * the probe input of.
   */
  public record Prefilter(List<ColumnRange> ranges, List<EntryCondition> entryConditions, List<KeySet> keySets) {
    public Prefilter {
      ranges = List.copyOf(ranges);
      entryConditions = List.copyOf(entryConditions);
      keySets = List.copyOf(keySets);
    }

    public Prefilter(List<ColumnRange> ranges, List<EntryCondition> entryConditions) {
      this(ranges, entryConditions, List.of());
    }

    /** Nothing to check. */
    public static Prefilter none() {
      return new Prefilter(List.of(), List.of(), List.of());
    }

    public Prefilter withKeySets(List<KeySet> more) {
      List<KeySet> all = new ArrayList<>(keySets);
      all.addAll(more);
      return new Prefilter(ranges, entryConditions, all);
    }

    public boolean isEmpty() {
      return ranges.isEmpty() && entryConditions.isEmpty() && keySets.isEmpty();
    }
  }

  public static Operator create(CachedScanExec cached, int partition, TaskContext context, Supplier<Operator> child) {
    return create(cached, partition, context, child, Prefilter.none());
  }

  /**
   * What a filter condition over the scan's output lets the scan check on stored values: the ranges
   * of its conjuncts that compare an integral column with constants, and its conjuncts on one
   * dictionary string column (the row selectors' direct and per-entry forms). None for a
   * non-deterministic condition, whose conjuncts must see the rows in written order.
   */
  public static Prefilter prefilterOf(Expression condition) {
    return condition.deterministic() ? prefilterOf(Selections.compile(condition)) : Prefilter.none();
  }

  /**
   * As {@link #prefilterOf(Expression)}, from the condition compiled already (the filter above runs
   * the same selector), which must be deterministic.
   */
  public static Prefilter prefilterOf(RowSelector selector) {
    List<RowSelector> conjuncts = selector instanceof RowSelector.Conjunction conjunction ? conjunction.conjuncts() : List.of(selector);
    List<ColumnRange> ranges = new ArrayList<>();
    List<EntryCondition> entryConditions = new ArrayList<>();
    for (RowSelector conjunct : conjuncts) {
      switch (conjunct) {
        case RowSelector.IntColumnRange range -> ranges.add(new ColumnRange(range.ordinal(), range.lowest(), range.highest()));
        case RowSelector.LongColumnRange range -> ranges.add(new ColumnRange(range.ordinal(), range.lowest(), range.highest()));
        case RowSelector.IntColumnComparison comparison -> addRange(ranges, comparison.ordinal(), comparison.operator(), comparison.constant());
        case RowSelector.LongColumnComparison comparison -> addRange(ranges, comparison.ordinal(), comparison.operator(), comparison.constant());
        case RowSelector.DoubleColumnComparison comparison -> { }
        case RowSelector.NotNullColumn notNull -> { }
        case RowSelector.DictionaryCondition dictionary ->
            entryConditions.add(new EntryCondition(dictionary.ordinal(), dictionary.overEntries(), dictionary.keepsNull()));
        case RowSelector.Evaluated evaluated -> { }
        case RowSelector.Conjunction nested -> { }
      }
    }
    return new Prefilter(ranges, entryConditions);
  }

  private static void addRange(List<ColumnRange> ranges, int column, ComparisonOperator operator, long constant) {
    switch (operator) {
      case EQUAL -> ranges.add(new ColumnRange(column, constant, constant));
      case LESS_THAN -> ranges.add(constant == Long.MIN_VALUE
          ? new ColumnRange(column, 1, 0) : new ColumnRange(column, Long.MIN_VALUE, constant - 1));
      case LESS_THAN_OR_EQUAL -> ranges.add(new ColumnRange(column, Long.MIN_VALUE, constant));
      case GREATER_THAN -> ranges.add(constant == Long.MAX_VALUE
          ? new ColumnRange(column, 1, 0) : new ColumnRange(column, constant + 1, Long.MAX_VALUE));
      case GREATER_THAN_OR_EQUAL -> ranges.add(new ColumnRange(column, constant, Long.MAX_VALUE));
      case NOT_EQUAL -> { }
    }
  }

  /**
   * As {@link #create(CachedScanExec, int, TaskContext, Supplier)}; a stored block is read keeping only
   * rows inside every range of {@code prefilter} and passing its entry conditions (conjuncts of the
   * filter above, which still runs: rows they drop are rows it drops), and only those rows are widened.
   */
  public static Operator create(CachedScanExec cached, int partition, TaskContext context, Supplier<Operator> child,
      Prefilter prefilter) {
    return create(cached, partition, context, child, prefilter, false);
  }

  /**
   * As {@link #create(CachedScanExec, int, TaskContext, Supplier, Prefilter)}; with {@code
   * batchesDoneAtNext}, every operator that reads the scan's batches is done with one when it asks
   * for the next (none keeps a batch or its arrays), so stored blocks widen into the same
   * {@link ScratchArrays} batch after batch.
   */
  public static Operator create(CachedScanExec cached, int partition, TaskContext context, Supplier<Operator> child,
      Prefilter prefilter, boolean batchesDoneAtNext) {
    int[] columns = cached.columns().stream().mapToInt(Integer::intValue).toArray();
    boolean allColumns = isEveryColumn(columns, cached.blockSchema().size());
    Optional<BlockManager> manager = context.blockManager();
    if (manager.isEmpty()) {
      return allColumns ? child.get() : new ProjectedOperator(child.get(), columns);
    }
    BlockId id = new BlockId(cached.cacheId(), partition);
    Optional<List<CachedBatch>> stored = manager.get().getCached(id);
    if (stored.isPresent()) {
      context.metrics().addCachedBlockRead();
      ScratchArrays scratch = batchesDoneAtNext ? ScratchArrays.take() : null;
      return prefilter.isEmpty()
          ? new WideningOperator(stored.get(), columns, scratch)
          : new PrefilteringOperator(stored.get(), columns, prefilter, scratch);
    }
    context.metrics().addCachedBlockComputed();
    List<Batch> batches = new ArrayList<>();
    try (Operator input = child.get()) {
      for (Batch batch = input.next(); batch != null; batch = input.next()) {
        if (batch.rowCount() > 0) {
          // The cache holds the selected rows only, not the columns a filter selected them from.
          batches.add(batch.dense());
        }
      }
    }
    List<ColumnType> types = cached.blockSchema().fields().stream().map(Field::type).toList();
    manager.get().put(id, types, batches, cached.mode());
    if (allColumns) {
      return new BroadcastScanOperator(batches);
    }
    List<Batch> projected = new ArrayList<>(batches.size());
    for (Batch batch : batches) {
      projected.add(batch.selectColumns(columns));
    }
    return new BroadcastScanOperator(projected);
  }

  private static boolean isEveryColumn(int[] columns, int blockColumns) {
    if (columns.length != blockColumns) {
      return false;
    }
    for (int i = 0; i < columns.length; i++) {
      if (columns[i] != i) {
        return false;
      }
    }
    return true;
  }

  /**
   * Widens a stored block's batches one per {@link #next()}, in the scan's columns only, into
   * {@code scratch}'s arrays when it has one (null: new arrays). Owned by the task thread.
   */
  private static final class WideningOperator implements Operator {
    private final Iterator<CachedBatch> batches;
    private final int[] columns;
    private final ScratchArrays scratch;

    WideningOperator(List<CachedBatch> batches, int[] columns, ScratchArrays scratch) {
      this.batches = batches.iterator();
      this.columns = columns;
      this.scratch = scratch;
    }

    @Override
    public Batch next() {
      if (scratch != null) {
        scratch.reset(); // the batch returned before is done with
      }
      return batches.hasNext() ? batches.next().widen(columns, scratch) : null;
    }

    @Override
    public void close() {
      if (scratch != null) {
        scratch.giveBack(); // the operators above copied what they keep
      }
    }
  }

  /**
   * Widens a stored block's batches one per {@link #next()}, only their rows that pass the
   * prefilter: the ranges run on the stored offsets, the entry conditions on the stored dictionary
   * ids (decided once per entry of the batch's dictionary), the join key sets on the stored offsets
   * (bit tests, no widening; a key set that keeps nearly every row of the first {@value
   * PrefilteringOperator#KEY_SET_SAMPLE_ROWS} is dropped), then the kept rows of the scan's columns
   * are widened into a dense batch. A batch where no row passes is skipped, one where all do is
   * widened whole; the rows of batches that keep few are passed on together, a couple of thousand
   * at a time, so that the operators above do not run once per few dozen rows. A column whose
   * stored form cannot be checked keeps every row (the filter above decides). Widens into {@code
   * scratch}'s arrays when it has one (null: new arrays). Owned by the task thread.
   */
  static final class PrefilteringOperator implements Operator {
    /**
     * Rows a key set is checked on before its share of rows kept decides whether it is worth
     * checking: enough to tell 90% from 100% (a standard error under 1%), and few enough that a
     * selective range before it reaches the decision early. TPC-H Q14's month of lineitem keeps
     * ~50 rows a batch, so a task of ~250 batches never reached 16,384 and checked every row's key
     * against a part table that holds them all.
     */
    static final int KEY_SET_SAMPLE_ROWS = 2_048;
    /** A key set that keeps more than this share of the sampled rows is no longer checked. */
    static final double KEY_SET_USELESS_SHARE = 0.9;

    private final Iterator<CachedBatch> batches;
    private final int[] columns;
    private final ColumnRange[] ranges;
    private final EntryCondition[] entryConditions;
    private final KeySet[] keySets;
    /** Per key set, rows checked and rows kept so far; negative checked: no longer checked. */
    private final long[] keySetRowsChecked;
    private final long[] keySetRowsKept;
    private int[] rows = new int[0];
    private final ScratchArrays scratch;
    /**
     * A stored batch that keeps fewer rows than this, and less than a quarter of its own (TPC-H
     * Q14's month of lineitem keeps about 50 of 4,096), does not go up alone: its rows wait for the
     * next batches' (see {@link #next}).
     */
    static final int COALESCE_BELOW_ROWS = Batch.DEFAULT_ROWS / 4;
    /** Waiting rows go up once there are this many, or at the end of the scan. */
    static final int COALESCED_ROWS = Batch.DEFAULT_ROWS / 2;
    private final List<Batch> waiting = new ArrayList<>();
    private int waitingRows;

    PrefilteringOperator(List<CachedBatch> batches, int[] columns, Prefilter prefilter, ScratchArrays scratch) {
      this.scratch = scratch;
      this.batches = batches.iterator();
      this.columns = columns;
      this.ranges = prefilter.ranges().toArray(ColumnRange[]::new);
      this.entryConditions = prefilter.entryConditions().toArray(EntryCondition[]::new);
      this.keySets = prefilter.keySets().toArray(KeySet[]::new);
      this.keySetRowsChecked = new long[keySets.length];
      this.keySetRowsKept = new long[keySets.length];
    }

    /** How many key sets are still checked (a test's view). */
    int keySetsChecked() {
      int checked = 0;
      for (long rowsChecked : keySetRowsChecked) {
        checked += rowsChecked >= 0 ? 1 : 0;
      }
      return checked;
    }

    /**
     * Counts a key set's rows; after the sample, one that kept nearly every row is dropped: its bit
     * tests cost more than the few rows they spare the join, which probes every row anyway (TPC-H
     * Q14's part table holds every part key lineitem has).
     */
    private void countKeySet(int keySet, int checked, int kept) {
      keySetRowsChecked[keySet] += checked;
      keySetRowsKept[keySet] += kept;
      if (keySetRowsChecked[keySet] >= KEY_SET_SAMPLE_ROWS
          && keySetRowsKept[keySet] > KEY_SET_USELESS_SHARE * keySetRowsChecked[keySet]) {
        keySetRowsChecked[keySet] = -1;
      }
    }

    @Override
    public Batch next() {
      if (scratch != null) {
        scratch.reset(); // the batch returned before is done with
      }
      while (batches.hasNext()) {
        CachedBatch batch = batches.next();
        int count = selectRows(batch);
        if (count == 0) {
          continue;
        }
        // No row dropped (count only changes when a check ran): the batch widens whole.
        int rowCount = batch.rowCount();
        Batch kept = count == rowCount ? batch.widen(columns, scratch) : batch.widenAt(columns, rows, count, scratch);
        if (waiting.isEmpty() && (count >= COALESCE_BELOW_ROWS || 4 * count >= rowCount)) {
          return kept;
        }
        // Few rows kept (or rows after such): passed on together, so that the operators above run
        // once per thousands of rows, not once per few dozen. The pieces of one call take distinct
        // scratch arrays (no reset until the next call) and are copied once, into the batch.
        waiting.add(kept);
        waitingRows += count;
        if (waitingRows >= COALESCED_ROWS) {
          return takeWaiting();
        }
      }
      return waiting.isEmpty() ? null : takeWaiting();
    }

    /**
     * Runs the checks on the stored batch: returns how many rows pass, their positions in {@code
     * rows[0..count)} unless every row passed. Its own method, called once per stored batch, not
     * part of {@link #next()}'s loop: a selective scan turns that loop thousands of times in one
     * call, so the JIT compiles the loop while it runs (on-stack replacement), and would compile
     * every check's row loops again with it, and once more each time a query's first scan takes a
     * path the earlier ones did not (a new stored form, a first entry condition).
     */
    private int selectRows(CachedBatch batch) {
      int rowCount = batch.rowCount();
      if (rows.length < rowCount) {
        rows = new int[rowCount];
      }
      int count = rowCount;
      // The rows still in: null for every row (no check has run yet), else rows[0..count). Set,
      // not chosen per call with a condition: a scan's first batches (Q1's, one range) would
      // never take the other arm of such a condition, and the JIT compiles this method without
      // it, then throws that code away at the first scan with two checks (Q6's first run).
      int[] candidates = null;
      for (int i = 0; i < ranges.length && count > 0; i++) {
        ColumnRange range = ranges[i];
        int kept = CompressedSelection.selectInRange(batch.column(columns[range.column()]), range.lowest(), range.highest(),
            candidates, count, rows);
        if (kept >= 0) {
          count = kept;
          candidates = rows;
        }
      }
      for (int i = 0; i < entryConditions.length && count > 0; i++) {
        EntryCondition condition = entryConditions[i];
        CompressedColumn stored = batch.column(columns[condition.column()]);
        StringVector dictionary = CompressedSelection.dictionaryOf(stored);
        // Entries checked must be fewer than the rows they decide, or the filter does better.
        if (dictionary == null || dictionary.size() == 0 || dictionary.size() > count) {
          continue;
        }
        int kept = CompressedSelection.selectIds(stored, entriesKept(condition, dictionary), condition.keepsNull(),
            candidates, count, rows);
        if (kept >= 0) {
          count = kept;
          candidates = rows;
        }
      }
      for (int i = 0; i < keySets.length && count > 0; i++) {
        if (keySetRowsChecked[i] < 0) {
          continue;
        }
        KeySet keys = keySets[i];
        int kept = CompressedSelection.selectInKeySet(batch.column(columns[keys.column()]), keys.lowest(), keys.bits(),
            keys.words(), candidates, count, rows);
        if (kept >= 0) {
          countKeySet(i, count, kept);
          count = kept;
          candidates = rows;
        }
      }
      return count;
    }

    /** The waiting rows as one batch, in scan order; none wait after. */
    private Batch takeWaiting() {
      Batch taken = waiting.size() == 1 ? waiting.get(0) : concatenate(waiting);
      waiting.clear();
      waitingRows = 0;
      return taken;
    }

    /**
     * The pieces one after another. Long and int columns (integers, dates, compact decimals: most of
     * a fact table's) go into scratch arrays when the scan has scratch, as its single batches do;
     * other columns are copied into new vectors.
     */
    private Batch concatenate(List<Batch> pieces) {
      Batch first = pieces.get(0);
      ColumnVector[] concatenated = new ColumnVector[first.columnCount()];
      int rowCount = 0;
      for (Batch piece : pieces) {
        rowCount += piece.rowCount();
      }
      for (int column = 0; column < concatenated.length; column++) {
        ColumnVector firstPart = first.column(column);
        if (scratch != null && firstPart instanceof LongVector && allOfClass(pieces, column, LongVector.class)) {
          long[] values = scratch.longs(rowCount);
          boolean[] nulls = copyPieces(pieces, column, values, part -> ((LongVector) part).values, rowCount);
          concatenated[column] = new LongVector(firstPart.type(), values, nulls, rowCount);
        } else if (scratch != null && firstPart instanceof IntVector && allOfClass(pieces, column, IntVector.class)) {
          int[] values = scratch.ints(rowCount);
          boolean[] nulls = copyPieces(pieces, column, values, part -> ((IntVector) part).values, rowCount);
          concatenated[column] = new IntVector(firstPart.type(), values, nulls, rowCount);
        } else {
          List<ColumnVector> parts = new ArrayList<>(pieces.size());
          for (Batch piece : pieces) {
            parts.add(piece.column(column));
          }
          concatenated[column] = ColumnVector.concat(firstPart.type(), parts, scratch);
        }
      }
      return new Batch(concatenated, rowCount);
    }

    private static boolean allOfClass(List<Batch> pieces, int column, Class<? extends ColumnVector> type) {
      for (Batch piece : pieces) {
        if (piece.column(column).getClass() != type) {
          return false;
        }
      }
      return true;
    }

    /**
     * Copies the column's value arrays ({@code valuesOf} each piece's) one after another into {@code
     * values}; returns their null flags likewise, or null when no piece has a null.
     */
    private static boolean[] copyPieces(List<Batch> pieces, int column, Object values,
        java.util.function.Function<ColumnVector, Object> valuesOf, int rowCount) {
      boolean[] nulls = null;
      int at = 0;
      for (Batch piece : pieces) {
        ColumnVector part = piece.column(column);
        System.arraycopy(valuesOf.apply(part), 0, values, at, part.size());
        if (part.nulls != null) {
          nulls = nulls == null ? new boolean[rowCount] : nulls;
          System.arraycopy(part.nulls, 0, nulls, at, part.size());
        }
        at += part.size();
      }
      return nulls;
    }

    /** The condition's verdict on each dictionary entry: true and not null. */
    private static boolean[] entriesKept(EntryCondition condition, StringVector dictionary) {
      BooleanVector verdicts = (BooleanVector) VectorExpression.dispatch(
          condition.overEntries(), new Batch(new ColumnVector[] {dictionary}, dictionary.size()));
      boolean[] kept = new boolean[dictionary.size()];
      for (int entry = 0; entry < kept.length; entry++) {
        kept[entry] = verdicts.values[entry] && !verdicts.isNull(entry);
      }
      return kept;
    }

    @Override
    public void close() {
      if (scratch != null) {
        scratch.giveBack(); // the operators above copied what they keep
      }
    }
  }

  /** The child's batches in the scan's columns (no copy), where there is no block manager to cache in. */
  private static final class ProjectedOperator implements Operator {
    private final Operator child;
    private final int[] columns;

    ProjectedOperator(Operator child, int[] columns) {
      this.child = child;
      this.columns = columns;
    }

    @Override
    public Batch next() {
      Batch batch = child.next();
      return batch == null ? null : batch.selectColumns(columns);
    }

    @Override
    public void close() {
      child.close();
    }
  }
}
