package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.IntVector;

/**
 * Arithmetic loops on int columns: one switch on the operator per batch, then a loop over the
 * arrays. Overflow wraps (Spark's non-ANSI mode); division and remainder by zero give null.
 * DIVIDE on integers (the analyzer makes {@code /} a DOUBLE division, but the record allows it)
 * truncates toward zero, as Spark's {@code div}.
 */
final class IntArithmetic {
  private IntArithmetic() {}

  static ColumnVector columnColumn(ArithmeticOperator operator, ColumnType type, IntVector left, IntVector right, int rowCount) {
    int[] leftValues = left.values;
    int[] rightValues = right.values;
    int[] out = new int[rowCount];
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
          int divisor = rightValues[i];
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
          int divisor = rightValues[i];
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
    return new IntVector(type, out, nulls, rowCount);
  }

  static ColumnVector columnScalar(ArithmeticOperator operator, ColumnType type, IntVector left, int right, int rowCount) {
    int[] leftValues = left.values;
    int[] out = new int[rowCount];
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
    return new IntVector(type, out, left.nulls, rowCount);
  }

  static ColumnVector scalarColumn(ArithmeticOperator operator, ColumnType type, int left, IntVector right, int rowCount) {
    int[] rightValues = right.values;
    int[] out = new int[rowCount];
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
          int divisor = rightValues[i];
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
          int divisor = rightValues[i];
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
    return new IntVector(type, out, nulls, rowCount);
  }
}
