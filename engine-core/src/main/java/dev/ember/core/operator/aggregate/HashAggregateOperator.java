package dev.ember.core.operator.aggregate;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.operator.Operator;
import dev.ember.core.operator.hash.KeyHashTable;
import dev.ember.core.plan.AggregateMode;
import dev.ember.core.types.ColumnType;
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
 * <p>All state lives in the hash table and in a few arrays per aggregate ({@code retainedBytes()}),
 * where a memory reservation hook can later be added.
 */
public final class HashAggregateOperator implements Operator {
  private final Operator child;
  private final AggregateMode mode;
  private final List<AggregateFunction> aggregates;
  private final VectorExpression[] groupings;
  /** Raw modes: each aggregate's compiled arguments. */
  private final VectorExpression[][] arguments;
  /** FINAL mode: each aggregate's first state column in the input. */
  private final int[] stateOffsets;
  private final int inputColumnsInFinalMode;
  private Accumulator[] accumulators;
  private KeyHashTable table;

  private int[] groupIds = new int[0];
  private int[] hashes = new int[0];
  private int[] allRows = new int[0];
  private boolean consumed;
  private int nextGroup;
  private int groupCount;
  private boolean closed;

  public HashAggregateOperator(
      Operator child, AggregateMode mode, List<Expression> groupings, List<AggregateFunction> aggregates) {
    this.child = Objects.requireNonNull(child, "child is null");
    this.mode = Objects.requireNonNull(mode, "mode is null");
    this.aggregates = List.copyOf(aggregates);
    this.groupings = groupings.stream().map(ExpressionCompiler::compile).toArray(VectorExpression[]::new);
    this.accumulators = new Accumulator[this.aggregates.size()];
    this.arguments = new VectorExpression[this.aggregates.size()][];
    this.stateOffsets = new int[this.aggregates.size()];
    int offset = this.groupings.length;
    for (int i = 0; i < accumulators.length; i++) {
      AggregateFunction function = this.aggregates.get(i);
      accumulators[i] = createAccumulator(function, mode);
      arguments[i] = function.arguments().stream().map(ExpressionCompiler::compile).toArray(VectorExpression[]::new);
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
    this.table = this.groupings.length == 0 ? null : new KeyHashTable(keyTypes, 1024);
    if (this.groupings.length == 0) {
      // The global group exists from the start.
      groupCount = 1;
      for (Accumulator accumulator : accumulators) {
        accumulator.ensureGroups(1);
      }
    }
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
  public Batch next() {
    if (closed) {
      return null;
    }
    if (!consumed) {
      consumeInput();
      consumed = true;
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
          int width = aggregates.get(i).stateTypes().size();
          ColumnVector[] states = new ColumnVector[width];
          for (int column = 0; column < width; column++) {
            states[column] = batch.column(stateOffsets[i] + column);
            ColumnType expected = aggregates.get(i).stateTypes().get(column);
            if (!states[column].type().equals(expected)) {
              throw new IllegalArgumentException("partial state column " + (stateOffsets[i] + column) + " of "
                  + aggregates.get(i) + " should be " + expected + ", got " + states[column].type());
            }
          }
          accumulators[i].merge(states, groupIds, rows);
        } else {
          VectorExpression[] expressions = arguments[i];
          ColumnVector[] values = new ColumnVector[expressions.length];
          for (int argument = 0; argument < expressions.length; argument++) {
            values[argument] = expressions[argument].evaluate(batch);
          }
          accumulators[i].update(values, groupIds, rows);
        }
      }
    }
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

  /** Bytes held by the hash table and the states (for a later memory-accounting hook). */
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
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    release();
    child.close();
  }
}
