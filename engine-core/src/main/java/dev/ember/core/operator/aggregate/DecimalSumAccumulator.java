package dev.ember.core.operator.aggregate;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * sum(x) and avg(x) of a DECIMAL(p,s), with Spark's types: the sum is DECIMAL(min(38, p + 10), s),
 * the average DECIMAL(min(38, p + 4), min(38, s + 4)).
 *
 * <p>The running sum of a group is exact: an unscaled long (all values have the scale s) until it
 * would overflow, then a BigInteger for that group only, so the common case adds longs with no
 * allocation. A sum with more digits than the sum type is null (Spark's non-ANSI overflow), and an
 * average is Spark's {@code Divide(sum, count as DECIMAL(20,0))} rounded HALF_UP to the division's
 * type, then to the result type. Partial states are Spark's: sum and {@code isEmpty} for sum (a
 * null sum of a non-empty group carries an overflow through the shuffle), sum and count for avg.
 *
 * <p>Owned by one task thread, like every accumulator.
 */
final class DecimalSumAccumulator implements Accumulator {
  private static final MathContext SPARK_MATH_CONTEXT = new MathContext(DecimalTypes.MAX_PRECISION, RoundingMode.HALF_UP);
  private static final ColumnType LONG_DECIMAL = ColumnType.decimal(20, 0);

  private final ColumnType sumType;
  private final ColumnType resultType;
  private final boolean average;
  private long[] sums = new long[0];
  /** Per group, the exact sum once it left the long range; null before that. */
  private BigInteger[] wideSums = new BigInteger[0];
  /** Per group: a partial state said the sum overflowed. */
  private boolean[] overflowed = new boolean[0];
  private boolean[] seen = new boolean[0];
  private long[] counts = new long[0];

  private DecimalSumAccumulator(ColumnType sumType, ColumnType resultType, boolean average) {
    this.sumType = sumType;
    this.resultType = resultType;
    this.average = average;
  }

  static DecimalSumAccumulator sum(ColumnType resultType) {
    return new DecimalSumAccumulator(resultType, resultType, false);
  }

  static DecimalSumAccumulator average(ColumnType sumType, ColumnType resultType) {
    return new DecimalSumAccumulator(sumType, resultType, true);
  }

  @Override
  public void ensureGroups(int groupCount) {
    int length = Capacity.grow(seen.length, groupCount);
    if (length == seen.length) {
      return;
    }
    sums = Arrays.copyOf(sums, length);
    wideSums = Arrays.copyOf(wideSums, length);
    overflowed = Arrays.copyOf(overflowed, length);
    seen = Arrays.copyOf(seen, length);
    if (average) {
      counts = Arrays.copyOf(counts, length);
    }
  }

  @Override
  public void update(ColumnVector[] arguments, int[] groupIds, int rowCount) {
    add(arguments[0], groupIds, rowCount, average);
  }

  @Override
  public void merge(ColumnVector[] states, int[] groupIds, int rowCount) {
    ColumnVector partialSums = states[0];
    if (average) {
      add(partialSums, groupIds, rowCount, false);
      LongVector partialCounts = (LongVector) states[1];
      boolean[] sumNulls = partialSums.nulls;
      for (int i = 0; i < rowCount; i++) {
        if (!partialCounts.isNull(i)) {
          int group = groupIds[i];
          counts[group] += partialCounts.values[i];
          // A non-empty partial group without a sum overflowed.
          if (partialCounts.values[i] > 0 && sumNulls != null && sumNulls[i]) {
            overflowed[group] = true;
          }
        }
      }
      return;
    }
    add(partialSums, groupIds, rowCount, false);
    BooleanVector empty = (BooleanVector) states[1];
    boolean[] sumNulls = partialSums.nulls;
    for (int i = 0; i < rowCount; i++) {
      if (!empty.isNull(i) && !empty.values[i]) {
        int group = groupIds[i];
        seen[group] = true;
        if (sumNulls != null && sumNulls[i]) {
          overflowed[group] = true;
        }
      }
    }
  }

  private void add(ColumnVector input, int[] groupIds, int rowCount, boolean count) {
    if (input.type().scale() != sumType.scale()) {
      throw new IllegalArgumentException("a sum of scale " + sumType.scale() + " cannot add a " + input.type() + " column");
    }
    boolean[] nulls = input.nulls;
    long[] sums = this.sums;
    boolean[] seen = this.seen;
    switch (input) {
      case LongVector vector -> {
        long[] values = vector.values;
        for (int i = 0; i < rowCount; i++) {
          if (nulls == null || !nulls[i]) {
            int group = groupIds[i];
            long value = values[i];
            long before = sums[group];
            long after = before + value;
            // Overflow iff both operands have the sign the result lacks (Math.addExact's test).
            if (((before ^ after) & (value ^ after)) < 0 || wideSums[group] != null) {
              addWide(group, BigInteger.valueOf(value));
            } else {
              sums[group] = after;
            }
            seen[group] = true;
            if (count) {
              counts[group]++;
            }
          }
        }
      }
      case DecimalVector vector -> {
        BigDecimal[] values = vector.values;
        for (int i = 0; i < rowCount; i++) {
          if (nulls == null || !nulls[i]) {
            int group = groupIds[i];
            BigDecimal value = values[i];
            // A wide type's values are often small (products of money): add those on the long sum.
            if (wideSums[group] == null && value.precision() <= DecimalTypes.MAX_LONG_DIGITS) {
              long unscaled = value.unscaledValue().longValue();
              long before = sums[group];
              long after = before + unscaled;
              if (((before ^ after) & (unscaled ^ after)) < 0) {
                addWide(group, BigInteger.valueOf(unscaled));
              } else {
                sums[group] = after;
              }
            } else {
              addWide(group, value.unscaledValue());
            }
            seen[group] = true;
            if (count) {
              counts[group]++;
            }
          }
        }
      }
      case BooleanVector vector -> throw wrongInput(vector);
      case IntVector vector -> throw wrongInput(vector);
      case DoubleVector vector -> throw wrongInput(vector);
      case StringVector vector -> throw wrongInput(vector);
    }
  }

  private void addWide(int group, BigInteger value) {
    BigInteger current = wideSums[group];
    if (current == null) {
      current = BigInteger.valueOf(sums[group]);
      sums[group] = 0;
    }
    wideSums[group] = current.add(value);
  }

  private IllegalArgumentException wrongInput(ColumnVector vector) {
    return new IllegalArgumentException((average ? "avg" : "sum") + " of " + sumType + " cannot add a " + vector.type() + " column");
  }

  /** The group's exact sum at the sum scale, or null when it overflowed the sum type. */
  private BigDecimal sumOf(int group) {
    if (overflowed[group]) {
      return null;
    }
    BigInteger unscaled = wideSums[group] != null ? wideSums[group] : BigInteger.valueOf(sums[group]);
    return DecimalTypes.fitsPrecision(unscaled, sumType.precision()) ? new BigDecimal(unscaled, sumType.scale()) : null;
  }

  @Override
  public ColumnVector[] states(int from, int to) {
    int count = to - from;
    BigDecimal[] values = new BigDecimal[count];
    boolean[] nulls = new boolean[count];
    for (int i = 0; i < count; i++) {
      int group = from + i;
      values[i] = seen[group] ? sumOf(group) : null;
      nulls[i] = values[i] == null;
    }
    ColumnVector sumColumn = vector(sumType, values, nulls, count);
    if (average) {
      return new ColumnVector[] {sumColumn, new LongVector(ColumnType.LONG, Arrays.copyOfRange(counts, from, to), null, count)};
    }
    boolean[] empty = new boolean[count];
    for (int i = 0; i < count; i++) {
      empty[i] = !seen[from + i];
    }
    return new ColumnVector[] {sumColumn, new BooleanVector(ColumnType.BOOLEAN, empty, null, count)};
  }

  @Override
  public ColumnVector results(int from, int to) {
    int count = to - from;
    BigDecimal[] values = new BigDecimal[count];
    boolean[] nulls = new boolean[count];
    ColumnType divisionType = average
        ? DecimalTypes.resultType(DecimalTypes.Operation.DIVIDE, sumType, LONG_DECIMAL)
        : null;
    for (int i = 0; i < count; i++) {
      int group = from + i;
      BigDecimal value = null;
      if (seen[group]) {
        BigDecimal sum = sumOf(group);
        if (sum != null && !average) {
          value = sum;
        } else if (sum != null && counts[group] > 0) {
          BigDecimal quotient = DecimalTypes.fit(sum.divide(BigDecimal.valueOf(counts[group]), SPARK_MATH_CONTEXT), divisionType);
          value = quotient == null ? null : DecimalTypes.fit(quotient, resultType);
        }
      }
      values[i] = value;
      nulls[i] = value == null;
    }
    return vector(resultType, values, nulls, count);
  }

  private static ColumnVector vector(ColumnType type, BigDecimal[] values, boolean[] nulls, int count) {
    if (!DecimalTypes.isCompact(type)) {
      return new DecimalVector(type, values, nulls, count);
    }
    long[] unscaled = new long[count];
    for (int i = 0; i < count; i++) {
      if (values[i] != null) {
        unscaled[i] = values[i].unscaledValue().longValueExact();
      }
    }
    return new LongVector(type, unscaled, nulls, count);
  }

  @Override
  public long retainedBytes() {
    return 26L * seen.length;
  }
}
