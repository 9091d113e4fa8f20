package dev.ember.core.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.TestSeeds;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Int128} against BigInteger on random values of every bit length up to 127 and on the
 * edges (zero, ±1, the long limits, 2^64, ±(10^38 - 1), ±10^38, the 128-bit limits): every result
 * that fits 128 bits equals BigInteger's, and every overflow flag says exactly when it does not.
 */
class Int128Test {
  private static final BigInteger MIN = BigInteger.ONE.shiftLeft(127).negate();
  private static final BigInteger MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
  private static final BigInteger TEN_TO_38 = BigInteger.TEN.pow(38);

  @Test
  void addSubtractMultiplyMatchBigIntegerAndFlagOverflow() {
    long seed = TestSeeds.seed(128);
    Random random = new Random(seed);
    List<BigInteger> values = samples(random, 400);
    long[] high = new long[1];
    long[] low = new long[1];
    int overflows = 0;
    for (BigInteger a : values) {
      for (int k = 0; k < 40; k++) {
        BigInteger b = values.get(random.nextInt(values.size()));
        String context = a + ", " + b + ", " + TestSeeds.describe(seed);
        BigInteger sum = a.add(b);
        assertThat(Int128.add(Int128.high(a), Int128.low(a), Int128.high(b), Int128.low(b), high, low, 0))
            .as("add fits %s", context).isEqualTo(Int128.fits(sum));
        if (Int128.fits(sum)) {
          assertThat(Int128.toBigInteger(high[0], low[0])).as("add %s", context).isEqualTo(sum);
        }
        BigInteger difference = a.subtract(b);
        assertThat(Int128.subtract(Int128.high(a), Int128.low(a), Int128.high(b), Int128.low(b), high, low, 0))
            .as("subtract fits %s", context).isEqualTo(Int128.fits(difference));
        if (Int128.fits(difference)) {
          assertThat(Int128.toBigInteger(high[0], low[0])).as("subtract %s", context).isEqualTo(difference);
        }
        // Multiply works on magnitudes, so it also refuses -2^127 (no decimal of 38 digits comes near it).
        BigInteger product = a.multiply(b);
        boolean fits = Int128.fits(product) && !product.equals(MIN);
        overflows += fits ? 0 : 1;
        assertThat(Int128.multiply(Int128.high(a), Int128.low(a), Int128.high(b), Int128.low(b), high, low, 0))
            .as("multiply fits %s", context).isEqualTo(fits);
        if (fits) {
          assertThat(Int128.toBigInteger(high[0], low[0])).as("multiply %s", context).isEqualTo(product);
        }
        assertThat(Integer.signum(Int128.compare(Int128.high(a), Int128.low(a), Int128.high(b), Int128.low(b))))
            .as("compare %s", context).isEqualTo(a.compareTo(b));
      }
    }
    assertThat(overflows).isGreaterThan(1000);
  }

  @Test
  void precisionLengthAndConversionsMatchBigInteger() {
    long seed = TestSeeds.seed(129);
    Random random = new Random(seed);
    for (BigInteger value : samples(random, 3_000)) {
      long high = Int128.high(value);
      long low = Int128.low(value);
      assertThat(Int128.toBigInteger(high, low)).isEqualTo(value);
      assertThat(Int128.isLong(high, low)).isEqualTo(value.bitLength() <= 63);
      assertThat(Int128.minimalByteLength(high, low)).as("%s", value).isEqualTo(value.toByteArray().length);
      for (int precision = 1; precision <= 38; precision++) {
        assertThat(Int128.fitsPrecision(high, low, precision))
            .as("%s has at most %d digits, %s", value, precision, TestSeeds.describe(seed))
            .isEqualTo(value.abs().compareTo(BigInteger.TEN.pow(precision)) < 0);
      }
      assertThat(Int128.toBigDecimal(high, low, 7)).isEqualTo(new BigDecimal(value, 7));
    }
  }

  @Test
  void rescaleMatchesBigDecimalSetScaleHalfUpAndThePrecisionCheck() {
    long seed = TestSeeds.seed(130);
    Random random = new Random(seed);
    long[] high = new long[3];
    long[] low = new long[3];
    int nulls = 0;
    int rounded = 0;
    for (BigInteger value : samples(random, 3_000)) {
      if (value.abs().compareTo(TEN_TO_38) >= 0) {
        continue;
      }
      int fromScale = random.nextInt(39);
      int toScale = random.nextInt(39);
      int precision = 1 + random.nextInt(38);
      BigDecimal exact = new BigDecimal(value, fromScale).setScale(toScale, RoundingMode.HALF_UP);
      boolean expectedFits = exact.unscaledValue().abs().compareTo(BigInteger.TEN.pow(precision)) < 0;
      String context = value + " scale " + fromScale + " -> " + toScale + " precision " + precision + ", " + TestSeeds.describe(seed);
      boolean fits = Int128.rescale(Int128.high(value), Int128.low(value), fromScale, toScale, precision, high, low, 2);
      assertThat(fits).as(context).isEqualTo(expectedFits);
      if (fits) {
        assertThat(Int128.toBigInteger(high[2], low[2])).as(context).isEqualTo(exact.unscaledValue());
      } else {
        nulls++;
      }
      if (toScale < fromScale) {
        rounded++;
      }
    }
    assertThat(nulls).isGreaterThan(100);
    assertThat(rounded).isGreaterThan(500);
  }

  @Test
  void scaleDownRoundsTiesAwayFromZero() {
    long[] high = new long[1];
    long[] low = new long[1];
    BigInteger[][] cases = {
      {new BigInteger("15"), BigInteger.valueOf(2)},
      {new BigInteger("-15"), BigInteger.valueOf(-2)},
      {new BigInteger("14"), BigInteger.valueOf(1)},
      {new BigInteger("-14"), BigInteger.valueOf(-1)},
      {TEN_TO_38.subtract(BigInteger.ONE), BigInteger.TEN.pow(37)},
      {TEN_TO_38.subtract(BigInteger.ONE).negate(), BigInteger.TEN.pow(37).negate()},
      {new BigInteger("123456789012345678901234567890123455"), new BigInteger("12345678901234567890123456789012346")},
    };
    for (BigInteger[] testCase : cases) {
      Int128.scaleDownHalfUp(Int128.high(testCase[0]), Int128.low(testCase[0]), 1, high, low, 0);
      assertThat(Int128.toBigInteger(high[0], low[0])).as("%s / 10", testCase[0]).isEqualTo(testCase[1]);
    }
    // 38 digits down by 38: 0.5 and above rounds to one.
    BigInteger half = new BigInteger("5").multiply(BigInteger.TEN.pow(37));
    Int128.scaleDownHalfUp(Int128.high(half), Int128.low(half), 38, high, low, 0);
    assertThat(Int128.toBigInteger(high[0], low[0])).isEqualTo(BigInteger.ONE);
    Int128.scaleDownHalfUp(Int128.high(half.negate()), Int128.low(half.negate()), 38, high, low, 0);
    assertThat(Int128.toBigInteger(high[0], low[0])).isEqualTo(BigInteger.ONE.negate());
  }

  /** Edges, then values of random bit lengths 0..127 of either sign. */
  private static List<BigInteger> samples(Random random, int count) {
    List<BigInteger> values = new ArrayList<>(List.of(
        BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate(),
        BigInteger.valueOf(Long.MAX_VALUE), BigInteger.valueOf(Long.MIN_VALUE),
        BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE),
        BigInteger.ONE.shiftLeft(64), BigInteger.ONE.shiftLeft(64).negate(), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
        TEN_TO_38.subtract(BigInteger.ONE), TEN_TO_38.subtract(BigInteger.ONE).negate(), TEN_TO_38, TEN_TO_38.negate(),
        MAX, MIN.add(BigInteger.ONE)));
    while (values.size() < count) {
      BigInteger magnitude = new BigInteger(random.nextInt(128), random);
      values.add(random.nextBoolean() ? magnitude : magnitude.negate());
    }
    return values;
  }

  /** Every value's magnitude is at most 2^bits, and bits is the least such; a high word that is not the sign gives 64. */
  @Test
  void magnitudeBitsBoundEveryValueTightly() {
    assertThat(Int128.magnitudeBits(new long[] {0, 0}, null, 2)).isZero();
    assertThat(Int128.magnitudeBits(new long[] {-1}, null, 1)).isZero();
    assertThat(Int128.magnitudeBits(new long[] {1}, null, 1)).isEqualTo(1);
    assertThat(Int128.magnitudeBits(new long[] {-(1L << 40)}, null, 1)).isEqualTo(40);
    assertThat(Int128.magnitudeBits(new long[] {(1L << 40)}, null, 1)).isEqualTo(41);
    assertThat(Int128.magnitudeBits(new long[] {Long.MIN_VALUE}, null, 1)).isEqualTo(63);
    assertThat(Int128.magnitudeBits(new long[] {Long.MAX_VALUE}, null, 1)).isEqualTo(63);
    // Only the first rowCount values count.
    assertThat(Int128.magnitudeBits(new long[] {3, Long.MAX_VALUE}, null, 1)).isEqualTo(2);
    assertThat(Int128.magnitudeBits(new long[] {5, -7}, new long[] {0, -1}, 2)).isEqualTo(3);
    assertThat(Int128.magnitudeBits(new long[] {5, -7}, new long[] {0, 0}, 2)).as("-7's high word is not its sign").isEqualTo(64);
    Random random = new Random(TestSeeds.seed(128));
    for (int round = 0; round < 1_000; round++) {
      long[] values = new long[1 + random.nextInt(20)];
      int width = random.nextInt(64);
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextLong() >> width;
      }
      int bits = Int128.magnitudeBits(values, null, values.length);
      BigInteger bound = BigInteger.ONE.shiftLeft(bits);
      BigInteger largest = BigInteger.ZERO;
      for (long value : values) {
        BigInteger magnitude = BigInteger.valueOf(value).abs();
        assertThat(magnitude).isLessThanOrEqualTo(bound);
        largest = largest.max(magnitude);
      }
      // Tight: with one bit less some value would not be bounded (unless all are within 2^0).
      if (bits > 0) {
        assertThat(largest).isGreaterThanOrEqualTo(BigInteger.ONE.shiftLeft(bits - 1));
      }
    }
  }
}
