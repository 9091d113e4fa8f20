package dev.ember.core.types;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * 128-bit two's-complement integer arithmetic on (high, low) pairs of longs: the unscaled values of
 * DECIMAL(19..38) (DuckDB's hugeint, Trino's {@code Int128}, Spark's {@code Decimal128}). Every
 * value of such a type has at most 38 digits, so its magnitude is below 10^38 < 2^127 and negation
 * never overflows.
 *
 * <p>Methods that produce a 128-bit value write it into {@code outHigh[index]} and
 * {@code outLow[index]} (usually a vector's own arrays, so a kernel allocates nothing per row) and
 * return {@code false}, writing nothing meaningful, when the exact result does not fit 128 bits.
 * Stateless: safe from any thread.
 */
public final class Int128 {
  /** The widest exponent of {@link #powerOfTenHigh}/{@link #powerOfTenLow}. */
  public static final int MAX_POWER = DecimalTypes.MAX_PRECISION;

  private static final long[] POWER_HIGH = new long[MAX_POWER + 1];
  private static final long[] POWER_LOW = new long[MAX_POWER + 1];
  private static final long[] NEGATIVE_POWER_HIGH = new long[MAX_POWER + 1];
  private static final long[] NEGATIVE_POWER_LOW = new long[MAX_POWER + 1];
  /** 10^0 .. 10^9: divisors below 2^31 for the 32-bit-chunk long division. */
  private static final long[] SMALL_POWERS = new long[10];

  static {
    BigInteger power = BigInteger.ONE;
    for (int exponent = 0; exponent <= MAX_POWER; exponent++) {
      POWER_HIGH[exponent] = power.shiftRight(64).longValue();
      POWER_LOW[exponent] = power.longValue();
      BigInteger negative = power.negate();
      NEGATIVE_POWER_HIGH[exponent] = negative.shiftRight(64).longValue();
      NEGATIVE_POWER_LOW[exponent] = negative.longValue();
      power = power.multiply(BigInteger.TEN);
    }
    SMALL_POWERS[0] = 1;
    for (int i = 1; i < SMALL_POWERS.length; i++) {
      SMALL_POWERS[i] = SMALL_POWERS[i - 1] * 10;
    }
  }

  private static final long LOW_32_BITS = 0xFFFF_FFFFL;

  private Int128() {}

  /** The high long of 10^exponent, 0 <= exponent <= 38. */
  public static long powerOfTenHigh(int exponent) {
    return POWER_HIGH[exponent];
  }

  /** The low long of 10^exponent, 0 <= exponent <= 38. */
  public static long powerOfTenLow(int exponent) {
    return POWER_LOW[exponent];
  }

  /** Whether the value is a long sign-extended to 128 bits. */
  public static boolean isLong(long high, long low) {
    return high == (low >> 63);
  }

  /** Signed order of two values: negative, zero or positive. */
  public static int compare(long leftHigh, long leftLow, long rightHigh, long rightLow) {
    if (leftHigh != rightHigh) {
      return leftHigh < rightHigh ? -1 : 1;
    }
    return Long.compareUnsigned(leftLow, rightLow);
  }

  /** Whether the value has at most {@code precision} (1..38) digits: -10^precision < value < 10^precision. */
  public static boolean fitsPrecision(long high, long low, int precision) {
    if (high >= 0) {
      return compare(high, low, POWER_HIGH[precision], POWER_LOW[precision]) < 0;
    }
    return compare(high, low, NEGATIVE_POWER_HIGH[precision], NEGATIVE_POWER_LOW[precision]) > 0;
  }

  /** {@code left + right}; false when the sum leaves 128 bits. */
  public static boolean add(long leftHigh, long leftLow, long rightHigh, long rightLow, long[] outHigh, long[] outLow, int index) {
    long low = leftLow + rightLow;
    long carry = Long.compareUnsigned(low, leftLow) < 0 ? 1 : 0;
    long high = leftHigh + rightHigh + carry;
    outHigh[index] = high;
    outLow[index] = low;
    // Overflow iff both operands have the sign the result lacks; the carry cannot change that test.
    return ((leftHigh ^ high) & (rightHigh ^ high)) >= 0;
  }

  /** {@code left - right}; false when the difference leaves 128 bits. */
  public static boolean subtract(long leftHigh, long leftLow, long rightHigh, long rightLow, long[] outHigh, long[] outLow, int index) {
    long low = leftLow - rightLow;
    long borrow = Long.compareUnsigned(leftLow, rightLow) < 0 ? 1 : 0;
    long high = leftHigh - rightHigh - borrow;
    outHigh[index] = high;
    outLow[index] = low;
    return ((leftHigh ^ rightHigh) & (leftHigh ^ high)) >= 0;
  }

  /**
   * {@code left * right}, exact; false when the product's magnitude reaches 2^127 (so -2^127 too,
   * which no decimal comes near). Multiplies the magnitudes: at most one of them may have a non-zero
   * high long, else the product has 128 bits or more.
   */
  public static boolean multiply(long leftHigh, long leftLow, long rightHigh, long rightLow, long[] outHigh, long[] outLow, int index) {
    boolean negative = (leftHigh ^ rightHigh) < 0;
    if (leftHigh < 0) {
      leftLow = -leftLow;
      leftHigh = ~leftHigh + (leftLow == 0 ? 1 : 0);
    }
    if (rightHigh < 0) {
      rightLow = -rightLow;
      rightHigh = ~rightHigh + (rightLow == 0 ? 1 : 0);
    }
    if (leftHigh < 0 || rightHigh < 0 || (leftHigh != 0 && rightHigh != 0)) {
      return false;
    }
    long low = leftLow * rightLow;
    long high = Math.unsignedMultiplyHigh(leftLow, rightLow);
    if (high < 0) {
      return false;
    }
    long wideFactor = leftHigh != 0 ? leftHigh : rightHigh;
    if (wideFactor != 0) {
      long narrowFactor = leftHigh != 0 ? rightLow : leftLow;
      if (Math.unsignedMultiplyHigh(wideFactor, narrowFactor) != 0) {
        return false;
      }
      long cross = wideFactor * narrowFactor;
      if (cross < 0) {
        return false;
      }
      high += cross;
      if (high < 0) {
        return false;
      }
    }
    if (negative) {
      low = -low;
      high = ~high + (low == 0 ? 1 : 0);
    }
    outHigh[index] = high;
    outLow[index] = low;
    return true;
  }

  /**
   * {@code value * 10^exponent} (0 <= exponent <= 38); false when it leaves 128 bits.
   */
  public static boolean scaleUp(long high, long low, int exponent, long[] outHigh, long[] outLow, int index) {
    if (exponent == 0) {
      outHigh[index] = high;
      outLow[index] = low;
      return true;
    }
    return multiply(high, low, POWER_HIGH[exponent], POWER_LOW[exponent], outHigh, outLow, index);
  }

  /**
   * {@code value / 10^exponent} rounded HALF_UP (ties away from zero), 1 <= exponent <= 38, as
   * BigDecimal's {@code setScale(scale - exponent, HALF_UP)} does to the unscaled value.
   */
  public static void scaleDownHalfUp(long high, long low, int exponent, long[] outHigh, long[] outLow, int index) {
    if (isLong(high, low) && exponent <= DecimalTypes.MAX_LONG_DIGITS) {
      long divisor = DecimalTypes.powerOfTen(exponent);
      long quotient = low / divisor;
      long dropped = low - quotient * divisor;
      // |dropped| * 2 cannot overflow: |dropped| < divisor <= 10^18.
      if (Math.abs(dropped) * 2 >= divisor) {
        quotient += dropped < 0 ? -1 : 1;
      }
      outHigh[index] = quotient >> 63;
      outLow[index] = quotient;
      return;
    }
    boolean negative = high < 0;
    if (negative) {
      low = -low;
      high = ~high + (low == 0 ? 1 : 0);
    }
    // Truncate by 10^(exponent-1), then the last dropped digit decides the rounding (HALF_UP).
    int remaining = exponent - 1;
    while (remaining > 0) {
      int step = Math.min(remaining, 9);
      long divisor = SMALL_POWERS[step];
      long chunk3 = high >>> 32;
      long quotient3 = chunk3 / divisor;
      long remainder = chunk3 - quotient3 * divisor;
      long chunk2 = (remainder << 32) | (high & LOW_32_BITS);
      long quotient2 = chunk2 / divisor;
      remainder = chunk2 - quotient2 * divisor;
      long chunk1 = (remainder << 32) | (low >>> 32);
      long quotient1 = chunk1 / divisor;
      remainder = chunk1 - quotient1 * divisor;
      long chunk0 = (remainder << 32) | (low & LOW_32_BITS);
      long quotient0 = chunk0 / divisor;
      high = (quotient3 << 32) | quotient2;
      low = (quotient1 << 32) | quotient0;
      remaining -= step;
    }
    // Magnitudes are below 2^127, so after one division by 10 at least the top bits are clear.
    long chunk3 = high >>> 32;
    long quotient3 = chunk3 / 10;
    long remainder = chunk3 - quotient3 * 10;
    long chunk2 = (remainder << 32) | (high & LOW_32_BITS);
    long quotient2 = chunk2 / 10;
    remainder = chunk2 - quotient2 * 10;
    long chunk1 = (remainder << 32) | (low >>> 32);
    long quotient1 = chunk1 / 10;
    remainder = chunk1 - quotient1 * 10;
    long chunk0 = (remainder << 32) | (low & LOW_32_BITS);
    long quotient0 = chunk0 / 10;
    long lastDigit = chunk0 - quotient0 * 10;
    high = (quotient3 << 32) | quotient2;
    low = (quotient1 << 32) | quotient0;
    if (lastDigit >= 5) {
      low++;
      if (low == 0) {
        high++;
      }
    }
    if (negative) {
      low = -low;
      high = ~high + (low == 0 ? 1 : 0);
    }
    outHigh[index] = high;
    outLow[index] = low;
  }

  /**
   * The unscaled value at {@code fromScale} moved to {@code toScale} (scaling up exactly, down with
   * HALF_UP), or false when it then has more than {@code precision} digits or leaves 128 bits:
   * Spark's {@code changePrecision} in non-ANSI mode.
   */
  public static boolean rescale(long high, long low, int fromScale, int toScale, int precision, long[] outHigh, long[] outLow, int index) {
    if (toScale > fromScale) {
      if (!scaleUp(high, low, toScale - fromScale, outHigh, outLow, index)) {
        return false;
      }
    } else if (toScale < fromScale) {
      scaleDownHalfUp(high, low, fromScale - toScale, outHigh, outLow, index);
    } else {
      outHigh[index] = high;
      outLow[index] = low;
    }
    return fitsPrecision(outHigh[index], outLow[index], precision);
  }

  /**
   * The number of bytes of the value's shortest two's-complement form ({@link BigInteger#toByteArray}'s
   * length): one sign bit plus the significant bits, rounded up to bytes.
   */
  public static int minimalByteLength(long high, long low) {
    // For a negative value the significant bits are those of its complement (as BigInteger.bitLength).
    long magnitudeHigh = high < 0 ? ~high : high;
    long magnitudeLow = high < 0 ? ~low : low;
    int bitLength = magnitudeHigh != 0
        ? 128 - Long.numberOfLeadingZeros(magnitudeHigh)
        : 64 - Long.numberOfLeadingZeros(magnitudeLow);
    return bitLength / 8 + 1;
  }

  /** Writes the value as 16 big-endian bytes into {@code bytes[0..16)}. */
  public static void toBigEndianBytes(long high, long low, byte[] bytes) {
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (high >>> (56 - 8 * i));
      bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
    }
  }

  /** The value as a BigInteger. */
  public static BigInteger toBigInteger(long high, long low) {
    if (isLong(high, low)) {
      return BigInteger.valueOf(low);
    }
    byte[] bytes = new byte[16];
    toBigEndianBytes(high, low, bytes);
    return new BigInteger(bytes);
  }

  /** The unscaled value at {@code scale} as a BigDecimal (the API edge: rows, text). */
  public static BigDecimal toBigDecimal(long high, long low, int scale) {
    if (isLong(high, low)) {
      return BigDecimal.valueOf(low, scale);
    }
    return new BigDecimal(toBigInteger(high, low), scale);
  }

  /** Whether a BigInteger fits 128 bits (two's complement). */
  public static boolean fits(BigInteger value) {
    return value.bitLength() <= 127;
  }

  /** The high long of a BigInteger that {@link #fits} 128 bits. */
  public static long high(BigInteger value) {
    return value.shiftRight(64).longValue();
  }

  /** The low long of a BigInteger that {@link #fits} 128 bits. */
  public static long low(BigInteger value) {
    return value.longValue();
  }

  /**
   * The bit length of the largest magnitude among {@code low[0..rowCount)}: every value {@code v}
   * has {@code |v| <= 2^bits}. With {@code high} (a wide vector's high words; null for compact
   * values) 64 unless every high word is its low word's sign, i.e. every value fits a long. Slots of
   * null rows count too (the bound is only looser). One pass the compiler vectorizes.
   */
  public static int magnitudeBits(long[] low, long[] high, int rowCount) {
    long magnitudes = 0;
    long notSignExtended = 0;
    if (high == null) {
      for (int i = 0; i < rowCount; i++) {
        long value = low[i];
        magnitudes |= value ^ (value >> 63);
      }
    } else {
      for (int i = 0; i < rowCount; i++) {
        long value = low[i];
        magnitudes |= value ^ (value >> 63);
        notSignExtended |= high[i] ^ (value >> 63);
      }
    }
    return notSignExtended != 0 ? 64 : 64 - Long.numberOfLeadingZeros(magnitudes);
  }
}
