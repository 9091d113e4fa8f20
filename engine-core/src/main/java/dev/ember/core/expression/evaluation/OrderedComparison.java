package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.StringVector;

/**
 * Comparisons of booleans (false before true) and strings. Strings order as Spark's: by UTF-8
 * bytes compared unsigned (code point order), as the sort operator does; a dictionary column
 * compares each distinct value to a literal once.
 *
 * <p>Each batch first computes the sign of the order of every row, then applies the operator in
 * one loop, so no row switches on the operator.
 */
final class OrderedComparison {
  private OrderedComparison() {}

  static BooleanVector booleanColumnColumn(ComparisonOperator operator, BooleanVector left, BooleanVector right, int rowCount) {
    boolean[] leftValues = left.values;
    boolean[] rightValues = right.values;
    int[] order = new int[rowCount];
    for (int i = 0; i < rowCount; i++) {
      order[i] = Boolean.compare(leftValues[i], rightValues[i]);
    }
    return fromOrder(operator, order, NullMasks.union(left.nulls, right.nulls, rowCount), rowCount);
  }

  static BooleanVector booleanColumnScalar(ComparisonOperator operator, BooleanVector left, boolean right, int rowCount) {
    boolean[] leftValues = left.values;
    int[] order = new int[rowCount];
    for (int i = 0; i < rowCount; i++) {
      order[i] = Boolean.compare(leftValues[i], right);
    }
    return fromOrder(operator, order, left.nulls, rowCount);
  }

  static BooleanVector stringColumnColumn(ComparisonOperator operator, StringVector left, StringVector right, int rowCount) {
    boolean[] nulls = NullMasks.union(left.nulls, right.nulls, rowCount);
    if (operator == ComparisonOperator.EQUAL || operator == ComparisonOperator.NOT_EQUAL) {
      boolean expected = operator == ComparisonOperator.EQUAL;
      boolean[] out = new boolean[rowCount];
      for (int i = 0; i < rowCount; i++) {
        if (nulls == null || !nulls[i]) {
          out[i] = left.equalsRow(i, right, i) == expected;
        }
      }
      return new BooleanVector(ColumnType.BOOLEAN, out, nulls, rowCount);
    }
    int[] order = new int[rowCount];
    for (int i = 0; i < rowCount; i++) {
      if (nulls == null || !nulls[i]) {
        order[i] = left.compareRow(i, right, i);
      }
    }
    return fromOrder(operator, order, nulls, rowCount);
  }

  static BooleanVector stringColumnScalar(ComparisonOperator operator, StringVector left, String right, int rowCount) {
    if (DictionaryKernels.worthIt(left, rowCount)) {
      return (BooleanVector) DictionaryKernels.throughDictionary(
          left, rowCount, entries -> stringColumnScalar(operator, entries, right, entries.size()));
    }
    byte[] literal = dev.ember.core.vector.Utf8.encode(right);
    boolean[] nulls = left.nulls;
    if (operator == ComparisonOperator.EQUAL || operator == ComparisonOperator.NOT_EQUAL) {
      boolean expected = operator == ComparisonOperator.EQUAL;
      boolean[] out = new boolean[rowCount];
      for (int i = 0; i < rowCount; i++) {
        if (nulls == null || !nulls[i]) {
          out[i] = left.equalsBytes(i, literal, 0, literal.length) == expected;
        }
      }
      return new BooleanVector(ColumnType.BOOLEAN, out, nulls, rowCount);
    }
    int[] order = new int[rowCount];
    for (int i = 0; i < rowCount; i++) {
      if (nulls == null || !nulls[i]) {
        order[i] = left.compareBytes(i, literal, 0, literal.length);
      }
    }
    return fromOrder(operator, order, nulls, rowCount);
  }

  private static BooleanVector fromOrder(ComparisonOperator operator, int[] order, boolean[] nulls, int rowCount) {
    boolean[] out = new boolean[rowCount];
    switch (operator) {
      case EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = order[i] == 0;
        }
      }
      case NOT_EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = order[i] != 0;
        }
      }
      case LESS_THAN -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = order[i] < 0;
        }
      }
      case LESS_THAN_OR_EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = order[i] <= 0;
        }
      }
      case GREATER_THAN -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = order[i] > 0;
        }
      }
      case GREATER_THAN_OR_EQUAL -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = order[i] >= 0;
        }
      }
    }
    return new BooleanVector(ColumnType.BOOLEAN, out, nulls, rowCount);
  }
}
