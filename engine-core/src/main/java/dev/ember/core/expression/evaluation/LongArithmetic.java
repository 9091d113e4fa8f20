package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.LongVector;

/**
 * Arithmetic loops on long columns: one switch on the operator per batch, then a loop over the
 * arrays. Overflow wraps (Spark's non-ANSI mode); division and remainder by zero give null.
 */
final class LongArithmetic {
  private LongArithmetic() {}

  static ColumnVector columnColumn(ArithmeticOperator operator, ColumnType type, LongVector left, LongVector right, int rowCount) {
    long[] leftValues = left.values;
    long[] rightValues = right.values;
    long[] out = new long[rowCount];
    boolean[] nulls = NullMasks.union(left.nulls, right.nulls, rowCount);
    switch (operator) {
      case ADD -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] + rightValues[i];
        }
      }
      case SUBTRACT -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] - rightValues[i];
        }
      }
      case MULTIPLY -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] * rightValues[i];
        }
      }
      case DIVIDE -> {
        boolean copied = false;
        for (int i = 0; i < rowCount; i++) {
          long divisor = rightValues[i];
          if (divisor == 0) {
            if (!copied) {
              nulls = NullMasks.writable(nulls, rowCount);
              copied = true;
            }
            nulls[i] = true;
          } else {
            out[i] = leftValues[i] / divisor;
          }
        }
      }
      case REMAINDER -> {
        boolean copied = false;
        for (int i = 0; i < rowCount; i++) {
          long divisor = rightValues[i];
          if (divisor == 0) {
            if (!copied) {
              nulls = NullMasks.writable(nulls, rowCount);
              copied = true;
            }
            nulls[i] = true;
          } else {
            out[i] = leftValues[i] % divisor;
          }
        }
      }
    }
    return new LongVector(type, out, nulls, rowCount);
  }

  static ColumnVector columnScalar(ArithmeticOperator operator, ColumnType type, LongVector left, long right, int rowCount) {
    long[] leftValues = left.values;
    long[] out = new long[rowCount];
    switch (operator) {
      case ADD -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] + right;
        }
      }
      case SUBTRACT -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] - right;
        }
      }
      case MULTIPLY -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] * right;
        }
      }
      case DIVIDE -> {
        if (right == 0) {
          return Constants.allNulls(type, rowCount);
        }
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] / right;
        }
      }
      case REMAINDER -> {
        if (right == 0) {
          return Constants.allNulls(type, rowCount);
        }
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] % right;
        }
      }
    }
    return new LongVector(type, out, left.nulls, rowCount);
  }

  static ColumnVector scalarColumn(ArithmeticOperator operator, ColumnType type, long left, LongVector right, int rowCount) {
    long[] rightValues = right.values;
    long[] out = new long[rowCount];
    boolean[] nulls = right.nulls;
    switch (operator) {
      case ADD -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = left + rightValues[i];
        }
      }
      case SUBTRACT -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = left - rightValues[i];
        }
      }
      case MULTIPLY -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = left * rightValues[i];
        }
      }
      case DIVIDE -> {
        boolean copied = false;
        for (int i = 0; i < rowCount; i++) {
          long divisor = rightValues[i];
          if (divisor == 0) {
            if (!copied) {
              nulls = NullMasks.writable(nulls, rowCount);
              copied = true;
            }
            nulls[i] = true;
          } else {
            out[i] = left / divisor;
          }
        }
      }
      case REMAINDER -> {
        boolean copied = false;
        for (int i = 0; i < rowCount; i++) {
          long divisor = rightValues[i];
          if (divisor == 0) {
            if (!copied) {
              nulls = NullMasks.writable(nulls, rowCount);
              copied = true;
            }
            nulls[i] = true;
          } else {
            out[i] = left % divisor;
          }
        }
      }
    }
    return new LongVector(type, out, nulls, rowCount);
  }
}
