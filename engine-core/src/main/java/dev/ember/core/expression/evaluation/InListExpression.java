package dev.ember.core.expression.evaluation;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import dev.ember.core.vector.ValueComparison;
import java.util.List;

/**
 * {@code value IN (e1, e2, ...)} where some element is not a literal: compares the value with
 * each element's column in turn. SQL's rules: true on a match; otherwise null if the value or any
 * element is null; otherwise false. (An all-literal list uses {@link InSetExpression}.)
 */
record InListExpression(VectorExpression value, List<VectorExpression> elements) implements VectorExpression {
  InListExpression {
    elements = List.copyOf(elements);
  }

  @Override
  public ColumnType type() {
    return ColumnType.BOOLEAN;
  }

  @Override
  public ColumnVector evaluate(Batch batch) {
    ColumnVector valueVector = VectorExpression.dispatch(value, batch);
    int rowCount = batch.rowCount();
    boolean[] matched = new boolean[rowCount];
    boolean[] sawNull = new boolean[rowCount];
    for (VectorExpression element : elements) {
      ColumnVector elementVector = VectorExpression.dispatch(element, batch);
      boolean[] elementNulls = elementVector.nulls;
      switch (valueVector) {
        case BooleanVector values -> {
          boolean[] left = values.values;
          boolean[] right = ((BooleanVector) elementVector).values;
          for (int i = 0; i < rowCount; i++) {
            if (elementNulls != null && elementNulls[i]) {
              sawNull[i] = true;
            } else {
              matched[i] |= left[i] == right[i];
            }
          }
        }
        case IntVector values -> {
          int[] left = values.values;
          int[] right = ((IntVector) elementVector).values;
          for (int i = 0; i < rowCount; i++) {
            if (elementNulls != null && elementNulls[i]) {
              sawNull[i] = true;
            } else {
              matched[i] |= left[i] == right[i];
            }
          }
        }
        case LongVector values -> {
          long[] left = values.values;
          long[] right = ((LongVector) elementVector).values;
          for (int i = 0; i < rowCount; i++) {
            if (elementNulls != null && elementNulls[i]) {
              sawNull[i] = true;
            } else {
              matched[i] |= left[i] == right[i];
            }
          }
        }
        case DoubleVector values -> {
          double[] left = values.values;
          double[] right = ((DoubleVector) elementVector).values;
          for (int i = 0; i < rowCount; i++) {
            if (elementNulls != null && elementNulls[i]) {
              sawNull[i] = true;
            } else {
              matched[i] |= ValueComparison.compareDoubles(left[i], right[i]) == 0;
            }
          }
        }
        case StringVector values -> {
          StringVector right = (StringVector) elementVector;
          boolean[] valueNulls = values.nulls;
          for (int i = 0; i < rowCount; i++) {
            if (elementNulls != null && elementNulls[i]) {
              sawNull[i] = true;
            } else if (!matched[i] && (valueNulls == null || !valueNulls[i])) {
              matched[i] = values.equalsRow(i, right, i);
            }
          }
        }
        case DecimalVector values -> {
          DecimalVector right = (DecimalVector) elementVector;
          boolean[] valueNulls = values.nulls;
          for (int i = 0; i < rowCount; i++) {
            if (elementNulls != null && elementNulls[i]) {
              sawNull[i] = true;
            } else if (!matched[i] && (valueNulls == null || !valueNulls[i])) {
              matched[i] = values.high[i] == right.high[i] && values.low[i] == right.low[i];
            }
          }
        }
      }
    }
    boolean[] valueNulls = valueVector.nulls;
    boolean[] out = new boolean[rowCount];
    boolean[] nulls = new boolean[rowCount];
    boolean anyNull = false;
    for (int i = 0; i < rowCount; i++) {
      boolean valueNull = valueNulls != null && valueNulls[i];
      out[i] = matched[i] & !valueNull;
      nulls[i] = valueNull | (!matched[i] & sawNull[i]);
      anyNull |= nulls[i];
    }
    return new BooleanVector(ColumnType.BOOLEAN, out, anyNull ? nulls : null, rowCount);
  }
}
