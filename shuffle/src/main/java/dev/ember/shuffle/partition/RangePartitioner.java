package dev.ember.shuffle.partition;

import dev.ember.core.expression.SortOrder;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.ValueComparison;
import java.util.List;

/**
 * Sends a row to the first partition whose upper bound is at or above its sort key: a binary
 * search over the sampled bounds (one row per bound, one column per sort order, ascending in the
 * sort order), comparing with each order's direction and null placement. Rows above every bound go
 * to the partition after the last bound; with fewer bounds than {@code partitionCount - 1} the last
 * partitions stay empty.
 */
public final class RangePartitioner implements Partitioner {
  private final VectorExpression[] keys;
  private final boolean[] ascending;
  private final boolean[] nullsFirst;
  private final Batch bounds;
  private final int partitionCount;

  public RangePartitioner(List<SortOrder> orders, Batch bounds, int partitionCount) {
    if (orders.isEmpty()) {
      throw new IllegalArgumentException("range partitioning needs at least one sort order");
    }
    if (bounds.columnCount() != orders.size()) {
      throw new IllegalArgumentException(
          "range bounds have " + bounds.columnCount() + " columns for " + orders.size() + " sort orders");
    }
    if (bounds.rowCount() > partitionCount - 1) {
      throw new IllegalArgumentException(bounds.rowCount() + " range bounds for " + partitionCount + " partitions");
    }
    keys = new VectorExpression[orders.size()];
    ascending = new boolean[orders.size()];
    nullsFirst = new boolean[orders.size()];
    for (int i = 0; i < keys.length; i++) {
      SortOrder order = orders.get(i);
      keys[i] = ExpressionCompiler.compile(order.child());
      if (!keys[i].type().equals(bounds.type(i))) {
        throw new IllegalArgumentException(
            "sort key " + i + " is " + keys[i].type() + " but its bounds are " + bounds.type(i));
      }
      ascending[i] = order.ascending();
      nullsFirst[i] = order.nullsFirst();
    }
    this.bounds = bounds;
    this.partitionCount = partitionCount;
  }

  @Override
  public int partitionCount() {
    return partitionCount;
  }

  @Override
  public void assign(Batch batch, int[] partitions) {
    int rows = batch.rowCount();
    int boundCount = bounds.rowCount();
    if (boundCount == 0) {
      java.util.Arrays.fill(partitions, 0, rows, 0);
      return;
    }
    ColumnVector[] columns = new ColumnVector[keys.length];
    for (int i = 0; i < keys.length; i++) {
      columns[i] = VectorExpression.dispatch(keys[i], batch);
    }
    for (int row = 0; row < rows; row++) {
      // The first bound >= the row's key.
      int low = 0;
      int high = boundCount;
      while (low < high) {
        int middle = (low + high) >>> 1;
        if (compareToBound(columns, row, middle) > 0) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      partitions[row] = low;
    }
  }

  private int compareToBound(ColumnVector[] columns, int row, int bound) {
    for (int i = 0; i < columns.length; i++) {
      int order = ValueComparison.compareForSort(columns[i], row, bounds.column(i), bound, ascending[i], nullsFirst[i]);
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }
}
