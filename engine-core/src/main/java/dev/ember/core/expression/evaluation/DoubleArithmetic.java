package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DoubleVector;

/**
 * Arithmetic loops on double columns: IEEE results, except that division and remainder by zero
 * (either sign) give null, as Spark's non-ANSI mode.
 */
final class DoubleArithmetic {
  private DoubleArithmetic() {}

  static ColumnVector columnColumn(ArithmeticOperator operator, ColumnType type, DoubleVector left, DoubleVector right, int rowCount) {
    double[] leftValues = left.values;
    double[] rightValues = right.values;
    double[] out = new double[rowCount];
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
          double divisor = rightValues[i];
          if (divisor == 0.0) {
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
          double divisor = rightValues[i];
          if (divisor == 0.0) {
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
    return new DoubleVector(type, out, nulls, rowCount);
  }

  static ColumnVector columnScalar(ArithmeticOperator operator, ColumnType type, DoubleVector left, double right, int rowCount) {
    double[] leftValues = left.values;
    double[] out = new double[rowCount];
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
        if (right == 0.0) {
          return Constants.allNulls(type, rowCount);
        }
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] / right;
        }
      }
      case REMAINDER -> {
        if (right == 0.0) {
          return Constants.allNulls(type, rowCount);
        }
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] % right;
        }
      }
    }
    return new DoubleVector(type, out, left.nulls, rowCount);
  }

  static ColumnVector scalarColumn(ArithmeticOperator operator, ColumnType type, double left, DoubleVector right, int rowCount) {
    double[] rightValues = right.values;
    double[] out = new double[rowCount];
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
          double divisor = rightValues[i];
          if (divisor == 0.0) {
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
          double divisor = rightValues[i];
          if (divisor == 0.0) {
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
    return new DoubleVector(type, out, nulls, rowCount);
  }
}
