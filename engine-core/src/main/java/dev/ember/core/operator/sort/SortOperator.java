package dev.ember.core.operator.sort;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.operator.Operator;
import dev.ember.core.operator.buffer.BatchBuffer;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Sorts its whole partition by several {@link SortOrder}s, stably. Input batches are buffered
 * column-wise; a key that is a plain column reference reads the buffered column, any other key
 * expression is evaluated once per input batch and buffered as an extra column. Then an int[] of
 * row indexes is merge-sorted with comparators specialized per key type (nulls first or last as
 * asked, doubles in Spark's order), and the rows are gathered in batches of at most
 * {@link Batch#DEFAULT_ROWS}. The single-key case has a faster path (see {@link SortedOrder}).
 */
public final class SortOperator implements Operator {
  private final Operator child;
  private final Schema schema;
  private final List<SortOrder> orders;
  private final VectorExpression[] computedKeys;
  /** For each order, its column in the buffer (input columns first, then computed keys). */
  private final int[] keyColumns;
  private Batch sorted;
  private int[] order;
  private int emitted;
  private long bufferedBytes;
  private boolean closed;

  public SortOperator(Operator child, Schema schema, List<SortOrder> orders) {
    this.child = Objects.requireNonNull(child, "child is null");
    this.schema = Objects.requireNonNull(schema, "schema is null");
    this.orders = List.copyOf(orders);
    this.keyColumns = new int[this.orders.size()];
    List<VectorExpression> computed = new ArrayList<>();
    for (int i = 0; i < keyColumns.length; i++) {
      if (this.orders.get(i).child() instanceof BoundReference reference
          && reference.ordinal() < schema.size()
          && reference.type().equals(schema.type(reference.ordinal()))) {
        keyColumns[i] = reference.ordinal();
      } else {
        keyColumns[i] = schema.size() + computed.size();
        computed.add(ExpressionCompiler.compile(this.orders.get(i).child()));
      }
    }
    this.computedKeys = computed.toArray(VectorExpression[]::new);
  }

  @Override
  public Batch next() {
    if (closed) {
      return null;
    }
    if (sorted == null) {
      sortInput();
    }
    int rows = sorted.rowCount();
    if (emitted >= rows) {
      sorted = Batch.empty(schema);
      order = new int[0];
      emitted = 0;
      bufferedBytes = 0;
      return null;
    }
    int count = Math.min(Batch.DEFAULT_ROWS, rows - emitted);
    int[] positions = Arrays.copyOfRange(order, emitted, emitted + count);
    emitted += count;
    return sorted.gather(positions, count);
  }

  private void sortInput() {
    List<ColumnType> types = new ArrayList<>(schema.types());
    for (VectorExpression key : computedKeys) {
      types.add(key.type());
    }
    BatchBuffer buffer = new BatchBuffer(types);
    Batch batch;
    while ((batch = child.next()) != null) {
      if (computedKeys.length > 0) {
        ColumnVector[] keys = new ColumnVector[computedKeys.length];
        for (int i = 0; i < keys.length; i++) {
          keys[i] = computedKeys[i].evaluate(batch);
        }
        buffer.append(batch.appendColumns(new Batch(keys, batch.rowCount())));
      } else {
        buffer.append(batch);
      }
    }
    Batch all = buffer.toBatch();
    bufferedBytes = buffer.retainedBytes();
    int rows = all.rowCount();
    ColumnVector[] keys = new ColumnVector[orders.size()];
    boolean[] ascending = new boolean[keys.length];
    boolean[] nullsFirst = new boolean[keys.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = all.column(keyColumns[i]);
      ascending[i] = orders.get(i).ascending();
      nullsFirst[i] = orders.get(i).nullsFirst();
    }
    order = SortedOrder.compute(keys, ascending, nullsFirst, rows);
    int[] outputColumns = new int[schema.size()];
    for (int i = 0; i < outputColumns.length; i++) {
      outputColumns[i] = i;
    }
    sorted = all.selectColumns(outputColumns);
  }

  /** Approximate bytes held by the buffered partition (for a later memory-accounting hook). */
  public long retainedBytes() {
    return sorted == null || order == null ? 0 : bufferedBytes + 4L * order.length;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    sorted = null;
    order = null;
    child.close();
  }
}
