package dev.ember.core.operator.aggregate;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.memory.MemoryConsumer;
import dev.ember.core.memory.MemoryContext;
import dev.ember.core.memory.MemoryLimitExceededException;
import dev.ember.core.memory.SpillFile;
import dev.ember.core.memory.SpillWriter;
import dev.ember.core.operator.Operator;
import dev.ember.core.operator.sort.SortedRunMerger;
import dev.ember.core.operator.sort.Sorting;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.ValueComparison;
import dev.ember.core.operator.hash.KeyHashTable;
import dev.ember.core.plan.AggregateMode;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.VectorHashing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Groups its whole input by key and computes aggregates per group, in one of three modes: PARTIAL
 * (raw rows in; keys + partial states out), FINAL (a PARTIAL output in; keys + results out) and
 * COMPLETE (raw rows in; keys + results out).
 *
 * <p>Per batch: the grouping keys are evaluated and hashed ({@link VectorHashing}), a
 * {@link KeyHashTable} maps each row to a dense group id, and then each aggregate updates its state
 * arrays (indexed by group id) in one loop over the batch. Output follows group ids, in batches of
 * at most {@link Batch#DEFAULT_ROWS} rows. Without grouping keys there is one global group that
 * always exists, so every mode emits exactly one row, even for empty input (a PARTIAL row of empty
 * states is harmless to FINAL: counts add 0, sums stay null, first ignores states it never saw).
 *
 * <p>Memory: after each input batch the bytes of the hash table and the state arrays
 * ({@link #retainedBytes()}) are reserved from the task's memory. When a reservation is refused (or
 * another consumer asks this one to spill), the groups are sorted by (key hash, keys) and written as
 * a sorted run of (keys, partial states, hash), and the table starts empty. At the end of the input,
 * if runs were written, the table is written as the last run, the runs are merged by
 * {@link SortedRunMerger} (stable: runs in input order, so first() keeps its meaning) and adjacent
 * rows with equal keys are combined with the accumulators' merge (the FINAL combine of partial
 * states); a batch's last group is carried into the next batch as its partial state. This works in
 * every mode. count(DISTINCT) keeps its distinct sets in memory and cannot spill: when its
 * reservation is refused it fails with a {@link MemoryLimitExceededException}. Growth is checked
 * after each batch, so the table may overshoot its reservation by one batch's growth.
 */
public final class HashAggregateOperator implements Operator, MemoryConsumer {
  private final Operator child;
  private final AggregateMode mode;
  private final List<AggregateFunction> aggregates;
  private final VectorExpression[] groupings;
  /** Raw modes: each aggregate's compiled arguments. */
  private final VectorExpression[][] arguments;
  /** FINAL mode: each aggregate's first state column in the input. */
  private final int[] stateOffsets;
  private final int inputColumnsInFinalMode;
  private final List<ColumnType> keyTypes;
  private final boolean spillable;
  /** A global aggregate without count(DISTINCT) has one group of constant size: nothing to reserve. */
  private final boolean accounted;
  private final MemoryContext memory;
  private Accumulator[] accumulators;
  private KeyHashTable table;

  private int[] groupIds = new int[0];
  private int[] hashes = new int[0];
  private int[] allRows = new int[0];
  private boolean consuming;
  private boolean consumed;
  private int nextGroup;
  private int groupCount;
  private boolean closed;
  private long reserved;
  private final List<SpillFile> runs = new ArrayList<>();
  private RunCombiner combiner;

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
    this.groupings = groupings.stream().map(ExpressionCompiler::compile).toArray(VectorExpression[]::new);
    this.arguments = new VectorExpression[this.aggregates.size()][];
    this.stateOffsets = new int[this.aggregates.size()];
    int offset = this.groupings.length;
    boolean anyDistinct = false;
    for (int i = 0; i < arguments.length; i++) {
      AggregateFunction function = this.aggregates.get(i);
      arguments[i] = function.arguments().stream().map(ExpressionCompiler::compile).toArray(VectorExpression[]::new);
      anyDistinct |= !function.hasPartialState();
      if (mode == AggregateMode.FINAL) {
        stateOffsets[i] = offset;
        offset += function.stateTypes().size();
      }
    }
    this.accumulators = newAccumulators();
    this.inputColumnsInFinalMode = offset;
    List<ColumnType> types = new ArrayList<>();
    for (VectorExpression grouping : this.groupings) {
      types.add(grouping.type());
    }
    this.keyTypes = List.copyOf(types);
    this.spillable = this.groupings.length > 0 && !anyDistinct;
    this.accounted = this.groupings.length > 0 || anyDistinct;
    this.table = this.groupings.length == 0 ? null : new KeyHashTable(keyTypes, 1024);
    if (this.groupings.length == 0) {
      // The global group exists from the start.
      groupCount = 1;
      for (Accumulator accumulator : accumulators) {
        accumulator.ensureGroups(1);
      }
    }
  }

  private Accumulator[] newAccumulators() {
    Accumulator[] created = new Accumulator[aggregates.size()];
    for (int i = 0; i < created.length; i++) {
      created[i] = createAccumulator(aggregates.get(i), mode);
    }
    return created;
  }

  private static Accumulator createAccumulator(AggregateFunction function, AggregateMode mode) {
    return switch (function.kind()) {
      case COUNT_ROWS, COUNT -> new CountAccumulator();
      case SUM -> new SumAccumulator(function.resultType());
      case AVG -> new AverageAccumulator();
      case MIN -> new MinMaxAccumulator(function.resultType(), false);
      case MAX -> new MinMaxAccumulator(function.resultType(), true);
      case FIRST -> new FirstAccumulator(function.resultType());
      case COUNT_DISTINCT -> {
        if (mode != AggregateMode.COMPLETE) {
          throw new IllegalArgumentException(
              function + " has no partial state and runs only in COMPLETE mode, not " + mode);
        }
        yield new CountDistinctAccumulator(function.arguments().stream().map(Expression::type).toList());
      }
    };
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
    if (combiner != null) {
      Batch batch = combiner.next();
      if (batch == null) {
        release();
      }
      return batch;
    }
    if (nextGroup >= groupCount) {
      release();
      return null;
    }
    int from = nextGroup;
    int to = Math.min(groupCount, from + Batch.DEFAULT_ROWS);
    nextGroup = to;
    List<ColumnVector> columns = new ArrayList<>();
    for (int key = 0; key < groupings.length; key++) {
      columns.add(table.keyColumn(key).slice(from, to));
    }
    for (Accumulator accumulator : accumulators) {
      if (mode == AggregateMode.PARTIAL) {
        columns.addAll(List.of(accumulator.states(from, to)));
      } else {
        columns.add(accumulator.results(from, to));
      }
    }
    return new Batch(columns.toArray(ColumnVector[]::new), to - from);
  }

  private void consumeInput() {
    consuming = true;
    Batch batch;
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
      assignGroups(batch, rows);
      for (int i = 0; i < accumulators.length; i++) {
        if (mode == AggregateMode.FINAL) {
          accumulators[i].merge(stateColumns(batch, i), groupIds, rows);
        } else {
          VectorExpression[] expressions = arguments[i];
          ColumnVector[] values = new ColumnVector[expressions.length];
          for (int argument = 0; argument < expressions.length; argument++) {
            values[argument] = expressions[argument].evaluate(batch);
          }
          accumulators[i].update(values, groupIds, rows);
        }
      }
      reserveGrowth();
    }
    consuming = false;
    if (!runs.isEmpty()) {
      if (groupCount > 0) {
        spillTable();
      }
      startMerge();
    }
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

  /** Fills {@code groupIds[0..rows)} and grows every accumulator to the new group count. */
  private void assignGroups(Batch batch, int rows) {
    if (groupIds.length < rows) {
      groupIds = new int[rows];
      hashes = new int[rows];
      allRows = new int[rows];
      for (int i = 0; i < rows; i++) {
        allRows[i] = i;
      }
    }
    if (groupings.length == 0) {
      Arrays.fill(groupIds, 0, rows, 0);
      return;
    }
    ColumnVector[] keys = new ColumnVector[groupings.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = groupings[i].evaluate(batch);
    }
    VectorHashing.hashRows(keys, rows, hashes);
    table.findOrInsert(keys, hashes, allRows, rows, groupIds);
    groupCount = table.size();
    for (Accumulator accumulator : accumulators) {
      accumulator.ensureGroups(groupCount);
    }
  }

  /** The run layout: keys, then each aggregate's state columns, then the key hash. */
  private List<ColumnType> runTypes() {
    List<ColumnType> types = new ArrayList<>(keyTypes);
    for (AggregateFunction function : aggregates) {
      types.addAll(function.stateTypes());
    }
    types.add(ColumnType.INT);
    return types;
  }

  /** The merge order of runs: hash first, then the keys (nulls together; equal doubles together). */
  private int[] runSortColumns() {
    int[] columns = new int[keyTypes.size() + 1];
    columns[0] = runTypes().size() - 1;
    for (int i = 0; i < keyTypes.size(); i++) {
      columns[i + 1] = i;
    }
    return columns;
  }

  /** Writes the groups sorted by (hash, keys) with their partial states as a run; starts an empty table. */
  private void spillTable() {
    int groups = groupCount;
    int[] groupHashes = new int[groups];
    for (int id = 0; id < groups; id++) {
      groupHashes[id] = table.hashOf(id);
    }
    List<ColumnVector> columns = new ArrayList<>();
    for (int key = 0; key < keyTypes.size(); key++) {
      columns.add(table.keyColumn(key));
    }
    for (Accumulator accumulator : accumulators) {
      columns.addAll(List.of(accumulator.states(0, groups)));
    }
    IntVector hashColumn = new IntVector(ColumnType.INT, groupHashes, null, groups);
    columns.add(hashColumn);
    Batch all = new Batch(columns.toArray(ColumnVector[]::new), groups);
    int[] sortColumns = runSortColumns();
    ColumnVector[] sortKeys = new ColumnVector[sortColumns.length];
    for (int i = 0; i < sortKeys.length; i++) {
      sortKeys[i] = all.column(sortColumns[i]);
    }
    boolean[] ascending = new boolean[sortKeys.length];
    Arrays.fill(ascending, true);
    int[] order = Sorting.sortedOrder(sortKeys, ascending, ascending, groups);
    try (SpillWriter writer = memory.newSpillWriter(runTypes())) {
      int[] positions = new int[Batch.DEFAULT_ROWS];
      for (int start = 0; start < groups; start += Batch.DEFAULT_ROWS) {
        int count = Math.min(Batch.DEFAULT_ROWS, groups - start);
        System.arraycopy(order, start, positions, 0, count);
        writer.write(all.gather(positions, count));
      }
      SpillFile run = writer.finish();
      runs.add(run);
      memory.metrics().addSpill(run.bytes());
    }
    table = new KeyHashTable(keyTypes, 1024);
    accumulators = newAccumulators();
    groupCount = 0;
    if (reserved > 0) {
      memory.memory().release(reserved, this);
      reserved = 0;
    }
  }

  private void startMerge() {
    int[] sortColumns = runSortColumns();
    boolean[] ascending = new boolean[sortColumns.length];
    Arrays.fill(ascending, true);
    List<SpillFile> toMerge = List.copyOf(runs);
    runs.clear();
    table = null;
    accumulators = null;
    groupCount = 0;
    combiner = new RunCombiner(new SortedRunMerger(toMerge, sortColumns, ascending, ascending, memory), sortColumns);
  }

  /** Asked by the task's memory for room: while the input is read, the groups so far go to disk. */
  @Override
  public long spill(long bytes) {
    if (!consuming || !spillable || groupCount == 0) {
      return 0;
    }
    long held = reserved;
    spillTable();
    return held;
  }

  /** Bytes held by the hash table and the states. */
  public long retainedBytes() {
    long bytes = table == null ? 0 : table.retainedBytes();
    if (accumulators != null) {
      for (Accumulator accumulator : accumulators) {
        bytes += accumulator.retainedBytes();
      }
    }
    return bytes;
  }

  private void release() {
    table = null;
    accumulators = null;
    groupCount = 0;
    nextGroup = 0;
    if (reserved > 0) {
      memory.memory().release(reserved, this);
      reserved = 0;
    }
    if (combiner != null) {
      combiner.close();
      combiner = null;
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
      child.close();
    }
  }

  /**
   * Turns the merged, sorted stream of (keys, states, hash) rows into one output row per key:
   * adjacent rows with equal hash and keys get one group id and their states are merged. After each
   * merged batch the groups before the last are emitted; the last group may continue in the next
   * batch, so its state is carried into fresh accumulators.
   */
  private final class RunCombiner implements AutoCloseable {
    private final SortedRunMerger merger;
    private final int[] compareColumns;
    private final int keyCount = keyTypes.size();
    private final Schema keySchema = new Schema(keyFields());
    private Accumulator[] combined = newAccumulators();
    private Batch keys = null;
    /** The previous batch and its last row, to compare the next batch's first row with. */
    private Batch previous;
    private int openGroups;
    private int[] ids = new int[Batch.DEFAULT_ROWS];
    private boolean finished;

    RunCombiner(SortedRunMerger merger, int[] compareColumns) {
      this.merger = merger;
      this.compareColumns = compareColumns;
    }

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
          int width = aggregates.get(i).stateTypes().size();
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

    private List<Field> keyFields() {
      List<Field> fields = new ArrayList<>();
      for (int i = 0; i < keyCount; i++) {
        fields.add(Field.of("key" + i, keyTypes.get(i)));
      }
      return fields;
    }

    /** Emits groups {@code [0, count)}; a group left open moves to fresh accumulators as group 0. */
    private Batch emit(int count) {
      List<ColumnVector> columns = new ArrayList<>();
      Batch emittedKeys = keys.slice(0, count);
      for (int key = 0; key < keyCount; key++) {
        columns.add(emittedKeys.column(key));
      }
      for (Accumulator accumulator : combined) {
        if (mode == AggregateMode.PARTIAL) {
          columns.addAll(List.of(accumulator.states(0, count)));
        } else {
          columns.add(accumulator.results(0, count));
        }
      }
      Batch output = new Batch(columns.toArray(ColumnVector[]::new), count);
      if (count < openGroups) {
        Accumulator[] fresh = newAccumulators();
        int[] zero = {0};
        for (int i = 0; i < fresh.length; i++) {
          fresh[i].ensureGroups(1);
          fresh[i].merge(combined[i].states(count, count + 1), zero, 1);
        }
        combined = fresh;
        keys = keys.slice(count, count + 1);
        openGroups = 1;
      } else {
        combined = newAccumulators();
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

    @Override
    public void close() {
      merger.close();
    }
  }

  private static int[] range(int from, int to) {
    int[] indexes = new int[to - from];
    for (int i = 0; i < indexes.length; i++) {
      indexes[i] = from + i;
    }
    return indexes;
  }
}
