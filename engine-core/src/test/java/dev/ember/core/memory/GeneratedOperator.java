package dev.ember.core.memory;

import dev.ember.core.operator.Operator;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.LongVector;

/**
 * A range-like scan that computes its rows on the fly, so an input far larger than the heap is never
 * materialized: row r has LONG columns {@code first(r)} and {@code second(r)}.
 */
final class GeneratedOperator implements Operator {
  /** Two values of a row, computed from its index. */
  interface RowFunction {
    long first(long row);

    long second(long row);
  }

  private final long rows;
  private final RowFunction function;
  private long next;

  GeneratedOperator(long rows, RowFunction function) {
    this.rows = rows;
    this.function = function;
  }

  @Override
  public Batch next() {
    if (next >= rows) {
      return null;
    }
    int count = (int) Math.min(Batch.DEFAULT_ROWS, rows - next);
    long[] first = new long[count];
    long[] second = new long[count];
    for (int i = 0; i < count; i++) {
      first[i] = function.first(next + i);
      second[i] = function.second(next + i);
    }
    next += count;
    return new Batch(new ColumnVector[] {
      new LongVector(ColumnType.LONG, first, null, count), new LongVector(ColumnType.LONG, second, null, count)
    }, count);
  }

  @Override
  public void close() {}

  /** A bijection of longs (murmur3's finalizer): distinct rows get distinct, well-mixed keys. */
  static long mix(long value) {
    long h = value;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
