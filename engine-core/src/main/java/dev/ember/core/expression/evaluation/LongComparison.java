package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.LongVector;

/**
 * Comparison loops on long columns (LONG and TIMESTAMP): one switch on the operator per batch,
 * then a loop over the arrays; the result is null where either side is null.
 */
final class LongComparison {
  private LongComparison() {}

  static BooleanVector columnColumn(ComparisonOperator operator, LongVector left, LongVector right, int rowCount) {
    long[] leftValues = left.values;
    long[] rightValues = right.values;
    boolean[] out = new boolean[rowCount];
    switch (operator) {
      case EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] == rightValues[i];
        }
      }
      case NOT_EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] != rightValues[i];
        }
      }
      case LESS_THAN -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] < rightValues[i];
        }
      }
      case LESS_THAN_OR_EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] <= rightValues[i];
        }
      }
      case GREATER_THAN -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] > rightValues[i];
        }
      }
      case GREATER_THAN_OR_EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] >= rightValues[i];
        }
      }
    }
    return new BooleanVector(ColumnType.BOOLEAN, out, NullMasks.union(left.nulls, right.nulls, rowCount), rowCount);
  }

  static BooleanVector columnScalar(ComparisonOperator operator, LongVector left, long right, int rowCount) {
    long[] leftValues = left.values;
    boolean[] out = new boolean[rowCount];
    switch (operator) {
      case EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] == right;
        }
      }
      case NOT_EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] != right;
        }
      }
      case LESS_THAN -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] < right;
        }
      }
      case LESS_THAN_OR_EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] <= right;
        }
      }
      case GREATER_THAN -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] > right;
        }
      }
      case GREATER_THAN_OR_EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] >= right;
        }
      }
    }
    return new BooleanVector(ColumnType.BOOLEAN, out, left.nulls, rowCount);
  }
}
