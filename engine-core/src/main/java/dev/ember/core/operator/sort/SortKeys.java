package dev.ember.core.operator.sort;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a sort's keys are in the rows it buffers: a key that is a plain column reference reads the
 * input column; any other key expression is evaluated once per input batch and buffered as an extra
 * column after the input's. Shared by {@link SortOperator} and {@link TopNOperator}; the compiled
 * expressions belong to the one operator (and task thread) that made this.
 */
final class SortKeys {
  /** For each order, its column in the buffered rows (input columns first, then computed keys). */
  final int[] keyColumns;
  final boolean[] ascending;
  final boolean[] nullsFirst;
  /** The buffered rows' column types: the input's, then the computed keys'. */
  final List<ColumnType> bufferTypes;
  private final VectorExpression[] computedKeys;

  SortKeys(Schema schema, List<SortOrder> orders) {
    keyColumns = new int[orders.size()];
    ascending = new boolean[keyColumns.length];
    nullsFirst = new boolean[keyColumns.length];
    List<VectorExpression> computed = new ArrayList<>();
    for (int i = 0; i < keyColumns.length; i++) {
      SortOrder sortOrder = orders.get(i);
      ascending[i] = sortOrder.ascending();
      nullsFirst[i] = sortOrder.nullsFirst();
      if (sortOrder.child() instanceof BoundReference reference
          && reference.ordinal() < schema.size()
          && reference.type().equals(schema.type(reference.ordinal()))) {
        keyColumns[i] = reference.ordinal();
      } else {
        keyColumns[i] = schema.size() + computed.size();
        computed.add(ExpressionCompiler.compile(sortOrder.child()));
      }
    }
    computedKeys = computed.toArray(VectorExpression[]::new);
    List<ColumnType> types = new ArrayList<>(schema.types());
    for (VectorExpression key : computedKeys) {
      types.add(key.type());
    }
    bufferTypes = List.copyOf(types);
  }

  /** {@code batch} with its computed keys appended: the buffered layout (itself when every key is a column). */
  Batch withComputedKeys(Batch batch) {
    if (computedKeys.length == 0) {
      return batch;
    }
    ColumnVector[] keys = new ColumnVector[computedKeys.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = VectorExpression.dispatch(computedKeys[i], batch);
    }
    return batch.appendColumns(new Batch(keys, batch.rowCount()));
  }

  /** The key columns of {@code buffered}, a batch in the buffered layout. */
  ColumnVector[] keysOf(Batch buffered) {
    ColumnVector[] keys = new ColumnVector[keyColumns.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = buffered.column(keyColumns[i]);
    }
    return keys;
  }

  /** The stable sorted order of the rows of {@code buffered}, a batch in the buffered layout. */
  int[] sortedOrder(Batch buffered) {
    return SortedOrder.compute(keysOf(buffered), ascending, nullsFirst, buffered.rowCount());
  }
}
