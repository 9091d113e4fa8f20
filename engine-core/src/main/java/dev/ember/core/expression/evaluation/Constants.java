package dev.ember.core.expression.evaluation;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.util.Arrays;

/** Builds vectors that repeat one internal-representation value, with array fills instead of per-row appends. */
final class Constants {
  private Constants() {}

  static ColumnVector vector(ColumnType type, Object value, int rowCount) {
    if (value == null) {
      return allNulls(type, rowCount);
    }
    return switch (type.kind()) {
      case BOOLEAN -> {
        boolean[] values = new boolean[rowCount];
        Arrays.fill(values, (Boolean) value);
        yield new BooleanVector(type, values, null, rowCount);
      }
      case INT, DATE -> {
        int[] values = new int[rowCount];
        Arrays.fill(values, (Integer) value);
        yield new IntVector(type, values, null, rowCount);
      }
      case LONG, TIMESTAMP -> {
        long[] values = new long[rowCount];
        Arrays.fill(values, (Long) value);
        yield new LongVector(type, values, null, rowCount);
      }
      case DOUBLE -> {
        double[] values = new double[rowCount];
        Arrays.fill(values, (Double) value);
        yield new DoubleVector(type, values, null, rowCount);
      }
      // One dictionary entry and ids of 0: the bytes are stored once, kernels run once.
      case STRING -> StringVector.dictionaryEncoded(
          type, new int[rowCount], new StringVector(type, new String[] {(String) value}, null, 1), null, rowCount);
      case DECIMAL -> {
        java.math.BigDecimal decimal = (java.math.BigDecimal) value;
        if (dev.ember.core.types.DecimalTypes.isCompact(type)) {
          long[] values = new long[rowCount];
          Arrays.fill(values, dev.ember.core.types.DecimalTypes.unscaledLong(decimal));
          yield new LongVector(type, values, null, rowCount);
        }
        java.math.BigInteger unscaled = decimal.unscaledValue();
        long[] high = new long[rowCount];
        long[] low = new long[rowCount];
        Arrays.fill(high, dev.ember.core.types.Int128.high(unscaled));
        Arrays.fill(low, dev.ember.core.types.Int128.low(unscaled));
        yield new dev.ember.core.vector.DecimalVector(type, high, low, null, rowCount);
      }
    };
  }

  /**
   * The first {@code rowCount} rows of a constant vector built by {@link #vector}, sharing its arrays
   * (every row holds the same value, so any prefix is the constant at that size): no fill.
   */
  static ColumnVector prefix(ColumnVector constant, int rowCount) {
    ColumnType type = constant.type();
    boolean[] nulls = constant.nulls;
    return switch (constant) {
      case BooleanVector vector -> new BooleanVector(type, vector.values, nulls, rowCount);
      case IntVector vector -> new IntVector(type, vector.values, nulls, rowCount);
      case LongVector vector -> new LongVector(type, vector.values, nulls, rowCount);
      case DoubleVector vector -> new DoubleVector(type, vector.values, nulls, rowCount);
      case dev.ember.core.vector.DecimalVector vector ->
          new dev.ember.core.vector.DecimalVector(type, vector.high, vector.low, nulls, rowCount);
      case StringVector vector -> vector.isDictionary()
          ? StringVector.dictionaryEncoded(type, vector.ids(), vector.dictionary(), nulls, rowCount)
          : allNulls(type, rowCount); // a plain constant vector holds nulls only
    };
  }

  static ColumnVector allNulls(ColumnType type, int rowCount) {
    boolean[] nulls = new boolean[rowCount];
    Arrays.fill(nulls, true);
    return switch (type.kind()) {
      case BOOLEAN -> new BooleanVector(type, new boolean[rowCount], nulls, rowCount);
      case INT, DATE -> new IntVector(type, new int[rowCount], nulls, rowCount);
      case LONG, TIMESTAMP -> new LongVector(type, new long[rowCount], nulls, rowCount);
      case DOUBLE -> new DoubleVector(type, new double[rowCount], nulls, rowCount);
      case STRING -> new StringVector(type, new byte[0], new int[rowCount + 1], nulls, rowCount);
      case DECIMAL -> dev.ember.core.types.DecimalTypes.isCompact(type)
          ? new LongVector(type, new long[rowCount], nulls, rowCount)
          : new dev.ember.core.vector.DecimalVector(type, new long[rowCount], new long[rowCount], nulls, rowCount);
    };
  }
}
