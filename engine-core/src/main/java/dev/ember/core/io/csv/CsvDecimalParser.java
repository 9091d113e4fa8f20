package dev.ember.core.io.csv;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.types.Int128;
import java.math.BigDecimal;
import java.nio.charset.Charset;

/**
 * Parses CSV fields into DECIMAL values as Spark's CSV reader does with its default locale
 * ({@code new BigDecimal(text.replaceAll(",", ""))}, then rounded HALF_UP to the column's scale; a
 * value with more digits than the precision is malformed). Plain numbers of at most 18 digits
 * ({@code -123.45}) are parsed straight from the bytes into an unscaled long, of at most 38 digits
 * into a 128-bit value (two longs); anything else (exponents, grouping commas, more digits) goes
 * through BigDecimal. After each call {@link #ok}
 * says whether the field was a number that fits. One instance per scan operator (one task thread).
 */
final class CsvDecimalParser {
  private final Charset charset;
  boolean ok;

  CsvDecimalParser(Charset charset) {
    this.charset = charset;
  }

  /** The unscaled value at the type's scale of a compact DECIMAL column. */
  long parseCompact(byte[] bytes, int start, int end, ColumnType type) {
    ok = false;
    int i = start;
    boolean negative = false;
    if (i < end && (bytes[i] == '-' || bytes[i] == '+')) {
      negative = bytes[i] == '-';
      i++;
    }
    long unscaled = 0;
    int digits = 0;
    int fractionDigits = 0;
    boolean inFraction = false;
    boolean simple = i < end;
    for (; i < end; i++) {
      byte b = bytes[i];
      if (b >= '0' && b <= '9') {
        if (++digits > DecimalTypes.MAX_LONG_DIGITS) {
          simple = false;
          break;
        }
        unscaled = unscaled * 10 + (b - '0');
        if (inFraction) {
          fractionDigits++;
        }
      } else if (b == '.' && !inFraction) {
        inFraction = true;
      } else {
        simple = false;
        break;
      }
    }
    if (!simple || digits == 0) {
      BigDecimal value = parseWide(bytes, start, end, type);
      return ok ? value.unscaledValue().longValueExact() : 0;
    }
    int scale = type.scale();
    if (fractionDigits > scale) {
      long divisor = DecimalTypes.powerOfTen(fractionDigits - scale);
      long dropped = unscaled % divisor;
      unscaled /= divisor;
      if (dropped * 2 >= divisor) {
        unscaled++;
      }
    } else if (fractionDigits < scale) {
      int shift = scale - fractionDigits;
      long factor = DecimalTypes.powerOfTen(shift);
      // A product beyond a long is beyond 10^18 >= 10^precision: it does not fit.
      if (unscaled > Long.MAX_VALUE / factor) {
        return 0;
      }
      unscaled *= factor;
    }
    if (!DecimalTypes.fitsPrecision(unscaled, type.precision())) {
      return 0;
    }
    ok = true;
    return negative ? -unscaled : unscaled;
  }

  /**
   * The 128-bit unscaled value at the type's scale of a wide DECIMAL column, written into
   * {@code high[index]} and {@code low[index]}. Plain numbers of at most 38 digits are parsed from the
   * bytes on two longs; anything else goes through BigDecimal.
   */
  void parseWide(byte[] bytes, int start, int end, ColumnType type, long[] high, long[] low, int index) {
    ok = false;
    int i = start;
    boolean negative = false;
    if (i < end && (bytes[i] == '-' || bytes[i] == '+')) {
      negative = bytes[i] == '-';
      i++;
    }
    long valueHigh = 0;
    long valueLow = 0;
    int digits = 0;
    int fractionDigits = 0;
    boolean inFraction = false;
    boolean simple = i < end;
    for (; i < end; i++) {
      byte b = bytes[i];
      if (b >= '0' && b <= '9') {
        if (++digits > DecimalTypes.MAX_PRECISION) {
          simple = false;
          break;
        }
        // value * 10 + digit on 128 bits; 38 digits never overflow.
        long digit = b - '0';
        valueHigh = valueHigh * 10 + Math.unsignedMultiplyHigh(valueLow, 10);
        valueLow *= 10;
        long sum = valueLow + digit;
        if (Long.compareUnsigned(sum, valueLow) < 0) {
          valueHigh++;
        }
        valueLow = sum;
        if (inFraction) {
          fractionDigits++;
        }
      } else if (b == '.' && !inFraction) {
        inFraction = true;
      } else {
        simple = false;
        break;
      }
    }
    if (!simple || digits == 0) {
      BigDecimal value = parseWide(bytes, start, end, type);
      if (ok) {
        java.math.BigInteger unscaled = value.unscaledValue();
        high[index] = Int128.high(unscaled);
        low[index] = Int128.low(unscaled);
      }
      return;
    }
    if (negative) {
      valueLow = -valueLow;
      valueHigh = ~valueHigh + (valueLow == 0 ? 1 : 0);
    }
    ok = Int128.rescale(valueHigh, valueLow, fractionDigits, type.scale(), type.precision(), high, low, index);
    if (!ok) {
      high[index] = 0;
      low[index] = 0;
    }
  }

  /** The value at the type's scale, or null (and {@code ok} false) when it is not a number or does not fit. */
  BigDecimal parseWide(byte[] bytes, int start, int end, ColumnType type) {
    ok = false;
    String text = new String(bytes, start, end - start, charset);
    if (text.indexOf(',') >= 0) {
      text = text.replace(",", "");
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException notANumber) {
      return null;
    }
    if ((long) value.precision() - value.scale() > DecimalTypes.MAX_PRECISION) {
      return null;
    }
    BigDecimal fitted = DecimalTypes.fit(value, type);
    ok = fitted != null;
    return fitted;
  }
}
