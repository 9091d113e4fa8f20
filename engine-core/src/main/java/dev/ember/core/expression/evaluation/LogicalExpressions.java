package dev.ember.core.expression.evaluation;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import java.util.Arrays;

/**
 * Boolean connectives with SQL's three-valued logic, and the null tests. Each works with
 * branch-free boolean algebra over whole arrays: a null side is "unknown", which AND lets false
 * override and OR lets true override.
 */
final class LogicalExpressions {
  private LogicalExpressions() {}

  /** {@code left AND right}: false if either side is false; else null if either is null; else true. */
  record And(VectorExpression left, VectorExpression right) implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.BOOLEAN;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      BooleanVector leftVector = (BooleanVector) VectorExpression.dispatch(left, batch);
      BooleanVector rightVector = (BooleanVector) VectorExpression.dispatch(right, batch);
      int rowCount = batch.rowCount();
      boolean[] leftValues = leftVector.values;
      boolean[] rightValues = rightVector.values;
      boolean[] leftNulls = leftVector.nulls;
      boolean[] rightNulls = rightVector.nulls;
      boolean[] out = new boolean[rowCount];
      if (leftNulls == null && rightNulls == null) {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] & rightValues[i];
        }
        return new BooleanVector(ColumnType.BOOLEAN, out, null, rowCount);
      }
      boolean[] nulls = new boolean[rowCount];
      for (int i = 0; i < rowCount; i++) {
        boolean leftNull = leftNulls != null && leftNulls[i];
        boolean rightNull = rightNulls != null && rightNulls[i];
        boolean leftFalse = !leftNull & !leftValues[i];
        boolean rightFalse = !rightNull & !rightValues[i];
        out[i] = !leftNull & leftValues[i] & !rightNull & rightValues[i];
        nulls[i] = !(leftFalse | rightFalse) & (leftNull | rightNull);
      }
      return new BooleanVector(ColumnType.BOOLEAN, out, nulls, rowCount);
    }
  }

  /** {@code left OR right}: true if either side is true; else null if either is null; else false. */
  record Or(VectorExpression left, VectorExpression right) implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.BOOLEAN;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      BooleanVector leftVector = (BooleanVector) VectorExpression.dispatch(left, batch);
      BooleanVector rightVector = (BooleanVector) VectorExpression.dispatch(right, batch);
      int rowCount = batch.rowCount();
      boolean[] leftValues = leftVector.values;
      boolean[] rightValues = rightVector.values;
      boolean[] leftNulls = leftVector.nulls;
      boolean[] rightNulls = rightVector.nulls;
      boolean[] out = new boolean[rowCount];
      if (leftNulls == null && rightNulls == null) {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] | rightValues[i];
        }
        return new BooleanVector(ColumnType.BOOLEAN, out, null, rowCount);
      }
      boolean[] nulls = new boolean[rowCount];
      for (int i = 0; i < rowCount; i++) {
        boolean leftNull = leftNulls != null && leftNulls[i];
        boolean rightNull = rightNulls != null && rightNulls[i];
        boolean anyTrue = (!leftNull & leftValues[i]) | (!rightNull & rightValues[i]);
        out[i] = anyTrue;
        nulls[i] = !anyTrue & (leftNull | rightNull);
      }
      return new BooleanVector(ColumnType.BOOLEAN, out, nulls, rowCount);
    }
  }

  /** {@code NOT child}; null stays null (the child's validity is shared). */
  record Not(VectorExpression child) implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.BOOLEAN;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      BooleanVector childVector = (BooleanVector) VectorExpression.dispatch(child, batch);
      int rowCount = batch.rowCount();
      boolean[] values = childVector.values;
      boolean[] out = new boolean[rowCount];
      for (int i = 0; i < rowCount; i++) {
        out[i] = !values[i];
      }
      return new BooleanVector(ColumnType.BOOLEAN, out, childVector.nulls, rowCount);
    }
  }

  /** {@code child IS NULL} (or {@code IS NOT NULL} when negated); never null. */
  record NullTest(VectorExpression child, boolean negated) implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.BOOLEAN;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      ColumnVector childVector = VectorExpression.dispatch(child, batch);
      int rowCount = batch.rowCount();
      boolean[] nulls = childVector.nulls;
      boolean[] out = new boolean[rowCount];
      if (nulls == null) {
        if (negated) {
          Arrays.fill(out, true);
        }
      } else {
        for (int i = 0; i < rowCount; i++) {
          out[i] = nulls[i] != negated;
        }
      }
      return new BooleanVector(ColumnType.BOOLEAN, out, null, rowCount);
    }
  }
}
