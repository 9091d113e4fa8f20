package dev.ember.core.expression.evaluation;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.types.Int128;
import dev.ember.core.types.TypeKind;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Casts to and from DECIMAL with Spark's non-ANSI rules: a value is rounded HALF_UP to the target
 * scale and is null when it then has more digits than the target precision; text that is not a
 * number, NaN and infinities are null; a DECIMAL to INT or LONG truncates toward zero and wraps
 * as Spark's {@code Decimal.toLong}; to DOUBLE it is the nearest double; to STRING the plain
 * digits. Compact-to-compact and integer-to-compact casts run on longs, every other decimal or
 * integer to decimal cast on 128 bits ({@link Int128}); text and doubles go through BigDecimal, and
 * so do wide decimals to INT, LONG, DOUBLE, STRING and TIMESTAMP (Spark's BigDecimal conversions
 * define those results, and they leave the decimal world).
 */
final class DecimalCasts {
  private DecimalCasts() {}

  /** {@code input} (any type Spark can cast to a decimal) as {@code target}; DATE gives nulls. */
  static ColumnVector toDecimal(ColumnVector input, ColumnType target, int rowCount) {
    TypeKind source = input.type().kind();
    return switch (input) {
      case LongVector longs when source == TypeKind.DECIMAL -> fromDecimal(longs, target, rowCount);
      case DecimalVector wide -> fromDecimal(wide, target, rowCount);
      case LongVector longs when source == TypeKind.TIMESTAMP -> fromTimestamps(longs, target, rowCount);
      case LongVector longs -> fromLongs(longs.values, longs.nulls, target, rowCount);
      case IntVector ints when source == TypeKind.DATE -> Constants.allNulls(target, rowCount);
      case IntVector ints -> {
        long[] widened = new long[rowCount];
        for (int i = 0; i < rowCount; i++) {
          widened[i] = ints.values[i];
        }
        yield fromLongs(widened, ints.nulls, target, rowCount);
      }
      case BooleanVector booleans -> {
        long[] numbers = new long[rowCount];
        for (int i = 0; i < rowCount; i++) {
          numbers[i] = booleans.values[i] ? 1 : 0;
        }
        yield fromLongs(numbers, booleans.nulls, target, rowCount);
      }
      case DoubleVector doubles -> fromDoubles(doubles, target, rowCount);
      case StringVector strings -> fromStrings(strings, target, rowCount);
    };
  }

  private static ColumnVector fromLongs(long[] values, boolean[] nulls, ColumnType target, int rowCount) {
    if (DecimalTypes.isCompact(target)) {
      long bound = DecimalTypes.powerOfTen(target.precision() - target.scale());
      long factor = DecimalTypes.powerOfTen(target.scale());
      long[] out = new long[rowCount];
      boolean[] resultNulls = nulls;
      for (int i = 0; i < rowCount; i++) {
        if (nulls != null && nulls[i]) {
          continue;
        }
        long value = values[i];
        if (value >= bound || value <= -bound) {
          if (resultNulls == nulls) {
            resultNulls = NullMasks.writable(nulls, rowCount);
          }
          resultNulls[i] = true;
        } else {
          out[i] = value * factor;
        }
      }
      return new LongVector(target, out, resultNulls, rowCount);
    }
    // An integer times 10^scale on 128 bits, then the precision check.
    long[] high = new long[rowCount];
    long[] low = new long[rowCount];
    int scale = target.scale();
    int precision = target.precision();
    boolean[] resultNulls = nulls;
    for (int i = 0; i < rowCount; i++) {
      if (nulls != null && nulls[i]) {
        continue;
      }
      long value = values[i];
      if (!Int128.rescale(value >> 63, value, 0, scale, precision, high, low, i)) {
        high[i] = 0;
        low[i] = 0;
        if (resultNulls == nulls) {
          resultNulls = NullMasks.writable(nulls, rowCount);
        }
        resultNulls[i] = true;
      }
    }
    return new DecimalVector(target, high, low, resultNulls, rowCount);
  }

  private static ColumnVector fromDecimal(ColumnVector input, ColumnType target, int rowCount) {
    if (input instanceof LongVector compact && DecimalTypes.isCompact(target)) {
      return rescaleCompact(compact, target, rowCount);
    }
    // Any other pair on 128 bits: Spark's changePrecision (HALF_UP down, exact up, null when unfit).
    long[] sourceHigh = DecimalValues.highWords(input, rowCount);
    long[] sourceLow = DecimalValues.lowWords(input);
    int sourceScale = input.type().scale();
    int targetScale = target.scale();
    int precision = target.precision();
    boolean[] nulls = input.nulls;
    long[] high = new long[rowCount];
    long[] low = new long[rowCount];
    boolean[] resultNulls = nulls;
    for (int i = 0; i < rowCount; i++) {
      if (nulls != null && nulls[i]) {
        continue;
      }
      if (!Int128.rescale(sourceHigh[i], sourceLow[i], sourceScale, targetScale, precision, high, low, i)) {
        high[i] = 0;
        low[i] = 0;
        if (resultNulls == nulls) {
          resultNulls = NullMasks.writable(nulls, rowCount);
        }
        resultNulls[i] = true;
      }
    }
    return DecimalValues.vector(target, high, low, resultNulls, rowCount);
  }

  /** Spark's {@code changePrecision} on longs: scale down with HALF_UP, or up while it fits. */
  private static ColumnVector rescaleCompact(LongVector input, ColumnType target, int rowCount) {
    long[] values = input.values;
    boolean[] nulls = input.nulls;
    int difference = target.scale() - input.type().scale();
    long[] out = new long[rowCount];
    boolean[] resultNulls = nulls;
    long bound = DecimalTypes.powerOfTen(target.precision());
    for (int i = 0; i < rowCount; i++) {
      if (nulls != null && nulls[i]) {
        continue;
      }
      long value = values[i];
      boolean fits;
      if (difference >= 0) {
        long factor = DecimalTypes.powerOfTen(difference);
        long limit = bound / factor;
        fits = value < limit && value > -limit;
        value *= factor;
      } else {
        long divisor = DecimalTypes.powerOfTen(-difference);
        long dropped = value % divisor;
        value /= divisor;
        if (Math.abs(dropped) * 2 >= divisor) {
          value += dropped < 0 ? -1 : 1;
        }
        fits = value < bound && value > -bound;
      }
      if (fits) {
        out[i] = value;
      } else {
        if (resultNulls == nulls) {
          resultNulls = NullMasks.writable(nulls, rowCount);
        }
        resultNulls[i] = true;
      }
    }
    return new LongVector(target, out, resultNulls, rowCount);
  }

  private static ColumnVector fromTimestamps(LongVector micros, ColumnType target, int rowCount) {
    double[] seconds = new double[rowCount];
    for (int i = 0; i < rowCount; i++) {
      seconds[i] = micros.values[i] / 1_000_000.0;
    }
    return fromDoubles(new DoubleVector(ColumnType.DOUBLE, seconds, micros.nulls, rowCount), target, rowCount);
  }

  /** Spark's {@code Decimal(double)}: the shortest decimal text of the double, then rounded to the target. */
  private static ColumnVector fromDoubles(DoubleVector input, ColumnType target, int rowCount) {
    double[] values = input.values;
    boolean[] nulls = input.nulls;
    BigDecimal[] out = new BigDecimal[rowCount];
    for (int i = 0; i < rowCount; i++) {
      if ((nulls == null || !nulls[i]) && Double.isFinite(values[i])) {
        out[i] = DecimalTypes.fit(new BigDecimal(Double.toString(values[i])), target);
      }
    }
    return DecimalValues.vector(target, out, nulls, rowCount);
  }

  private static ColumnVector fromStrings(StringVector input, ColumnType target, int rowCount) {
    if (DictionaryKernels.worthIt(input, rowCount)) {
      return DictionaryKernels.throughDictionary(input, rowCount, entries -> fromStrings(entries, target, entries.size()));
    }
    boolean[] nulls = input.nulls;
    BigDecimal[] out = new BigDecimal[rowCount];
    for (int i = 0; i < rowCount; i++) {
      if (nulls == null || !nulls[i]) {
        // Text to BigDecimal needs a String; the cast is rare next to CSV reads (those parse bytes).
        out[i] = parse(input.get(i), target);
      }
    }
    return DecimalValues.vector(target, out, nulls, rowCount);
  }

  /**
   * Spark's {@code Decimal.fromString} then {@code changePrecision}: trimmed text in Java's
   * BigDecimal syntax ({@code 1.5}, {@code -2}, {@code 1e3}), rounded to the target, or null.
   */
  static BigDecimal parse(String text, ColumnType target) {
    if (text == null) {
      return null;
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text.trim());
    } catch (NumberFormatException notANumber) {
      return null;
    }
    // Spark refuses more than 38 integral digits before building the value (huge exponents).
    if ((long) value.precision() - value.scale() > DecimalTypes.MAX_PRECISION) {
      return null;
    }
    return DecimalTypes.fit(value, target);
  }

  /** A DECIMAL vector as {@code target} (INT, LONG, DOUBLE, STRING, BOOLEAN, TIMESTAMP; DATE gives nulls). */
  static ColumnVector decimalTo(ColumnVector input, ColumnType target, int rowCount) {
    boolean[] nulls = input.nulls;
    int scale = input.type().scale();
    if (input instanceof LongVector compact) {
      long[] values = compact.values;
      switch (target.kind()) {
        case LONG, INT -> {
          long divisor = DecimalTypes.powerOfTen(scale);
          if (target.kind() == TypeKind.LONG) {
            long[] out = new long[rowCount];
            for (int i = 0; i < rowCount; i++) {
              out[i] = values[i] / divisor;
            }
            return new LongVector(target, out, nulls, rowCount);
          }
          int[] out = new int[rowCount];
          for (int i = 0; i < rowCount; i++) {
            out[i] = (int) (values[i] / divisor);
          }
          return new IntVector(target, out, nulls, rowCount);
        }
        case DOUBLE -> {
          double[] out = new double[rowCount];
          double divisor = DecimalTypes.powerOfTen(scale);
          for (int i = 0; i < rowCount; i++) {
            long value = values[i];
            // Below 2^53 both operands are exact doubles, so the IEEE quotient is correctly rounded.
            out[i] = Math.abs(value) < (1L << 53) ? value / divisor : BigDecimal.valueOf(value, scale).doubleValue();
          }
          return new DoubleVector(target, out, nulls, rowCount);
        }
        case BOOLEAN -> {
          boolean[] out = new boolean[rowCount];
          for (int i = 0; i < rowCount; i++) {
            out[i] = values[i] != 0;
          }
          return new BooleanVector(target, out, nulls, rowCount);
        }
        case STRING, TIMESTAMP, DATE, DECIMAL -> {
          // Through BigDecimal below.
        }
      }
    }
    if (target.kind() == TypeKind.DECIMAL) {
      return fromDecimal(input, target, rowCount);
    }
    BigDecimal[] values = DecimalValues.of(input, rowCount);
    return switch (target.kind()) {
      case INT -> {
        int[] out = new int[rowCount];
        for (int i = 0; i < rowCount; i++) {
          if (!NullMasks.isNull(nulls, i)) {
            out[i] = (int) values[i].longValue();
          }
        }
        yield new IntVector(target, out, nulls, rowCount);
      }
      case LONG -> {
        long[] out = new long[rowCount];
        for (int i = 0; i < rowCount; i++) {
          if (!NullMasks.isNull(nulls, i)) {
            out[i] = values[i].longValue();
          }
        }
        yield new LongVector(target, out, nulls, rowCount);
      }
      case DOUBLE -> {
        double[] out = new double[rowCount];
        for (int i = 0; i < rowCount; i++) {
          if (!NullMasks.isNull(nulls, i)) {
            out[i] = values[i].doubleValue();
          }
        }
        yield new DoubleVector(target, out, nulls, rowCount);
      }
      case BOOLEAN -> {
        boolean[] out = new boolean[rowCount];
        for (int i = 0; i < rowCount; i++) {
          if (!NullMasks.isNull(nulls, i)) {
            out[i] = values[i].signum() != 0;
          }
        }
        yield new BooleanVector(target, out, nulls, rowCount);
      }
      case STRING -> {
        String[] out = new String[rowCount];
        for (int i = 0; i < rowCount; i++) {
          if (!NullMasks.isNull(nulls, i)) {
            out[i] = DecimalTypes.toText(values[i]);
          }
        }
        yield new StringVector(target, out, nulls, rowCount);
      }
      case TIMESTAMP -> {
        long[] out = new long[rowCount];
        for (int i = 0; i < rowCount; i++) {
          if (!NullMasks.isNull(nulls, i)) {
            out[i] = values[i].movePointRight(6).setScale(0, RoundingMode.DOWN).longValue();
          }
        }
        yield new LongVector(target, out, nulls, rowCount);
      }
      case DATE -> Constants.allNulls(target, rowCount);
      case DECIMAL -> fromDecimal(input, target, rowCount);
    };
  }
}
