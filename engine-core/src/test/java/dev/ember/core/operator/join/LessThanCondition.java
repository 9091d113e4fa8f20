package dev.ember.core.operator.join;

import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.IntVector;

/** {@code column[left] < column[right]} over INT columns with SQL's three-valued logic (null if either is null). */
record LessThanCondition(int left, int right) implements VectorExpression {
  @Override
  public ColumnType type() {
    return ColumnType.BOOLEAN;
  }

  @Override
  public ColumnVector evaluate(Batch batch) {
    IntVector a = (IntVector) batch.column(left);
    IntVector b = (IntVector) batch.column(right);
    int rows = batch.rowCount();
    boolean[] values = new boolean[rows];
    boolean[] nulls = new boolean[rows];
    for (int i = 0; i < rows; i++) {
      nulls[i] = a.isNull(i) || b.isNull(i);
      values[i] = a.get(i) < b.get(i);
    }
    return new BooleanVector(ColumnType.BOOLEAN, values, nulls, rows);
  }

  /** The same predicate over row values, for the model: null when either side is null. */
  Boolean test(java.util.List<Object> pair) {
    Object a = pair.get(left);
    Object b = pair.get(right);
    return a == null || b == null ? null : (Integer) a < (Integer) b;
  }
}
