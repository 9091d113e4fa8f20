package dev.ember.core.operator.scan;

import dev.ember.core.operator.Operator;
import dev.ember.core.plan.RangeScanExec;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.LongVector;
import java.math.BigInteger;

/**
 * Generates partition {@code p} of {@code range(start, end, step)}: elements {@code [p*n/P,
 * (p+1)*n/P)} of the n elements, as Spark splits a range. Bounds use BigInteger once, so ranges
 * near Long.MIN_VALUE/MAX_VALUE do not overflow; the values are generated in a long loop.
 */
public final class RangeScanOperator implements Operator {
  private final long step;
  private long nextValue;
  /** Unsigned: range(Long.MIN_VALUE, Long.MAX_VALUE) has 2^64 - 1 elements. */
  private long remaining;

  public RangeScanOperator(RangeScanExec range, int partition) {
    BigInteger start = BigInteger.valueOf(range.start());
    BigInteger end = BigInteger.valueOf(range.end());
    BigInteger step = BigInteger.valueOf(range.step());
    BigInteger span = end.subtract(start);
    BigInteger elements = BigInteger.ZERO;
    if (span.signum() != 0 && span.signum() == step.signum()) {
      // ceil(span / step) for same-signed span and step.
      BigInteger[] quotientAndRemainder = span.divideAndRemainder(step);
      elements = quotientAndRemainder[0].add(quotientAndRemainder[1].signum() == 0 ? BigInteger.ZERO : BigInteger.ONE);
    }
    BigInteger partitions = BigInteger.valueOf(range.partitionCount());
    BigInteger first = elements.multiply(BigInteger.valueOf(partition)).divide(partitions);
    BigInteger last = elements.multiply(BigInteger.valueOf(partition + 1L)).divide(partitions);
    this.step = range.step();
    this.nextValue = start.add(first.multiply(step)).longValue();
    this.remaining = last.subtract(first).longValue();
  }

  @Override
  public Batch next() {
    if (remaining == 0) {
      return null;
    }
    int rows = Long.compareUnsigned(remaining, Batch.DEFAULT_ROWS) < 0 ? (int) remaining : Batch.DEFAULT_ROWS;
    long[] values = new long[rows];
    long value = nextValue;
    for (int i = 0; i < rows; i++) {
      values[i] = value;
      value += step;
    }
    nextValue = value;
    remaining -= rows;
    return Batch.of(new LongVector(ColumnType.LONG, values, null, rows));
  }

  @Override
  public void close() {}

}
