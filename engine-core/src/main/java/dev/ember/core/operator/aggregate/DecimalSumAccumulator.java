package dev.ember.core.operator.aggregate;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.types.Int128;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongPages;
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
 * <p>The running sum of a group is exact and 128-bit: two longs per group, interleaved in
 * {@link LongPages} (high at slot {@code 2g}, low at {@code 2g + 1}) so a group's sum is one cache
 * line, and growing by a page never copies the sums already there. A compact value
 * adds as a long with its carry (2^64 values of 18 digits could not leave 128 bits, so no check); a
 * wide value adds with a 128-bit overflow check, and a group whose sum leaves 128 bits continues
 * exactly as a BigInteger (values near 10^38 only). A sum with more digits than the sum type is null
 * (Spark's non-ANSI overflow), and an average is Spark's {@code Divide(sum, count as DECIMAL(20,0))}
 * rounded HALF_UP to the division's type, then to the result type (through BigDecimal, once per
 * group). Partial states are Spark's: sum and {@code isEmpty} for sum (a null sum of a non-empty
 * group carries an overflow through the shuffle), sum and count for avg.
 *
 * <p>Owned by one task thread, like every accumulator.
 */
final class DecimalSumAccumulator implements Accumulator {
  private static final MathContext SPARK_MATH_CONTEXT = new MathContext(DecimalTypes.MAX_PRECISION, RoundingMode.HALF_UP);
  private static final ColumnType LONG_DECIMAL = ColumnType.decimal(20, 0);

  private final ColumnType sumType;
  private final ColumnType resultType;
  private final boolean average;
  /** Per group g, the exact sum's high word at slot 2g and low word at 2g + 1 (while it fits 128 bits). */
  private long[][] sumPages = LongPages.empty();
  /** Per group, the exact sum once it left 128 bits; null (the whole array too) before that. */
  private BigInteger[] beyond;
  /**
   * Per group: a partial state said the sum overflowed. Null until one does (rare: a sum beyond its
   * type), so the common aggregate keeps one flag a group, not two (TPC-H Q18's 1.5 million groups).
   */
  private boolean[] overflowed;
  private boolean[] seen = new boolean[0];
  /** Per group (avg only), its count of rows. */
  private long[][] countPages = LongPages.empty();
  /** The most groups announced by {@link #ensureGroups}: every group id of an update is below it. */
  private int groupCount;
  /** A batch's per-group sums (and counts) in {@value #LANES} lanes, for few groups ({@link #addInLanes}). */
  private long[] laneSums = new long[0];
  private long[] laneCounts = new long[0];

  /** Interleaved partial sums per group: rows of one group in a row land in different lanes, so their adds do not wait on one another. */
  private static final int LANES = 4;
  private static final int LANE_BITS = 2;
  /** Lanes are used up to this many groups (a batch zeroes and folds them: cheap next to its rows). */
  static final int MAXIMUM_LANE_GROUPS = Long.SIZE;
  /** Group g's sum is in sum page {@code g >>> SUM_GROUP_BITS} (two longs a group). */
  private static final int SUM_GROUP_BITS = LongPages.PAGE_BITS - 1;

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
    this.groupCount = Math.max(this.groupCount, groupCount);
    // Pages for exactly the groups so far (a new page every 4,096 groups); the flags double.
    sumPages = LongPages.ensure(sumPages, 2L * groupCount);
    if (average) {
      countPages = LongPages.ensure(countPages, groupCount);
    }
    int length = Capacity.grow(seen.length, groupCount);
    if (length == seen.length) {
      return;
    }
    if (beyond != null) {
      beyond = Arrays.copyOf(beyond, length);
    }
    if (overflowed != null) {
      overflowed = Arrays.copyOf(overflowed, length);
    }
    seen = Arrays.copyOf(seen, length);
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
          countPages[group >>> LongPages.PAGE_BITS][group & LongPages.PAGE_MASK] += partialCounts.values[i];
          // A non-empty partial group without a sum overflowed.
          if (partialCounts.values[i] > 0 && sumNulls != null && sumNulls[i]) {
            markOverflowed(group);
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
          markOverflowed(group);
        }
      }
    }
  }

  private void markOverflowed(int group) {
    if (overflowed == null) {
      overflowed = new boolean[seen.length];
    }
    overflowed[group] = true;
  }

  private void add(ColumnVector input, int[] groupIds, int rowCount, boolean count) {
    if (input.type().scale() != sumType.scale()) {
      throw new IllegalArgumentException("a sum of scale " + sumType.scale() + " cannot add a " + input.type() + " column");
    }
    boolean[] nulls = input.nulls;
    // The value words, picked first so that the lane check and the lane loop are each called from
    // one place: the JIT compiles them once into this method, not once per vector class.
    long[] lows;
    long[] highs;
    switch (input) {
      case LongVector vector -> {
        lows = vector.values;
        highs = null;
      }
      case DecimalVector vector -> {
        lows = vector.low;
        highs = vector.high;
      }
      case BooleanVector vector -> throw wrongInput(vector);
      case IntVector vector -> throw wrongInput(vector);
      case DoubleVector vector -> throw wrongInput(vector);
      case StringVector vector -> throw wrongInput(vector);
    }
    if (fitLanes(lows, highs, rowCount)) {
      // Wide values that fit: every high word is its low word's sign, so the low words are longs.
      addInLanes(lows, nulls, groupIds, rowCount, count);
    } else if (highs == null) {
      addLongs(lows, nulls, groupIds, rowCount, count);
    } else {
      addWide(highs, lows, nulls, groupIds, rowCount, count);
    }
  }

  /**
   * The row loop of {@link #add} for long values. Row loops live in methods of their own, not in
   * the method that picks one per batch: the JIT then compiles each loop once and small, and never
   * replaces the picking method on stack with all it inlines (see {@link
   * dev.ember.core.storage.CompressedSelection#widenAt}'s kernels).
   */
  private void addLongs(long[] values, boolean[] nulls, int[] groupIds, int rowCount, boolean count) {
    long[][] sumPages = this.sumPages;
    long[][] countPages = this.countPages;
    boolean[] seen = this.seen;
    for (int i = 0; i < rowCount; i++) {
      if (nulls == null || !nulls[i]) {
        int group = groupIds[i];
        long value = values[i];
        if (beyond != null && beyond[group] != null) {
          beyond[group] = beyond[group].add(BigInteger.valueOf(value));
        } else {
          long[] sums = sumPages[group >>> SUM_GROUP_BITS];
          int slot = (group << 1) & LongPages.PAGE_MASK;
          long lowBefore = sums[slot + 1];
          long lowAfter = lowBefore + value;
          // The value sign-extended to 128 bits, plus the carry out of the low word.
          sums[slot] += (value >> 63) + (Long.compareUnsigned(lowAfter, lowBefore) < 0 ? 1 : 0);
          sums[slot + 1] = lowAfter;
        }
        seen[group] = true;
        if (count) {
          countPages[group >>> LongPages.PAGE_BITS][group & LongPages.PAGE_MASK]++;
        }
      }
    }
  }

  /** The row loop of {@link #add} for 128-bit values. */
  private void addWide(long[] highs, long[] lows, boolean[] nulls, int[] groupIds, int rowCount, boolean count) {
    long[][] sumPages = this.sumPages;
    long[][] countPages = this.countPages;
    boolean[] seen = this.seen;
    for (int i = 0; i < rowCount; i++) {
      if (nulls == null || !nulls[i]) {
        int group = groupIds[i];
        long valueHigh = highs[i];
        long valueLow = lows[i];
        if (beyond != null && beyond[group] != null) {
          beyond[group] = beyond[group].add(Int128.toBigInteger(valueHigh, valueLow));
        } else {
          long[] sums = sumPages[group >>> SUM_GROUP_BITS];
          int slot = (group << 1) & LongPages.PAGE_MASK;
          long highBefore = sums[slot];
          long lowBefore = sums[slot + 1];
          long lowAfter = lowBefore + valueLow;
          long highAfter = highBefore + valueHigh + (Long.compareUnsigned(lowAfter, lowBefore) < 0 ? 1 : 0);
          // Overflow iff both operands have the sign the result lacks (Math.addExact's test).
          if (((highBefore ^ highAfter) & (valueHigh ^ highAfter)) < 0) {
            leave128Bits(group, Int128.toBigInteger(valueHigh, valueLow));
          } else {
            sums[slot] = highAfter;
            sums[slot + 1] = lowAfter;
          }
        }
        seen[group] = true;
        if (count) {
          countPages[group >>> LongPages.PAGE_BITS][group & LongPages.PAGE_MASK]++;
        }
      }
    }
  }

  /**
   * Whether a batch can be summed in lanes of plain longs: few groups, no group beyond 128 bits, and
   * values so small that no sum of {@code rowCount} of them leaves a long. With {@code highs} (wide
   * values) each high word must also be the sign of its low word. Null rows' garbage is included:
   * the bound may only be looser than needed.
   */
  private boolean fitLanes(long[] values, long[] highs, int rowCount) {
    if (groupCount > MAXIMUM_LANE_GROUPS || beyond != null || rowCount < LANES) {
      return false;
    }
    // |value| <= 2^valueBits, so a sum of rowCount values stays within 2^(valueBits + rowBits) < 2^63.
    int valueBits = Int128.magnitudeBits(values, highs, rowCount);
    int rowBits = 32 - Integer.numberOfLeadingZeros(rowCount);
    return valueBits + rowBits <= 62;
  }

  /**
   * Adds a batch whose values fit longs ({@link #fitLanes}) for at most {@link
   * #MAXIMUM_LANE_GROUPS} groups: each row adds into lane {@code row mod 4} of its group's batch sum
   * (no carries: the batch sums cannot overflow), then each group's four lanes fold into its exact
   * 128-bit sum. With four groups (TPC-H Q1) most rows follow one of their group, and a single
   * running sum per group would make every add wait for the one before.
   */
  private void addInLanes(long[] values, boolean[] nulls, int[] groupIds, int rowCount, boolean count) {
    int laneSlots = groupCount << LANE_BITS;
    if (laneSums.length < laneSlots) {
      laneSums = new long[MAXIMUM_LANE_GROUPS << LANE_BITS];
      laneCounts = new long[MAXIMUM_LANE_GROUPS << LANE_BITS];
    }
    long[] lanes = laneSums;
    long[] rowsInLanes = laneCounts;
    Arrays.fill(lanes, 0, laneSlots, 0);
    Arrays.fill(rowsInLanes, 0, laneSlots, 0);
    // Without nulls or counts, which groups have rows is all that is needed: a bit per group (at most 64).
    long groupsWithRows = 0;
    boolean countRows = nulls != null || count;
    if (!countRows) {
      groupsWithRows = addToLanes(values, groupIds, rowCount, lanes);
    } else if (nulls == null) {
      addToLanesCounting(values, groupIds, rowCount, lanes, rowsInLanes);
    } else {
      addToLanesSkippingNulls(values, nulls, groupIds, rowCount, lanes, rowsInLanes);
    }
    foldLanes(lanes, rowsInLanes, groupsWithRows, countRows, count);
  }

  /**
   * Folds each group's four lanes into its exact 128-bit sum: groups without rows ({@code
   * rowsInLanes} when {@code countRows}, else the bits of {@code groupsWithRows}) are left alone.
   */
  private void foldLanes(long[] lanes, long[] rowsInLanes, long groupsWithRows, boolean countRows, boolean count) {
    // At most MAXIMUM_LANE_GROUPS groups: all in the first page.
    long[] sums = sumPages[0];
    for (int group = 0; group < groupCount; group++) {
      int first = group << LANE_BITS;
      long rows = rowsInLanes[first] + rowsInLanes[first + 1] + rowsInLanes[first + 2] + rowsInLanes[first + 3];
      if (countRows ? rows == 0 : (groupsWithRows & (1L << group)) == 0) {
        continue;
      }
      long value = lanes[first] + lanes[first + 1] + lanes[first + 2] + lanes[first + 3];
      int slot = group << 1;
      long lowBefore = sums[slot + 1];
      long lowAfter = lowBefore + value;
      long highBefore = sums[slot];
      long highAfter = highBefore + (value >> 63) + (Long.compareUnsigned(lowAfter, lowBefore) < 0 ? 1 : 0);
      if (((highBefore ^ highAfter) & ((value >> 63) ^ highAfter)) < 0) {
        leave128Bits(group, BigInteger.valueOf(value));
      } else {
        sums[slot] = highAfter;
        sums[slot + 1] = lowAfter;
      }
      seen[group] = true;
      if (count) {
        countPages[0][group] += rows;
      }
    }
  }

  /** Adds each row into lane {@code row mod 4} of its group; returns a bit per group that has rows. */
  private static long addToLanes(long[] values, int[] groupIds, int rowCount, long[] lanes) {
    long groupsWithRows = 0;
    for (int i = 0; i < rowCount; i++) {
      int group = groupIds[i];
      lanes[(group << LANE_BITS) | (i & (LANES - 1))] += values[i];
      groupsWithRows |= 1L << group;
    }
    return groupsWithRows;
  }

  /** As {@link #addToLanes}, counting each lane's rows. */
  private static void addToLanesCounting(long[] values, int[] groupIds, int rowCount, long[] lanes, long[] rowsInLanes) {
    for (int i = 0; i < rowCount; i++) {
      int lane = (groupIds[i] << LANE_BITS) | (i & (LANES - 1));
      lanes[lane] += values[i];
      rowsInLanes[lane]++;
    }
  }

  /** As {@link #addToLanesCounting}, leaving out null rows (whose slots hold garbage) without a branch. */
  private static void addToLanesSkippingNulls(
      long[] values, boolean[] nulls, int[] groupIds, int rowCount, long[] lanes, long[] rowsInLanes) {
    for (int i = 0; i < rowCount; i++) {
      int lane = (groupIds[i] << LANE_BITS) | (i & (LANES - 1));
      long present = nulls[i] ? 0 : 1;
      lanes[lane] += values[i] & -present;
      rowsInLanes[lane] += present;
    }
  }

  /** Moves a group's sum to a BigInteger, with {@code value} added, once it no longer fits 128 bits. */
  private void leave128Bits(int group, BigInteger value) {
    if (beyond == null) {
      beyond = new BigInteger[seen.length];
    }
    long[] sums = sumPages[group >>> SUM_GROUP_BITS];
    int slot = (group << 1) & LongPages.PAGE_MASK;
    beyond[group] = Int128.toBigInteger(sums[slot], sums[slot + 1]).add(value);
    sums[slot] = 0;
    sums[slot + 1] = 0;
  }

  private IllegalArgumentException wrongInput(ColumnVector vector) {
    return new IllegalArgumentException((average ? "avg" : "sum") + " of " + sumType + " cannot add a " + vector.type() + " column");
  }

  /**
   * Writes the group's exact sum into {@code high[index]} and {@code low[index]} and says whether it
   * is there: false when the group is empty or its sum overflowed the sum type.
   */
  private boolean sumOf(int group, long[] high, long[] low, int index) {
    if (!seen[group] || (overflowed != null && overflowed[group])) {
      return false;
    }
    long sumHigh;
    long sumLow;
    if (beyond != null && beyond[group] != null) {
      BigInteger exact = beyond[group];
      if (!Int128.fits(exact)) {
        return false;
      }
      sumHigh = Int128.high(exact);
      sumLow = Int128.low(exact);
    } else {
      long[] sums = sumPages[group >>> SUM_GROUP_BITS];
      int slot = (group << 1) & LongPages.PAGE_MASK;
      sumHigh = sums[slot];
      sumLow = sums[slot + 1];
    }
    if (!Int128.fitsPrecision(sumHigh, sumLow, sumType.precision())) {
      return false;
    }
    high[index] = sumHigh;
    low[index] = sumLow;
    return true;
  }

  /** The sums of groups [from, to) as a vector of the sum type: null for an empty or overflowed group. */
  private ColumnVector sumColumn(int from, int to) {
    int count = to - from;
    long[] high = new long[count];
    long[] low = new long[count];
    boolean[] nulls = null;
    for (int i = 0; i < count; i++) {
      if (!sumOf(from + i, high, low, i)) {
        if (nulls == null) {
          nulls = new boolean[count];
        }
        nulls[i] = true;
      }
    }
    return DecimalTypes.isCompact(sumType)
        ? new LongVector(sumType, low, nulls, count)
        : new DecimalVector(sumType, high, low, nulls, count);
  }

  @Override
  public ColumnVector[] states(int from, int to) {
    int count = to - from;
    ColumnVector sumColumn = sumColumn(from, to);
    if (average) {
      long[] counts = new long[count];
      LongPages.copyOut(countPages, from, counts, 0, count);
      return new ColumnVector[] {sumColumn, new LongVector(ColumnType.LONG, counts, null, count)};
    }
    boolean[] empty = new boolean[count];
    for (int i = 0; i < count; i++) {
      empty[i] = !seen[from + i];
    }
    return new ColumnVector[] {sumColumn, new BooleanVector(ColumnType.BOOLEAN, empty, null, count)};
  }

  @Override
  public ColumnVector results(int from, int to) {
    if (!average) {
      return sumColumn(from, to);
    }
    int count = to - from;
    ColumnType divisionType = DecimalTypes.resultType(DecimalTypes.Operation.DIVIDE, sumType, LONG_DECIMAL);
    long[] sumHigh = new long[1];
    long[] sumLow = new long[1];
    BigDecimal[] values = new BigDecimal[count];
    boolean[] nulls = new boolean[count];
    for (int i = 0; i < count; i++) {
      int group = from + i;
      BigDecimal value = null;
      long rows = countPages[group >>> LongPages.PAGE_BITS][group & LongPages.PAGE_MASK];
      if (rows > 0 && sumOf(group, sumHigh, sumLow, 0)) {
        // Once per group, so BigDecimal's division with Spark's context and rounding is affordable.
        BigDecimal sum = Int128.toBigDecimal(sumHigh[0], sumLow[0], sumType.scale());
        BigDecimal quotient = DecimalTypes.fit(sum.divide(BigDecimal.valueOf(rows), SPARK_MATH_CONTEXT), divisionType);
        value = quotient == null ? null : DecimalTypes.fit(quotient, resultType);
      }
      values[i] = value;
      nulls[i] = value == null;
    }
    if (!DecimalTypes.isCompact(resultType)) {
      return DecimalVector.of(resultType, values, nulls, count);
    }
    long[] unscaled = new long[count];
    for (int i = 0; i < count; i++) {
      if (values[i] != null) {
        unscaled[i] = values[i].unscaledValue().longValueExact();
      }
    }
    return new LongVector(resultType, unscaled, nulls, count);
  }

  @Override
  public long retainedBytes() {
    // The sum and count pages and two flags per group.
    return LongPages.retainedBytes(sumPages) + LongPages.retainedBytes(countPages) + seen.length
        + (overflowed == null ? 0 : overflowed.length);
  }
}
