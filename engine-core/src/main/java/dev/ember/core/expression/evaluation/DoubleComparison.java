package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.ValueComparison;

/**
 * Comparison loops on double columns with Spark's order: NaN equals NaN and is above every
 * number, -0.0 equals 0.0. The result is null where either side is null.
 */
final class DoubleComparison {
  private DoubleComparison() {}

  static BooleanVector columnColumn(ComparisonOperator operator, DoubleVector left, DoubleVector right, int rowCount) {
    double[] leftValues = left.values;
    double[] rightValues = right.values;
    boolean[] out = new boolean[rowCount];
    switch (operator) {
      case EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] == rightValues[i] || (Double.isNaN(leftValues[i]) && Double.isNaN(rightValues[i]));
        }
      }
      case NOT_EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = !(leftValues[i] == rightValues[i] || (Double.isNaN(leftValues[i]) && Double.isNaN(rightValues[i])));
        }
      }
      case LESS_THAN -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = ValueComparison.compareDoubles(leftValues[i], rightValues[i]) < 0;
        }
      }
      case LESS_THAN_OR_EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = ValueComparison.compareDoubles(leftValues[i], rightValues[i]) <= 0;
        }
      }
      case GREATER_THAN -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = ValueComparison.compareDoubles(leftValues[i], rightValues[i]) > 0;
        }
      }
      case GREATER_THAN_OR_EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = ValueComparison.compareDoubles(leftValues[i], rightValues[i]) >= 0;
        }
      }
    }
    return new BooleanVector(ColumnType.BOOLEAN, out, NullMasks.union(left.nulls, right.nulls, rowCount), rowCount);
  }

  static BooleanVector columnScalar(ComparisonOperator operator, DoubleVector left, double right, int rowCount) {
    double[] leftValues = left.values;
    boolean[] out = new boolean[rowCount];
    switch (operator) {
      case EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = leftValues[i] == right || (Double.isNaN(leftValues[i]) && Double.isNaN(right));
        }
      }
      case NOT_EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = !(leftValues[i] == right || (Double.isNaN(leftValues[i]) && Double.isNaN(right)));
        }
      }
      case LESS_THAN -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = ValueComparison.compareDoubles(leftValues[i], right) < 0;
        }
      }
      case LESS_THAN_OR_EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = ValueComparison.compareDoubles(leftValues[i], right) <= 0;
        }
      }
      case GREATER_THAN -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = ValueComparison.compareDoubles(leftValues[i], right) > 0;
        }
      }
      case GREATER_THAN_OR_EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = ValueComparison.compareDoubles(leftValues[i], right) >= 0;
        }
      }
    }
    return new BooleanVector(ColumnType.BOOLEAN, out, left.nulls, rowCount);
  }
}
