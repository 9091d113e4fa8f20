package dev.ember.core.expression.evaluation;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.util.Arrays;

/**
 * A result column that conditional kernels (coalesce, CASE) assemble from several source vectors
 * of its type. It starts all null; each copy switches on the source's class once and then loops
 * over its arrays.
 */
final class ColumnMerger {
  private final ColumnType type;
  private final int rowCount;
  private final boolean[] nulls;
  private boolean[] booleans;
  private int[] ints;
  private long[] longs;
  private double[] doubles;
  /** STRING: the source vector each row's bytes come from (same row index); copied once in {@link #build}. */
  private StringVector[] stringSources;
  /** Wide DECIMAL; a compact DECIMAL uses {@code longs}. */
  /** Wide DECIMAL rows as 128-bit unscaled high and low words. */
  private long[] decimalHigh;
  private long[] decimalLow;

  ColumnMerger(ColumnType type, int rowCount) {
    this.type = type;
    this.rowCount = rowCount;
    this.nulls = new boolean[rowCount];
    Arrays.fill(nulls, true);
    switch (type.kind()) {
      case BOOLEAN -> booleans = new boolean[rowCount];
      case INT, DATE -> ints = new int[rowCount];
      case LONG, TIMESTAMP -> longs = new long[rowCount];
      case DOUBLE -> doubles = new double[rowCount];
      case STRING -> stringSources = new StringVector[rowCount];
      case DECIMAL -> {
        if (dev.ember.core.types.DecimalTypes.isCompact(type)) {
          longs = new long[rowCount];
        } else {
          decimalHigh = new long[rowCount];
          decimalLow = new long[rowCount];
        }
      }
    }
  }

  /** Fills every row that is still null from the source, where the source is not null; returns the rows still null. */
  int fillNulls(ColumnVector source, int stillNull) {
    boolean[] sourceNulls = source.nulls;
    int remaining = stillNull;
    switch (source) {
      case BooleanVector vector -> {
        boolean[] values = vector.values;
        for (int i = 0; i < rowCount; i++) {
          if (nulls[i] && (sourceNulls == null || !sourceNulls[i])) {
            booleans[i] = values[i];
            nulls[i] = false;
            remaining--;
          }
        }
      }
      case IntVector vector -> {
        int[] values = vector.values;
        for (int i = 0; i < rowCount; i++) {
          if (nulls[i] && (sourceNulls == null || !sourceNulls[i])) {
            ints[i] = values[i];
            nulls[i] = false;
            remaining--;
          }
        }
      }
      case LongVector vector -> {
        long[] values = vector.values;
        for (int i = 0; i < rowCount; i++) {
          if (nulls[i] && (sourceNulls == null || !sourceNulls[i])) {
            longs[i] = values[i];
            nulls[i] = false;
            remaining--;
          }
        }
      }
      case DoubleVector vector -> {
        double[] values = vector.values;
        for (int i = 0; i < rowCount; i++) {
          if (nulls[i] && (sourceNulls == null || !sourceNulls[i])) {
            doubles[i] = values[i];
            nulls[i] = false;
            remaining--;
          }
        }
      }
      case StringVector vector -> {
        for (int i = 0; i < rowCount; i++) {
          if (nulls[i] && (sourceNulls == null || !sourceNulls[i])) {
            stringSources[i] = vector;
            nulls[i] = false;
            remaining--;
          }
        }
      }
      case DecimalVector vector -> {
        long[] high = vector.high;
        long[] low = vector.low;
        for (int i = 0; i < rowCount; i++) {
          if (nulls[i] && (sourceNulls == null || !sourceNulls[i])) {
            decimalHigh[i] = high[i];
            decimalLow[i] = low[i];
            nulls[i] = false;
            remaining--;
          }
        }
      }
    }
    return remaining;
  }

  /** Copies value and validity of the rows whose {@code branches[i] == branch} from the source. */
  void copyBranch(ColumnVector source, int[] branches, int branch) {
    boolean[] sourceNulls = source.nulls;
    switch (source) {
      case BooleanVector vector -> {
        boolean[] values = vector.values;
        for (int i = 0; i < rowCount; i++) {
          if (branches[i] == branch) {
            booleans[i] = values[i];
            nulls[i] = sourceNulls != null && sourceNulls[i];
          }
        }
      }
      case IntVector vector -> {
        int[] values = vector.values;
        for (int i = 0; i < rowCount; i++) {
          if (branches[i] == branch) {
            ints[i] = values[i];
            nulls[i] = sourceNulls != null && sourceNulls[i];
          }
        }
      }
      case LongVector vector -> {
        long[] values = vector.values;
        for (int i = 0; i < rowCount; i++) {
          if (branches[i] == branch) {
            longs[i] = values[i];
            nulls[i] = sourceNulls != null && sourceNulls[i];
          }
        }
      }
      case DoubleVector vector -> {
        double[] values = vector.values;
        for (int i = 0; i < rowCount; i++) {
          if (branches[i] == branch) {
            doubles[i] = values[i];
            nulls[i] = sourceNulls != null && sourceNulls[i];
          }
        }
      }
      case StringVector vector -> {
        for (int i = 0; i < rowCount; i++) {
          if (branches[i] == branch) {
            stringSources[i] = vector;
            nulls[i] = sourceNulls != null && sourceNulls[i];
          }
        }
      }
      case DecimalVector vector -> {
        long[] high = vector.high;
        long[] low = vector.low;
        for (int i = 0; i < rowCount; i++) {
          if (branches[i] == branch) {
            decimalHigh[i] = high[i];
            decimalLow[i] = low[i];
            nulls[i] = sourceNulls != null && sourceNulls[i];
          }
        }
      }
    }
  }

  /** The assembled vector; {@code anyNull} false drops the validity array (the fast path downstream). */
  ColumnVector build(boolean anyNull) {
    boolean[] validity = anyNull ? nulls : null;
    return switch (type.kind()) {
      case BOOLEAN -> new BooleanVector(type, booleans, validity, rowCount);
      case INT, DATE -> new IntVector(type, ints, validity, rowCount);
      case LONG, TIMESTAMP -> new LongVector(type, longs, validity, rowCount);
      case DOUBLE -> new DoubleVector(type, doubles, validity, rowCount);
      case STRING -> {
        dev.ember.core.vector.VectorBuilder builder = dev.ember.core.vector.VectorBuilder.forType(type, rowCount);
        for (int i = 0; i < rowCount; i++) {
          if (nulls[i]) {
            builder.appendNull();
          } else {
            StringVector source = stringSources[i];
            builder.appendUtf8(source.data(), source.start(i), source.end(i));
          }
        }
        // The builder has validity only if some row is null, which is what anyNull says too.
        yield builder.build();
      }
      case DECIMAL -> decimalHigh == null
          ? new LongVector(type, longs, validity, rowCount)
          : new DecimalVector(type, decimalHigh, decimalLow, validity, rowCount);
    };
  }

  /** Whether some row is null now. */
  boolean anyNull() {
    for (int i = 0; i < rowCount; i++) {
      if (nulls[i]) {
        return true;
      }
    }
    return false;
  }
}
