package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.vector.RowChunks;

/**
 * The loops of {@code column op constant} over int, long and double values, one method per
 * operator and type: each appends the rows of {@code rows[from..to)} whose value compares true to
 * {@code out} after its {@code kept} first and returns how many it holds then ({@code out} may be
 * {@code rows}: a row is written at or before its own slot, branch-free).
 *
 * <p>One loop per method, not one switch over the operator around six loops: the JIT compiles a
 * switch's arms as they have run, and a later query comparing with another operator (TPC-H Q3's
 * {@code <} after Q1's {@code <=}) threw away and recompiled the whole method, loops included. Here
 * it recompiles only the selector's small dispatch; the loops compiled before stay compiled.
 * Doubles follow Spark's order (NaN above every number, -0.0 equal to 0.0) for a constant that is
 * not NaN: {@code >} is {@code !(v <= c)} and {@code >=} is {@code !(v < c)}, true for NaN.
 */
final class ComparisonKernels {
  private ComparisonKernels() {}

  /*
   * Int and long loops add each row's verdict as arithmetic on the sign bit, not as a conditional
   * (`v < c ? 1 : 0`): the JIT compiled the conditional as a branch from the first query's profile,
   * and a later query whose share of kept rows is near half mispredicted row after row (see
   * CompressedSelection's range loops, the same change there). Doubles keep the comparisons, for
   * NaN's order.
   */

  /** 1 when {@code a < b} (signed), else 0, without a branch or an overflow (Hacker's Delight 2-12). */
  private static int lessThan(long a, long b) {
    long difference = a - b;
    return (int) ((difference ^ ((a ^ b) & (difference ^ a))) >>> 63);
  }

  /** 1 when {@code a < b} as unsigned longs, else 0, without a branch (Hacker's Delight 2-12). */
  static int unsignedLessThan(long a, long b) {
    return (int) (((~a & b) | (~(a ^ b) & (a - b))) >>> 63);
  }

  /**
   * Writes the rows of {@code rows[0..count)} whose value compares true to {@code out}; returns
   * how many. Per chunk of rows ({@link RowChunks}), through the operator's own loop.
   */
  static int keep(ComparisonOperator operator, int[] values, int constant, int[] rows, int count, int[] out) {
    int kept = 0;
    for (int from = 0; from < count; from += RowChunks.ROWS) {
      int to = Math.min(count, from + RowChunks.ROWS);
      kept = switch (operator) {
        case EQUAL -> keepEqual(values, constant, rows, from, to, out, kept);
        case NOT_EQUAL -> keepNotEqual(values, constant, rows, from, to, out, kept);
        case LESS_THAN -> keepLess(values, constant, rows, from, to, out, kept);
        case LESS_THAN_OR_EQUAL -> keepLessOrEqual(values, constant, rows, from, to, out, kept);
        case GREATER_THAN -> keepGreater(values, constant, rows, from, to, out, kept);
        case GREATER_THAN_OR_EQUAL -> keepGreaterOrEqual(values, constant, rows, from, to, out, kept);
      };
    }
    return kept;
  }

  /**
   * Writes the rows of {@code rows[0..count)} whose value compares true to {@code out}; returns
   * how many. Per chunk of rows ({@link RowChunks}), through the operator's own loop.
   */
  static int keep(ComparisonOperator operator, long[] values, long constant, int[] rows, int count, int[] out) {
    int kept = 0;
    for (int from = 0; from < count; from += RowChunks.ROWS) {
      int to = Math.min(count, from + RowChunks.ROWS);
      kept = switch (operator) {
        case EQUAL -> keepEqual(values, constant, rows, from, to, out, kept);
        case NOT_EQUAL -> keepNotEqual(values, constant, rows, from, to, out, kept);
        case LESS_THAN -> keepLess(values, constant, rows, from, to, out, kept);
        case LESS_THAN_OR_EQUAL -> keepLessOrEqual(values, constant, rows, from, to, out, kept);
        case GREATER_THAN -> keepGreater(values, constant, rows, from, to, out, kept);
        case GREATER_THAN_OR_EQUAL -> keepGreaterOrEqual(values, constant, rows, from, to, out, kept);
      };
    }
    return kept;
  }

  /**
   * Writes the rows of {@code rows[0..count)} whose value compares true to {@code out}; returns
   * how many. Per chunk of rows ({@link RowChunks}), through the operator's own loop.
   */
  static int keep(ComparisonOperator operator, double[] values, double constant, int[] rows, int count, int[] out) {
    int kept = 0;
    for (int from = 0; from < count; from += RowChunks.ROWS) {
      int to = Math.min(count, from + RowChunks.ROWS);
      kept = switch (operator) {
        case EQUAL -> keepEqual(values, constant, rows, from, to, out, kept);
        case NOT_EQUAL -> keepNotEqual(values, constant, rows, from, to, out, kept);
        case LESS_THAN -> keepLess(values, constant, rows, from, to, out, kept);
        case LESS_THAN_OR_EQUAL -> keepLessOrEqual(values, constant, rows, from, to, out, kept);
        case GREATER_THAN -> keepGreater(values, constant, rows, from, to, out, kept);
        case GREATER_THAN_OR_EQUAL -> keepGreaterOrEqual(values, constant, rows, from, to, out, kept);
      };
    }
    return kept;
  }

  static int keepEqual(int[] values, int constant, int[] rows, int from, int to, int[] out, int kept) {
    for (int j = from; j < to; j++) {
      int row = rows[j];
      out[kept] = row;
      int bits = values[row] ^ constant; // 0 only when equal; otherwise bits | -bits is negative
      kept += ((bits | -bits) >>> 31) ^ 1;
    }
    return kept;
  }

  static int keepNotEqual(int[] values, int constant, int[] rows, int from, int to, int[] out, int kept) {
    for (int j = from; j < to; j++) {
      int row = rows[j];
      out[kept] = row;
      int bits = values[row] ^ constant;
      kept += (bits | -bits) >>> 31;
    }
    return kept;
  }

  static int keepLess(int[] values, int constant, int[] rows, int from, int to, int[] out, int kept) {
    for (int j = from; j < to; j++) {
      int row = rows[j];
      out[kept] = row;
      kept += (int) (((long) values[row] - constant) >>> 63);
    }
    return kept;
  }

  static int keepLessOrEqual(int[] values, int constant, int[] rows, int from, int to, int[] out, int kept) {
    for (int j = from; j < to; j++) {
      int row = rows[j];
      out[kept] = row;
      kept += (int) (((long) constant - values[row]) >>> 63) ^ 1;
    }
    return kept;
  }

  static int keepGreater(int[] values, int constant, int[] rows, int from, int to, int[] out, int kept) {
    for (int j = from; j < to; j++) {
      int row = rows[j];
      out[kept] = row;
      kept += (int) (((long) constant - values[row]) >>> 63);
    }
    return kept;
  }

  static int keepGreaterOrEqual(int[] values, int constant, int[] rows, int from, int to, int[] out, int kept) {
    for (int j = from; j < to; j++) {
      int row = rows[j];
      out[kept] = row;
      kept += (int) (((long) values[row] - constant) >>> 63) ^ 1;
    }
    return kept;
  }

  static int keepEqual(long[] values, long constant, int[] rows, int from, int to, int[] out, int kept) {
    for (int j = from; j < to; j++) {
      int row = rows[j];
      out[kept] = row;
      long bits = values[row] ^ constant;
      kept += (int) ((bits | -bits) >>> 63) ^ 1;
    }
    return kept;
  }

  static int keepNotEqual(long[] values, long constant, int[] rows, int from, int to, int[] out, int kept) {
    for (int j = from; j < to; j++) {
      int row = rows[j];
      out[kept] = row;
      long bits = values[row] ^ constant;
      kept += (int) ((bits | -bits) >>> 63);
    }
    return kept;
  }

  static int keepLess(long[] values, long constant, int[] rows, int from, int to, int[] out, int kept) {
    for (int j = from; j < to; j++) {
      int row = rows[j];
      out[kept] = row;
      kept += lessThan(values[row], constant);
    }
    return kept;
  }

  static int keepLessOrEqual(long[] values, long constant, int[] rows, int from, int to, int[] out, int kept) {
    for (int j = from; j < to; j++) {
      int row = rows[j];
      out[kept] = row;
      kept += lessThan(constant, values[row]) ^ 1;
    }
    return kept;
  }

  static int keepGreater(long[] values, long constant, int[] rows, int from, int to, int[] out, int kept) {
    for (int j = from; j < to; j++) {
      int row = rows[j];
      out[kept] = row;
      kept += lessThan(constant, values[row]);
    }
    return kept;
  }

  static int keepGreaterOrEqual(long[] values, long constant, int[] rows, int from, int to, int[] out, int kept) {
    for (int j = from; j < to; j++) {
      int row = rows[j];
      out[kept] = row;
      kept += lessThan(values[row], constant) ^ 1;
    }
    return kept;
  }

  static int keepEqual(double[] values, double constant, int[] rows, int from, int to, int[] out, int kept) {
    for (int j = from; j < to; j++) {
      int row = rows[j];
      out[kept] = row;
      kept += values[row] == constant ? 1 : 0;
    }
    return kept;
  }

  static int keepNotEqual(double[] values, double constant, int[] rows, int from, int to, int[] out, int kept) {
    for (int j = from; j < to; j++) {
      int row = rows[j];
      out[kept] = row;
      kept += values[row] != constant ? 1 : 0;
    }
    return kept;
  }

  static int keepLess(double[] values, double constant, int[] rows, int from, int to, int[] out, int kept) {
    for (int j = from; j < to; j++) {
      int row = rows[j];
      out[kept] = row;
      kept += values[row] < constant ? 1 : 0;
    }
    return kept;
  }

  static int keepLessOrEqual(double[] values, double constant, int[] rows, int from, int to, int[] out, int kept) {
    for (int j = from; j < to; j++) {
      int row = rows[j];
      out[kept] = row;
      kept += values[row] <= constant ? 1 : 0;
    }
    return kept;
  }

  static int keepGreater(double[] values, double constant, int[] rows, int from, int to, int[] out, int kept) {
    for (int j = from; j < to; j++) {
      int row = rows[j];
      out[kept] = row;
      kept += values[row] <= constant ? 0 : 1;
    }
    return kept;
  }

  static int keepGreaterOrEqual(double[] values, double constant, int[] rows, int from, int to, int[] out, int kept) {
    for (int j = from; j < to; j++) {
      int row = rows[j];
      out[kept] = row;
      kept += values[row] < constant ? 0 : 1;
    }
    return kept;
  }
}
