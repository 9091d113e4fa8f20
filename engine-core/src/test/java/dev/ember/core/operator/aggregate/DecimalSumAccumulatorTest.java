package dev.ember.core.operator.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.VectorBuilder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * sum and avg of decimals on 128 bits against BigDecimal sums of the same rows kept in plain lists:
 * compact (DECIMAL(15,2), the money column) and wide (DECIMAL(28,4), DECIMAL(38,6)) inputs, nulls,
 * negative values, one group and many (skewed), sums that leave 38 digits (null, Spark's non-ANSI
 * overflow) and that leave 128 bits and come back, computed in one accumulator and as partial
 * states of several merged into one (the two-phase aggregate across a shuffle).
 */
class DecimalSumAccumulatorTest {
  private static final MathContext SPARK_MATH_CONTEXT = new MathContext(38, RoundingMode.HALF_UP);
  private static final ColumnType LONG_DECIMAL = ColumnType.decimal(20, 0);

  @Test
  void sumsAndAveragesMatchBigDecimalInOneStepAndThroughPartialStates() {
    long seed = TestSeeds.seed(1515);
    Random random = new Random(seed);
    int overflowedSums = 0;
    int checkedGroups = 0;
    for (ColumnType inputType : List.of(ColumnType.decimal(15, 2), ColumnType.decimal(28, 4), ColumnType.decimal(38, 6), ColumnType.decimal(5, 0))) {
      for (int groupCount : new int[] {1, 7, 300}) {
        int rowCount = 1 + random.nextInt(3_000);
        int[] groups = new int[rowCount];
        BigDecimal[] values = new BigDecimal[rowCount];
        for (int i = 0; i < rowCount; i++) {
          // Skew: half the rows in group 0.
          groups[i] = random.nextBoolean() ? 0 : random.nextInt(groupCount);
          values[i] = random.nextInt(12) == 0 ? null : value(random, inputType);
        }
        ColumnType sumType = DecimalTypes.sumType(inputType);
        ColumnType averageType = DecimalTypes.averageType(inputType);
        List<BigDecimal> expectedSums = new ArrayList<>();
        List<BigDecimal> expectedAverages = new ArrayList<>();
        // Through partial states a part whose own sum overflows makes the group's result null (Spark:
        // a null partial sum of a non-empty group), even when the other parts bring it back.
        List<BigDecimal> expectedMergedSums = new ArrayList<>();
        List<BigDecimal> expectedMergedAverages = new ArrayList<>();
        for (int group = 0; group < groupCount; group++) {
          BigDecimal sum = null;
          long count = 0;
          boolean partOverflowed = false;
          for (int part = 0; part < 3; part++) {
            BigDecimal partSum = null;
            for (int i = part * rowCount / 3; i < (part + 1) * rowCount / 3; i++) {
              if (groups[i] == group && values[i] != null) {
                partSum = partSum == null ? values[i] : partSum.add(values[i]);
                sum = sum == null ? values[i] : sum.add(values[i]);
                count++;
              }
            }
            partOverflowed |= partSum != null && fitsOrNull(partSum, sumType) == null;
          }
          BigDecimal fittedSum = sum == null ? null : fitsOrNull(sum, sumType);
          overflowedSums += sum != null && fittedSum == null ? 1 : 0;
          expectedSums.add(fittedSum);
          BigDecimal fittedAverage = fittedSum == null ? null : average(fittedSum, count, sumType, averageType);
          expectedAverages.add(fittedAverage);
          expectedMergedSums.add(partOverflowed ? null : fittedSum);
          expectedMergedAverages.add(partOverflowed ? null : fittedAverage);
        }
        String context = inputType + " over " + groupCount + " groups, " + TestSeeds.describe(seed);
        for (boolean average : new boolean[] {false, true}) {
          List<BigDecimal> expected = average ? expectedAverages : expectedSums;
          ColumnType resultType = average ? averageType : sumType;
          // One step: update in batches of random sizes, then results.
          DecimalSumAccumulator whole = create(average, sumType, averageType);
          feed(whole, inputType, values, groups, groupCount, random);
          assertThat(decimals(whole.results(0, groupCount), resultType)).as("one step " + (average ? "avg " : "sum ") + context)
              .isEqualTo(expected);
          // Two phases: three partial accumulators over thirds, their states merged into one.
          DecimalSumAccumulator merged = create(average, sumType, averageType);
          merged.ensureGroups(groupCount);
          int[] identity = new int[groupCount];
          for (int group = 0; group < groupCount; group++) {
            identity[group] = group;
          }
          for (int part = 0; part < 3; part++) {
            int from = part * rowCount / 3;
            int to = (part + 1) * rowCount / 3;
            DecimalSumAccumulator partial = create(average, sumType, averageType);
            feed(partial, inputType, Arrays.copyOfRange(values, from, to), Arrays.copyOfRange(groups, from, to), groupCount, random);
            merged.merge(partial.states(0, groupCount), identity, groupCount);
          }
          assertThat(decimals(merged.results(0, groupCount), resultType)).as("merged " + (average ? "avg " : "sum ") + context)
              .isEqualTo(average ? expectedMergedAverages : expectedMergedSums);
          checkedGroups += groupCount;
        }
      }
    }
    assertThat(overflowedSums).as("sums beyond 38 digits were exercised").isGreaterThan(0);
    assertThat(checkedGroups).isEqualTo(4 * (1 + 7 + 300) * 2);
  }

  /**
   * Groups arriving batch by batch, as an aggregate announces them, until they span several sum
   * pages (4,096 groups a page): every group's sum and average, read back in ranges that straddle
   * page boundaries, equals BigDecimal's, including a group in a later page whose sum leaves 128 bits.
   */
  @Test
  void groupsAnnouncedBatchByBatchAcrossPagesSumExactly() {
    long seed = TestSeeds.seed(1516);
    Random random = new Random(seed);
    ColumnType inputType = ColumnType.decimal(38, 0);
    ColumnType sumType = DecimalTypes.sumType(inputType);
    ColumnType averageType = DecimalTypes.averageType(inputType);
    int groupCount = 3 * 4096 + 123;
    BigDecimal nearMaximum = new BigDecimal(BigInteger.TEN.pow(38).subtract(BigInteger.ONE));
    int beyondGroup = 2 * 4096 + 5;
    for (boolean average : new boolean[] {false, true}) {
      DecimalSumAccumulator accumulator = create(average, sumType, averageType);
      BigDecimal[] sums = new BigDecimal[groupCount];
      long[] counts = new long[groupCount];
      int announced = 0;
      while (announced < groupCount) {
        // Each batch brings up to 500 new groups and adds rows to any group seen so far.
        announced = Math.min(groupCount, announced + 1 + random.nextInt(500));
        accumulator.ensureGroups(announced);
        int rows = 2 + random.nextInt(1_000);
        int[] groups = new int[rows];
        BigDecimal[] values = new BigDecimal[rows];
        for (int i = 0; i < rows; i++) {
          groups[i] = i == 0 ? announced - 1 : i == 1 && announced > beyondGroup ? beyondGroup : random.nextInt(announced);
          values[i] = random.nextInt(9) == 0 ? null : BigDecimal.valueOf(random.nextLong() % 1_000_000_000L);
          if (groups[i] == beyondGroup && values[i] != null) {
            values[i] = nearMaximum;
          }
        }
        VectorBuilder builder = VectorBuilder.forType(inputType, rows);
        for (BigDecimal value : values) {
          builder.appendDecimal(value);
        }
        accumulator.update(new ColumnVector[] {builder.build()}, groups, rows);
        for (int i = 0; i < rows; i++) {
          if (values[i] != null) {
            sums[groups[i]] = sums[groups[i]] == null ? values[i] : sums[groups[i]].add(values[i]);
            counts[groups[i]]++;
          }
        }
      }
      assertThat(counts[beyondGroup]).as("the group beyond 128 bits has rows, " + TestSeeds.describe(seed)).isGreaterThan(2);
      ColumnType resultType = average ? averageType : sumType;
      int[] bounds = {0, 4000, 4096, 8300, 12_000, groupCount};
      for (int range = 0; range + 1 < bounds.length; range++) {
        int from = bounds[range];
        int to = bounds[range + 1];
        List<BigDecimal> expected = new ArrayList<>();
        for (int group = from; group < to; group++) {
          BigDecimal sum = sums[group] == null ? null : fitsOrNull(sums[group], sumType);
          expected.add(sum == null || !average ? sum : average(sum, counts[group], sumType, averageType));
        }
        assertThat(decimals(accumulator.results(from, to), resultType))
            .as((average ? "avg" : "sum") + " of groups " + from + " to " + to + ", " + TestSeeds.describe(seed))
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void aSumThatLeaves128BitsAndComesBackIsExact() {
    ColumnType type = ColumnType.decimal(38, 0);
    BigDecimal nearMaximum = new BigDecimal(BigInteger.TEN.pow(38).subtract(BigInteger.ONE));
    // +max +max (beyond 2^127) -max -max +1: the exact sum is 1, as BigDecimal says.
    BigDecimal[] values = {nearMaximum, nearMaximum, nearMaximum.negate(), nearMaximum.negate(), BigDecimal.ONE};
    DecimalSumAccumulator sum = DecimalSumAccumulator.sum(type);
    sum.ensureGroups(1);
    for (BigDecimal value : values) {
      sum.update(new ColumnVector[] {DecimalVector.of(type, new BigDecimal[] {value}, null, 1)}, new int[] {0}, 1);
    }
    assertThat(sum.results(0, 1).getObject(0)).isEqualTo(BigDecimal.ONE);
    // Stopping at +max +max: beyond 38 digits, so null.
    DecimalSumAccumulator overflowing = DecimalSumAccumulator.sum(type);
    overflowing.ensureGroups(1);
    overflowing.update(new ColumnVector[] {DecimalVector.of(type, new BigDecimal[] {nearMaximum, nearMaximum}, null, 2)}, new int[] {0, 0}, 2);
    assertThat(overflowing.results(0, 1).getObject(0)).isNull();
    assertThat(overflowing.states(0, 1)[1].getObject(0)).as("not empty, so the null sum means overflow").isEqualTo(false);
  }

  @Test
  void compactSumsCarryIntoTheHighWordBothWays() {
    ColumnType type = ColumnType.decimal(18, 0);
    long big = 999_999_999_999_999_999L;
    int rows = 40;
    long[] positives = new long[rows];
    Arrays.fill(positives, big);
    long[] negatives = new long[rows];
    Arrays.fill(negatives, -big);
    DecimalSumAccumulator sum = DecimalSumAccumulator.sum(DecimalTypes.sumType(type));
    sum.ensureGroups(2);
    int[] groupZero = new int[rows];
    int[] groupOne = new int[rows];
    Arrays.fill(groupOne, 1);
    sum.update(new ColumnVector[] {new LongVector(type, positives, null, rows)}, groupZero, rows);
    sum.update(new ColumnVector[] {new LongVector(type, negatives, null, rows)}, groupOne, rows);
    BigDecimal expected = BigDecimal.valueOf(big).multiply(BigDecimal.valueOf(rows));
    assertThat(sum.results(0, 2).getObject(0)).isEqualTo(expected);
    assertThat(sum.results(0, 2).getObject(1)).isEqualTo(expected.negate());
  }

  /**
   * Few groups sum a batch in lanes of plain longs when no batch sum can leave a long: exact at the
   * bound (values of 2^48 over 4,096 rows) and just past it (2^49: the 128-bit path), with garbage
   * up to Long.MIN_VALUE in null rows' slots, compact and wide vectors (wide values that fit longs,
   * and ones whose high words do not), and counts for avg; all against BigInteger sums.
   */
  @Test
  void fewGroupsSumInLanesExactlyAtTheBoundAndPastIt() {
    Random random = new Random(TestSeeds.seed(4242));
    ColumnType compactType = ColumnType.decimal(18, 0);
    ColumnType wideType = ColumnType.decimal(38, 0);
    for (long magnitude : new long[] {(1L << 48) - 1, 1L << 48, 1L << 49, Long.MAX_VALUE / 3}) {
      for (boolean wide : new boolean[] {false, true}) {
        for (boolean withNulls : new boolean[] {false, true}) {
          for (int groupCount : new int[] {1, 4, DecimalSumAccumulator.MAXIMUM_LANE_GROUPS, DecimalSumAccumulator.MAXIMUM_LANE_GROUPS + 1}) {
            ColumnType type = wide ? wideType : compactType;
            DecimalSumAccumulator average = DecimalSumAccumulator.average(DecimalTypes.sumType(type), DecimalTypes.averageType(type));
            DecimalSumAccumulator sum = DecimalSumAccumulator.sum(DecimalTypes.sumType(type));
            average.ensureGroups(groupCount);
            sum.ensureGroups(groupCount);
            BigInteger[] expected = new BigInteger[groupCount];
            long[] expectedCounts = new long[groupCount];
            for (int batch = 0; batch < 3; batch++) {
              int rows = batch == 0 ? 4096 : 1 + random.nextInt(4096);
              long[] low = new long[rows];
              long[] high = new long[rows];
              boolean[] nulls = new boolean[rows];
              int[] groups = new int[rows];
              for (int i = 0; i < rows; i++) {
                // Runs of one group, as in Q1's lineitem.
                groups[i] = i % 64 < 48 ? 0 : random.nextInt(groupCount);
                nulls[i] = withNulls && random.nextInt(9) == 0;
                long value = random.nextBoolean() ? magnitude : -magnitude;
                if (random.nextInt(5) == 0) {
                  value = random.nextLong(-magnitude, magnitude);
                }
                // Null rows' garbage: within the bound (must not be added) or, in batch 1, the extremes (no lanes then).
                long garbage = batch == 1 ? (random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE) : magnitude;
                low[i] = nulls[i] ? garbage : value;
                high[i] = low[i] >> 63;
                if (wide && !nulls[i] && batch == 2 && i == rows / 2) {
                  // A value beyond a long: the batch takes the 128-bit path.
                  high[i] = 5;
                }
                if (!nulls[i]) {
                  BigInteger exact = wide ? BigInteger.valueOf(high[i]).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low[i]))) : BigInteger.valueOf(low[i]);
                  expected[groups[i]] = expected[groups[i]] == null ? exact : expected[groups[i]].add(exact);
                  expectedCounts[groups[i]]++;
                }
              }
              boolean[] vectorNulls = withNulls ? nulls : null;
              ColumnVector vector = wide ? new DecimalVector(type, high, low, vectorNulls, rows) : new LongVector(type, low, vectorNulls, rows);
              sum.update(new ColumnVector[] {vector}, groups, rows);
              average.update(new ColumnVector[] {vector}, groups, rows);
            }
            ColumnVector sums = sum.results(0, groupCount);
            ColumnVector[] averageStates = average.states(0, groupCount);
            for (int group = 0; group < groupCount; group++) {
              String context = "group " + group + " of " + groupCount + ", magnitude " + magnitude + (wide ? ", wide" : ", compact")
                  + (withNulls ? ", nulls" : "");
              assertThat(sums.getObject(group)).as(context).isEqualTo(expected[group] == null ? null : new BigDecimal(expected[group]));
              assertThat(averageStates[0].getObject(group)).as(context).isEqualTo(expected[group] == null ? null : new BigDecimal(expected[group]));
              assertThat(averageStates[1].getObject(group)).as(context).isEqualTo(expectedCounts[group]);
            }
          }
        }
      }
    }
  }

  private static DecimalSumAccumulator create(boolean average, ColumnType sumType, ColumnType averageType) {
    return average ? DecimalSumAccumulator.average(sumType, averageType) : DecimalSumAccumulator.sum(sumType);
  }

  /** Feeds the rows in batches of random sizes through vectors of the input type. */
  private static void feed(DecimalSumAccumulator accumulator, ColumnType type, BigDecimal[] values, int[] groups, int groupCount, Random random) {
    accumulator.ensureGroups(groupCount);
    int from = 0;
    while (from < values.length) {
      int to = Math.min(values.length, from + 1 + random.nextInt(700));
      VectorBuilder builder = VectorBuilder.forType(type, to - from);
      for (int i = from; i < to; i++) {
        builder.appendDecimal(values[i]);
      }
      accumulator.update(new ColumnVector[] {builder.build()}, Arrays.copyOfRange(groups, from, to), to - from);
      from = to;
    }
  }

  private static List<BigDecimal> decimals(ColumnVector vector, ColumnType type) {
    assertThat(vector.type()).isEqualTo(type);
    List<BigDecimal> values = new ArrayList<>();
    for (int i = 0; i < vector.size(); i++) {
      values.add((BigDecimal) vector.getObject(i));
    }
    return values;
  }

  private static BigDecimal fitsOrNull(BigDecimal value, ColumnType type) {
    BigDecimal scaled = value.setScale(type.scale(), RoundingMode.HALF_UP);
    return scaled.unscaledValue().abs().compareTo(BigInteger.TEN.pow(type.precision())) < 0 ? scaled : null;
  }

  /** Spark's average: Divide(sum, count as DECIMAL(20,0)) to 38 digits, HALF_UP to the division's type, then to the result type. */
  private static BigDecimal average(BigDecimal sum, long count, ColumnType sumType, ColumnType averageType) {
    ColumnType divisionType = DecimalTypes.resultType(DecimalTypes.Operation.DIVIDE, sumType, LONG_DECIMAL);
    BigDecimal quotient = fitsOrNull(sum.divide(BigDecimal.valueOf(count), SPARK_MATH_CONTEXT), divisionType);
    return quotient == null ? null : fitsOrNull(quotient, averageType);
  }

  /** Random digits up to the precision, either sign, now and then the largest value or zero. */
  private static BigDecimal value(Random random, ColumnType type) {
    BigInteger bound = BigInteger.TEN.pow(type.precision());
    int choice = random.nextInt(10);
    BigInteger unscaled = choice == 0
        ? bound.subtract(BigInteger.ONE)
        : choice == 1 ? BigInteger.ZERO : new BigInteger(bound.bitLength() + 2, random).mod(BigInteger.TEN.pow(1 + random.nextInt(type.precision())));
    return new BigDecimal(random.nextInt(3) == 0 ? unscaled.negate() : unscaled, type.scale());
  }
}
