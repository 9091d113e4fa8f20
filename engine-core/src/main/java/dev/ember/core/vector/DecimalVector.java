package dev.ember.core.vector;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.types.Int128;
import dev.ember.core.types.TypeKind;
import java.math.BigDecimal;

/**
 * A column of DECIMAL values wider than 18 digits (precision 19..38) as 128-bit two's-complement
 * unscaled values at the type's scale, split into two parallel arrays: {@code high[i]} and
 * {@code low[i]} are the upper and lower 64 bits of row i (narrower decimals are unscaled longs in
 * a {@link LongVector}).
 *
 * <p>Why two longs and not BigDecimal: the products and sums of money columns (DECIMAL(15,2) times
 * DECIMAL(16,2) is DECIMAL(32,4)) are this type, and kernels over primitive arrays run them with
 * no allocation per row; {@link dev.ember.core.types.Int128} holds the arithmetic. Why two arrays
 * and not one of pairs: most values of a wide type fit a long, and kernels test the high word alone
 * to take the long path; two arrays also gather and copy with the plain array loops.
 * BigDecimal remains at the edges ({@link #get}, text).
 */
public final class DecimalVector extends ColumnVector {
  /** Upper 64 bits of each unscaled value (sign included); null slots hold an arbitrary value (kernels write 0). */
  public final long[] high;
  /** Lower 64 bits of each unscaled value; null slots hold an arbitrary value (kernels write 0). */
  public final long[] low;

  public DecimalVector(ColumnType type, long[] high, long[] low, boolean[] nulls, int size) {
    super(type, size, nulls);
    if (type.kind() != TypeKind.DECIMAL || DecimalTypes.isCompact(type)) {
      throw new IllegalArgumentException("DecimalVector holds DECIMAL wider than 18 digits, not " + type);
    }
    if (high.length < size || low.length < size) {
      throw new IllegalArgumentException("high has " + high.length + " and low " + low.length + " slots for " + size + " rows");
    }
    this.high = high;
    this.low = low;
  }

  /**
   * A vector from BigDecimals that already have the type's scale and precision (a null element, or
   * a row {@code nulls} marks, is null): for literals, the API edge and tests, not for kernels.
   */
  public static DecimalVector of(ColumnType type, BigDecimal[] values, boolean[] nulls, int size) {
    long[] high = new long[size];
    long[] low = new long[size];
    boolean[] resultNulls = nulls;
    for (int i = 0; i < size; i++) {
      BigDecimal value = values[i];
      if (nulls != null && nulls[i]) {
        continue;
      }
      if (value == null) {
        if (resultNulls == nulls) {
          resultNulls = nulls == null ? new boolean[size] : nulls.clone();
        }
        resultNulls[i] = true;
        continue;
      }
      if (value.scale() != type.scale() || value.precision() > type.precision()) {
        throw new IllegalArgumentException("row " + i + " holds " + value + ", not a value of " + type);
      }
      java.math.BigInteger unscaled = value.unscaledValue();
      high[i] = Int128.high(unscaled);
      low[i] = Int128.low(unscaled);
    }
    return new DecimalVector(type, high, low, resultNulls, size);
  }

  /** The value of a non-null row as a BigDecimal of the type's scale (an allocation: for the edges). */
  public BigDecimal get(int row) {
    return Int128.toBigDecimal(high[row], low[row], type.scale());
  }

  @Override
  public Object getObject(int row) {
    return isNull(row) ? null : get(row);
  }

  @Override
  public DecimalVector slice(int from, int to) {
    java.util.Objects.checkFromToIndex(from, to, size);
    return new DecimalVector(type, java.util.Arrays.copyOfRange(high, from, to), java.util.Arrays.copyOfRange(low, from, to),
        sliceNulls(nulls, from, to), to - from);
  }

  @Override
  public DecimalVector gather(int[] positions, int count) {
    long[] gatheredHigh = new long[count];
    long[] gatheredLow = new long[count];
    for (int i = 0; i < count; i++) {
      int position = positions[i];
      if (position >= 0) {
        gatheredHigh[i] = high[position];
        gatheredLow[i] = low[position];
      }
    }
    return new DecimalVector(type, gatheredHigh, gatheredLow, gatherNulls(nulls, positions, count), count);
  }
}
