package dev.ember.benchmarks.tpch;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rows a query returned, with values normalized across engines (any integer type to
 * {@code Long}, any floating or decimal type to {@code Double}, dates to {@code LocalDate},
 * {@code java.sql.Date} included), and an order-independent checksum of them.
 *
 * <p>The checksum adds up one 64-bit hash per row, so row order does not matter (engines may
 * order ties differently), while every value and its column position does. Doubles are quantized
 * to {@value #SIGNIFICANT_BITS} significant bits (about 8 decimal digits) first, because engines
 * sum in different orders and the last digits of a double sum differ between them. The quantum's
 * boundaries are shifted off the decimal grid by an irrational offset: TPC-H's sums are exact
 * 4-decimal numbers, and plain rounding (to 8 digits, or to cents) puts many of them exactly on a
 * rounding boundary, where {@code 319564.275} and {@code 319564.27499999997} round apart. A
 * value still flips when it lies within an engine's summation error of a shifted boundary, which
 * is about one chance in a million per value.
 */
public record QueryAnswer(List<List<Object>> rows) {
  public static final int SIGNIFICANT_BITS = 27;
  /** The fractional part of the golden ratio: no decimal number of a few digits lies near a multiple of it. */
  private static final double GRID_OFFSET = 0.6180339887498949;

  public QueryAnswer {
    Objects.requireNonNull(rows, "rows is null");
    List<List<Object>> copies = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      List<Object> normalized = new ArrayList<>(row.size());
      for (Object value : row) {
        normalized.add(normalize(value));
      }
      copies.add(java.util.Collections.unmodifiableList(normalized));
    }
    rows = java.util.Collections.unmodifiableList(copies);
  }

  public int rowCount() {
    return rows.size();
  }

  /** Sixteen hex digits; equal for two answers with the same rows in any order. */
  public String checksum() {
    long sum = 0;
    for (List<Object> row : rows) {
      long hash = 0x9E3779B97F4A7C15L;
      for (Object value : row) {
        hash = mix(hash * 31 + valueHash(value));
      }
      sum += hash;
    }
    return String.format("%016x", sum);
  }

  /** One value as the answers hold it; throws for types no query returns. */
  public static Object normalize(Object value) {
    return switch (value) {
      case null -> null;
      case Long number -> number;
      case Integer number -> number.longValue();
      case Short number -> number.longValue();
      case Byte number -> number.longValue();
      case BigInteger number -> number.longValueExact();
      case Double number -> number;
      case Float number -> number.doubleValue();
      case BigDecimal number -> number.doubleValue();
      case String text -> text;
      case LocalDate date -> date;
      case java.sql.Date date -> date.toLocalDate();
      case Boolean flag -> flag;
      default -> throw new IllegalArgumentException(
          "a query answer holds a " + value.getClass().getName() + " (" + value + "), which the runner does not compare");
    };
  }

  private static long valueHash(Object value) {
    return switch (value) {
      case null -> 0x5BD1E9955BD1E995L;
      case Long number -> mix(number);
      case Double number -> doubleHash(number);
      case String text -> mix(text.hashCode() * 0x100000001L + text.length());
      case LocalDate date -> mix(date.toEpochDay() ^ 0x7A3D1C5BL);
      case Boolean flag -> flag ? 0x1234567L : 0x7654321L;
      default -> throw new IllegalStateException("not a normalized value: " + value.getClass().getName());
    };
  }

  private static long doubleHash(double value) {
    if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
      return mix(Double.doubleToLongBits(value + 0.0));
    }
    int exponent = Math.getExponent(value);
    // |value| scaled into [2^26, 2^27), then cut at boundaries shifted by GRID_OFFSET.
    double scaled = Math.scalb(Math.abs(value), SIGNIFICANT_BITS - 1 - exponent);
    long quantum = (long) Math.floor(scaled + GRID_OFFSET);
    return mix(((long) exponent << 32) ^ quantum ^ (value < 0 ? Long.MIN_VALUE : 0));
  }

  /** SplitMix64's finalizer: spreads every input bit over the whole hash. */
  private static long mix(long value) {
    long mixed = (value ^ (value >>> 30)) * 0xBF58476D1CE4E5B9L;
    mixed = (mixed ^ (mixed >>> 27)) * 0x94D049BB133111EBL;
    return mixed ^ (mixed >>> 31);
  }
}
