package dev.ember.core.operator.aggregate;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.memory.MemoryConsumer;
import dev.ember.core.memory.MemoryContext;
import dev.ember.core.memory.MemoryLimitExceededException;
import dev.ember.core.memory.SpillFile;
import dev.ember.core.operator.Operator;
import dev.ember.core.plan.AggregateMode;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.RowPositions;
import dev.ember.core.vector.ScratchArrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Groups its whole input by key and computes aggregates per group, in one of three modes: PARTIAL
 * (raw rows in; keys + partial states out), FINAL (a PARTIAL output in; keys + results out) and
 * COMPLETE (raw rows in; keys + results out).
 *
 * <p>This class orchestrates three parts, each with one role: the {@link AggregateHashTable}
 * (groups by key, with their aggregate states), the {@link AggregateRunSpiller} (a table's groups
 * written as a sorted run) and the {@link AggregateRunMerger} (sorted runs merged into one row per
 * key). Per batch: the grouping keys are evaluated, the table maps each row to a dense group id, and
 * then each aggregate updates its state arrays (indexed by group id) in one loop over the batch.
 * Output follows group ids, in batches of at most {@link Batch#DEFAULT_ROWS} rows. Without grouping keys there is one global group that
 * always exists, so every mode emits exactly one row, even for empty input (a PARTIAL row of empty
 * states is harmless to FINAL: counts add 0, sums stay null, first ignores states it never saw).
 *
 * <p>A PARTIAL aggregate that does not reduce (after {@value #PASS_THROUGH_AFTER_ROWS} input rows
 * its groups are more than {@value #PASS_THROUGH_GROUP_FRACTION} of them: keys nearly unique, as
 * TPC-H Q10's customers after their orders' revenue) stops grouping, as Trino's adaptive partial
 * aggregation does: it emits its groups, then every further input row as the partial state of a
 * group of its own, without hashing or copying keys into a table. The FINAL aggregate combines the
 * rows of one key wherever they come from, so the result is the same; when the rest of the input
 * is like its start, the exchange between them carries about a tenth more rows than grouping would.
 *
 * <p>Memory: after each input batch the bytes of the hash table and the state arrays
 * ({@link #retainedBytes()}) are reserved from the task's memory. When a reservation is refused (or
 * another consumer asks this one to spill), the groups are sorted by (key hash, keys) and written as
 * a sorted run of (keys, partial states, hash), and the table starts empty. At the end of the input,
 * if runs were written, the table is written as the last run and the runs are merged, combining the
 * rows of one key with the accumulators' merge (the FINAL combine of partial states). This works in
 * every mode. count(DISTINCT) keeps its distinct sets in memory and cannot spill: when its
 * reservation is refused it fails with a {@link MemoryLimitExceededException}. Growth is checked
 * after each batch, so the table may overshoot its reservation by one batch's growth.
 */
public final class HashAggregateOperator implements Operator, MemoryConsumer {
  private final Operator child;
  private final AggregateMode mode;
  private final AggregateLayout layout;
  private final List<AggregateFunction> aggregates;
  private final VectorExpression[] groupings;
  /** Raw modes: the aggregates' compiled arguments, a subexpression they repeat computed once a batch. */
  private final SharedArguments arguments;
  /** Arrays the arguments of one batch are evaluated into (Q1's decimal products), reused batch after batch. */
  private final ScratchArrays argumentScratch = ScratchArrays.take();
  /** FINAL mode: each aggregate's first state column in the input. */
  private final int[] stateOffsets;
  private final int inputColumnsInFinalMode;
  private final boolean spillable;
  /** A global aggregate without count(DISTINCT) has one group of constant size: nothing to reserve. */
  private final boolean accounted;
  private final MemoryContext memory;
  private final AggregateRunSpiller spiller;
  private AggregateHashTable table;

  private boolean consuming;
  private boolean consumed;
  private int nextGroup;
  private boolean closed;
  private long reserved;
  private final List<SpillFile> runs = new ArrayList<>();
  private AggregateRunMerger merger;
  /** PARTIAL with grouping keys: may stop grouping when it does not reduce. */
  private final boolean mayPassThrough;
  /** Stopped grouping: after the table's groups, each input row goes out as its own group. */
  private boolean passingThrough;
  private long rowsRead;
  /** All zeros: a global aggregate's group ids, never written after allocation. */
  private int[] globalGroupIds = new int[0];
  /** Row i in group i: a passed-through batch's group ids. */
  private int[] identity = new int[0];

  /** PARTIAL mode: input rows read before deciding whether grouping reduces them. */
  static final int PASS_THROUGH_AFTER_ROWS = 8_192;
  /** PARTIAL mode: groups above this fraction of the rows read stop the grouping. */
  static final double PASS_THROUGH_GROUP_FRACTION = 0.9;

  /** An aggregate with unlimited memory (it never spills). */
  public HashAggregateOperator(
      Operator child, AggregateMode mode, List<Expression> groupings, List<AggregateFunction> aggregates) {
    this(child, mode, groupings, aggregates, MemoryContext.unlimited());
  }

  public HashAggregateOperator(Operator child, AggregateMode mode, List<Expression> groupings,
      List<AggregateFunction> aggregates, MemoryContext memory) {
    this.child = Objects.requireNonNull(child, "child is null");
    this.mode = Objects.requireNonNull(mode, "mode is null");
    this.memory = Objects.requireNonNull(memory, "memory is null");
    this.aggregates = List.copyOf(aggregates);
    // A loop, not a stream: operators are built for every task, interpreted in a young JVM.
    this.groupings = new VectorExpression[groupings.size()];
    for (int i = 0; i < this.groupings.length; i++) {
      this.groupings[i] = ExpressionCompiler.compile(groupings.get(i));
    }
    this.arguments = mode == AggregateMode.FINAL ? null : SharedArguments.compile(this.aggregates);
    this.stateOffsets = new int[this.aggregates.size()];
    int offset = this.groupings.length;
    boolean anyDistinct = false;
    for (int i = 0; i < stateOffsets.length; i++) {
      AggregateFunction function = this.aggregates.get(i);
      anyDistinct |= !function.hasPartialState();
      if (mode == AggregateMode.FINAL) {
        stateOffsets[i] = offset;
        offset += function.stateTypes().size();
      }
    }
    this.inputColumnsInFinalMode = offset;
    List<ColumnType> keyTypes = new ArrayList<>();
    for (VectorExpression grouping : this.groupings) {
      keyTypes.add(grouping.type());
    }
    this.layout = new AggregateLayout(mode, keyTypes, this.aggregates);
    this.spillable = this.groupings.length > 0 && !anyDistinct;
    this.accounted = this.groupings.length > 0 || anyDistinct;
    this.table = new AggregateHashTable(layout);
    this.spiller = new AggregateRunSpiller(layout, memory);
    this.mayPassThrough = mode == AggregateMode.PARTIAL && this.groupings.length > 0;
  }

  @Override
  public String name() {
    return "HashAggregate";
  }

  @Override
  public Batch next() {
    if (closed) {
      return null;
    }
    if (!consumed) {
      consumeInput();
      consumed = true;
    }
    if (merger != null) {
      Batch batch = merger.next();
      if (batch == null) {
        release();
      }
      return batch;
    }
    if (table != null && nextGroup < table.groupCount()) {
      int from = nextGroup;
      int to = Math.min(table.groupCount(), from + Batch.DEFAULT_ROWS);
      nextGroup = to;
      return table.output(from, to);
    }
    if (passingThrough) {
      release(); // the table's groups are out: its memory goes back before the rest streams through
      Batch passed = passThrough();
      if (passed != null) {
        return passed;
      }
      passingThrough = false;
    }
    release();
    return null;
  }

  /** Whether grouping the rows read so far kept nearly every row: then the rest passes through ungrouped. */
  private boolean groupingDoesNotReduce() {
    return mayPassThrough && runs.isEmpty() && rowsRead >= PASS_THROUGH_AFTER_ROWS
        && table.groupCount() > PASS_THROUGH_GROUP_FRACTION * rowsRead;
  }

  /**
   * The next input batch as partial states, row i the only row of group i: its keys copied (the
   * exchange keeps the batch, and the input may reuse its arrays for the next one), fresh
   * accumulators updated with group ids 0, 1, 2, ...; null at the end of the input.
   */
  private Batch passThrough() {
    Batch batch;
    while ((batch = child.next()) != null) {
      int rows = batch.rowCount();
      if (rows == 0) {
        continue;
      }
      if (identity.length < rows) {
        identity = RowPositions.identity(rows);
      }
      List<ColumnVector> keys = new ArrayList<>(groupings.length);
      for (VectorExpression grouping : groupings) {
        keys.add(VectorExpression.dispatch(grouping, batch).gather(identity, rows));
      }
      argumentScratch.reset();
      ColumnVector[][] values = arguments.evaluate(batch, argumentScratch);
      Accumulator[] accumulators = layout.newAccumulators();
      for (int i = 0; i < accumulators.length; i++) {
        accumulators[i].ensureGroups(rows);
        accumulators[i].update(values[i], identity, rows);
      }
      return layout.output(keys, accumulators, 0, rows);
    }
    return null;
  }

  private void consumeInput() {
    consuming = true;
    Batch batch;
    ColumnVector[] keys = new ColumnVector[groupings.length];
    while ((batch = child.next()) != null) {
      int rows = batch.rowCount();
      if (rows == 0) {
        continue;
      }
      if (mode == AggregateMode.FINAL && batch.columnCount() != inputColumnsInFinalMode) {
        throw new IllegalArgumentException("a FINAL aggregate of " + groupings.length + " grouping columns and "
            + aggregates + " expects " + inputColumnsInFinalMode + " input columns (keys, then partial states), got "
            + batch.columnCount());
      }
      for (int i = 0; i < keys.length; i++) {
        keys[i] = VectorExpression.dispatch(groupings[i], batch);
      }
      // A global aggregate's rows are all in group 0: it skips the keyed grouping, whose compiled
      // code the JIT would otherwise throw away and compile again when the first global aggregate
      // after keyed ones reached its global branch (TPC-H Q6 after Q1-Q5).
      int[] groupIds = groupings.length == 0 ? globalGroupIds(rows) : table.assignGroups(keys, rows);
      // The arguments' values are folded into the states before the next batch's are evaluated.
      argumentScratch.reset();
      ColumnVector[][] values = mode == AggregateMode.FINAL ? null : arguments.evaluate(batch, argumentScratch);
      for (int i = 0; i < aggregates.size(); i++) {
        if (mode == AggregateMode.FINAL) {
          table.merge(i, stateColumns(batch, i), groupIds, rows);
        } else {
          table.update(i, values[i], groupIds, rows);
        }
      }
      reserveGrowth();
      rowsRead += rows;
      if (groupingDoesNotReduce()) {
        passingThrough = true;
        break;
      }
    }
    consuming = false;
    if (!runs.isEmpty()) {
      if (table.groupCount() > 0) {
        spillTable();
      }
      List<SpillFile> toMerge = List.copyOf(runs);
      runs.clear();
      table = null;
      merger = new AggregateRunMerger(layout, toMerge, memory);
    }
  }

  /** Group 0 for each of {@code rows} rows (the array only grows, so its values stay 0). */
  private int[] globalGroupIds(int rows) {
    if (globalGroupIds.length < rows) {
      globalGroupIds = new int[rows];
    }
    return globalGroupIds;
  }

  private ColumnVector[] stateColumns(Batch batch, int aggregate) {
    int width = aggregates.get(aggregate).stateTypes().size();
    ColumnVector[] states = new ColumnVector[width];
    for (int column = 0; column < width; column++) {
      states[column] = batch.column(stateOffsets[aggregate] + column);
      ColumnType expected = aggregates.get(aggregate).stateTypes().get(column);
      if (!states[column].type().equals(expected)) {
        throw new IllegalArgumentException("partial state column " + (stateOffsets[aggregate] + column) + " of "
            + aggregates.get(aggregate) + " should be " + expected + ", got " + states[column].type());
      }
    }
    return states;
  }

  /** Reserves what the table and states grew by; spills them when refused. */
  private void reserveGrowth() {
    if (!accounted) {
      return;
    }
    long needed = retainedBytes() - reserved;
    if (needed <= 0) {
      return;
    }
    long granted = memory.memory().reserve(needed, this);
    reserved += granted;
    if (granted >= needed) {
      return;
    }
    if (!spillable) {
      throw new MemoryLimitExceededException("the " + mode + " aggregate " + aggregates + " needs " + retainedBytes()
          + " bytes of execution memory but got " + reserved + ": "
          + (groupings.length == 0 ? "its single global group" : "count(DISTINCT)")
          + " cannot spill to disk; raise ember.executor.memory or use more shuffle partitions");
    }
    spillTable();
  }

  /** Writes the groups as a sorted run, starts an empty table and gives back the table's memory. */
  private void spillTable() {
    runs.add(spiller.spill(table.runRows()));
    table = new AggregateHashTable(layout);
    releaseReservation();
  }

  /** Asked by the task's memory for room: while the input is read, the groups so far go to disk. */
  @Override
  public long spill(long bytes) {
    if (!consuming || !spillable || table.groupCount() == 0) {
      return 0;
    }
    long held = reserved;
    spillTable();
    return held;
  }

  /** Bytes held by the hash table and the states. */
  public long retainedBytes() {
    return table == null ? 0 : table.retainedBytes();
  }

  private void releaseReservation() {
    if (reserved > 0) {
      memory.memory().release(reserved, this);
      reserved = 0;
    }
  }

  private void release() {
    table = null;
    nextGroup = 0;
    releaseReservation();
    if (merger != null) {
      merger.close();
      merger = null;
    }
    runs.forEach(SpillFile::delete);
    runs.clear();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      release();
    } finally {
      // The accumulators copied what they keep of the evaluated arguments.
      argumentScratch.giveBack();
      child.close();
    }
  }
}
