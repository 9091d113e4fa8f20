package dev.ember.core.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Spark 3.5's decimal type rules ({@code DecimalPrecision}, {@code DecimalType}) with
 * {@code spark.sql.decimalOperations.allowPrecisionLoss=true}, Spark's default, and the value
 * helpers every layer shares.
 *
 * <p>A DECIMAL of precision up to {@link #MAX_LONG_DIGITS} is held as its unscaled {@code long}
 * (Spark's compact form), a wider one as its unscaled 128-bit integer ({@link Int128}: two longs);
 * {@link BigDecimal} is the form at the API edge and of the helpers here.
 */
public final class DecimalTypes {
  public static final int MAX_PRECISION = 38;
  /** The widest precision whose unscaled values always fit in a long. */
  public static final int MAX_LONG_DIGITS = 18;
  /** The scale a division keeps at least when precision must be lost (Spark's MINIMUM_ADJUSTED_SCALE). */
  public static final int MINIMUM_ADJUSTED_SCALE = 6;
  /** {@code DECIMAL} without arguments, as in Spark's DDL. */
  public static final ColumnType SYSTEM_DEFAULT_USER = ColumnType.decimal(10, 0);

  private static final long[] POWERS_OF_TEN = new long[MAX_LONG_DIGITS + 1];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private DecimalTypes() {}

  /** Whether a DECIMAL type's values are held as unscaled longs. */
  public static boolean isCompact(ColumnType type) {
    return type.kind() == TypeKind.DECIMAL && type.precision() <= MAX_LONG_DIGITS;
  }

  /** 10^exponent for 0 <= exponent <= 18. */
  public static long powerOfTen(int exponent) {
    return POWERS_OF_TEN[exponent];
  }

  /** The decimal type an integral or decimal type converts to exactly: INT is DECIMAL(10,0), LONG DECIMAL(20,0). */
  public static ColumnType forType(ColumnType type) {
    return switch (type.kind()) {
      case INT -> ColumnType.decimal(10, 0);
      case LONG -> ColumnType.decimal(20, 0);
      case DECIMAL -> type;
      case BOOLEAN, DOUBLE, STRING, DATE, TIMESTAMP -> throw new IllegalArgumentException(type + " has no exact decimal type");
    };
  }

  /** The smallest decimal type of an integral literal (Spark's {@code DecimalType.fromLiteral}). */
  public static ColumnType forIntegralLiteral(long value) {
    int digits = BigDecimal.valueOf(value).precision();
    return ColumnType.decimal(digits, 0);
  }

  /** The type of a BigDecimal value (Spark's {@code lit} of a java.math.BigDecimal): its precision and scale. */
  public static ColumnType forValue(BigDecimal value) {
    BigDecimal normalized = value.scale() < 0 ? value.setScale(0) : value;
    int precision = Math.max(normalized.precision(), normalized.scale());
    if (precision > MAX_PRECISION) {
      throw new IllegalArgumentException("decimal " + value + " needs precision " + precision + ", above " + MAX_PRECISION);
    }
    return ColumnType.decimal(Math.max(precision, 1), normalized.scale());
  }

  /** Spark's {@code DecimalType.bounded}: precision and scale capped at 38. */
  public static ColumnType bounded(int precision, int scale) {
    return ColumnType.decimal(Math.min(precision, MAX_PRECISION), Math.min(scale, MAX_PRECISION));
  }

  /**
   * Spark's {@code DecimalType.adjustPrecisionScale}: a result wider than 38 digits keeps its
   * integral digits and gives up scale, down to {@link #MINIMUM_ADJUSTED_SCALE} (or the scale it
   * had, if smaller).
   */
  public static ColumnType adjustPrecisionScale(int precision, int scale) {
    if (precision <= MAX_PRECISION) {
      return ColumnType.decimal(precision, scale);
    }
    int integralDigits = precision - scale;
    int minimumScale = Math.min(scale, MINIMUM_ADJUSTED_SCALE);
    int adjustedScale = Math.max(MAX_PRECISION - integralDigits, minimumScale);
    return ColumnType.decimal(MAX_PRECISION, adjustedScale);
  }

  /** Spark's {@code DecimalPrecision.widerDecimalType}: holds every value of both (bounded at 38). */
  public static ColumnType wider(ColumnType left, ColumnType right) {
    int scale = Math.max(left.scale(), right.scale());
    int range = Math.max(left.precision() - left.scale(), right.precision() - right.scale());
    return bounded(range + scale, scale);
  }

  /** The operators whose result type Spark derives from the operands' precision and scale. */
  public enum Operation { ADD, SUBTRACT, MULTIPLY, DIVIDE, REMAINDER }

  /** The result type of {@code left op right} on two decimals (Spark's {@code resultDecimalType}, precision loss allowed). */
  public static ColumnType resultType(Operation operation, ColumnType left, ColumnType right) {
    int p1 = left.precision();
    int s1 = left.scale();
    int p2 = right.precision();
    int s2 = right.scale();
    return switch (operation) {
      case ADD, SUBTRACT -> {
        int scale = Math.max(s1, s2);
        yield adjustPrecisionScale(Math.max(p1 - s1, p2 - s2) + scale + 1, scale);
      }
      case MULTIPLY -> adjustPrecisionScale(p1 + p2 + 1, s1 + s2);
      case DIVIDE -> {
        int integralDigits = p1 - s1 + s2;
        int scale = Math.max(MINIMUM_ADJUSTED_SCALE, s1 + p2 + 1);
        yield adjustPrecisionScale(integralDigits + scale, scale);
      }
      case REMAINDER -> {
        int scale = Math.max(s1, s2);
        yield adjustPrecisionScale(Math.min(p1 - s1, p2 - s2) + scale, scale);
      }
    };
  }

  /** {@code sum} of a DECIMAL(p,s) is DECIMAL(min(38, p + 10), s). */
  public static ColumnType sumType(ColumnType argument) {
    return bounded(argument.precision() + 10, argument.scale());
  }

  /** {@code avg} of a DECIMAL(p,s) is DECIMAL(min(38, p + 4), min(38, s + 4)). */
  public static ColumnType averageType(ColumnType argument) {
    return bounded(argument.precision() + 4, argument.scale() + 4);
  }

  /**
   * {@code value} rounded HALF_UP to the type's scale, or null when it then has more digits than
   * the type's precision (Spark's {@code changePrecision} in non-ANSI mode: overflow is null).
   */
  public static BigDecimal fit(BigDecimal value, ColumnType type) {
    BigDecimal scaled = value.scale() == type.scale() ? value : value.setScale(type.scale(), RoundingMode.HALF_UP);
    // precision() counts the unscaled digits (1 for zero) without building a BigInteger for small values.
    return scaled.precision() <= type.precision() ? scaled : null;
  }

  /** Whether an unscaled value has at most {@code precision} digits. */
  public static boolean fitsPrecision(BigInteger unscaled, int precision) {
    if (unscaled.bitLength() < 63) {
      long value = unscaled.longValue();
      return precision > MAX_LONG_DIGITS || (value < POWERS_OF_TEN[precision] && value > -POWERS_OF_TEN[precision]);
    }
    return unscaled.abs().compareTo(BigInteger.TEN.pow(precision)) < 0;
  }

  /** Whether an unscaled long has at most {@code precision} (at most 18) digits. */
  public static boolean fitsPrecision(long unscaled, int precision) {
    long bound = POWERS_OF_TEN[precision];
    return unscaled < bound && unscaled > -bound;
  }

  /** The unscaled long of a value of a compact type (scale already the type's). */
  public static long unscaledLong(BigDecimal value) {
    return value.unscaledValue().longValueExact();
  }

  /** The BigDecimal of an unscaled long at a scale. */
  public static BigDecimal fromUnscaled(long unscaled, int scale) {
    return BigDecimal.valueOf(unscaled, scale);
  }

  /** Spark's text of a decimal: plain digits, never an exponent. */
  public static String toText(BigDecimal value) {
    return value.toPlainString();
  }
}
