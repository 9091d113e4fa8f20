package dev.ember.core.expression.evaluation;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import java.util.List;

/**
 * The first non-null of the children. Later children are evaluated only while some row is still
 * null, and a first child without nulls is returned as it is.
 */
record CoalesceExpression(List<VectorExpression> children, ColumnType type) implements VectorExpression {
  CoalesceExpression {
    children = List.copyOf(children);
  }

  @Override
  public ColumnVector evaluate(Batch batch) {
    ColumnVector first = VectorExpression.dispatch(children.get(0), batch);
    if (first.nulls == null || children.size() == 1) {
      return first;
    }
    int rowCount = batch.rowCount();
    ColumnMerger merger = new ColumnMerger(type, rowCount);
    int stillNull = merger.fillNulls(first, rowCount);
    for (int child = 1; child < children.size() && stillNull > 0; child++) {
      stillNull = merger.fillNulls(VectorExpression.dispatch(children.get(child), batch), stillNull);
    }
    return merger.build(stillNull > 0);
  }
}
