package dev.ember.core.vector;

import dev.ember.core.types.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Test helper: random key columns of every key type, drawn from small pools with the edge values
 * (so that rows repeat and the kernels meet nulls, NaN and -0.0, empty and multi-byte strings, the
 * extremes of each type), built straight from arrays (not with {@link VectorBuilder}) and returned
 * with the Java values they hold, for checks against plain Java collections.
 */
public final class RandomKeyColumns {
  /** Every key type the kernels know, one of each vector layout and the types that share one. */
  public static final List<ColumnType> TYPES = List.of(
      ColumnType.BOOLEAN, ColumnType.INT, ColumnType.DATE, ColumnType.LONG, ColumnType.TIMESTAMP, ColumnType.DOUBLE,
      ColumnType.STRING, ColumnType.decimal(12, 2), ColumnType.decimal(30, 4));

  private static final double[] DOUBLES = {
    0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0001L), Double.longBitsToDouble(0xfff0_0000_0000_0abcL),
    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 1.5, -1.5, 42.0,
  };
  private static final String[] STRINGS = {
    "", "a", "b", "é", "日本", "😀", "a😀b", "AIR", "MAIL", "REG AIR", "\u0000", "a\u0000", "longer than a word or two",
  };

  private RandomKeyColumns() {}

  /** A column and its values (null for a null row). */
  public record Column(ColumnVector vector, List<Object> values) {
    public Column {
      Objects.requireNonNull(vector, "vector is null");
      values = Collections.unmodifiableList(new ArrayList<>(values));
    }
  }

  /**
   * {@code rows} random values of {@code type}, about {@code nullPercent} percent null (none when 0:
   * the vector then has no null array at all). A DECIMAL's values are BigDecimals of its scale.
   */
  public static Column random(ColumnType type, int rows, Random random, int nullPercent) {
    boolean[] nulls = nullPercent == 0 ? null : new boolean[rows];
    Object[] values = new Object[rows];
    for (int row = 0; row < rows; row++) {
      if (nulls != null && random.nextInt(100) < nullPercent) {
        nulls[row] = true;
        continue;
      }
      values[row] = randomValue(type, random);
    }
    return new Column(vector(type, values, nulls), Arrays.asList(values));
  }

  private static Object randomValue(ColumnType type, Random random) {
    return switch (type.kind()) {
      case BOOLEAN -> random.nextBoolean();
      case INT, DATE -> switch (random.nextInt(4)) {
        case 0 -> new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1}[random.nextInt(4)];
        case 1 -> random.nextInt();
        default -> random.nextInt(20) - 10;
      };
      case LONG, TIMESTAMP -> switch (random.nextInt(4)) {
        case 0 -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 1L << 32}[random.nextInt(5)];
        case 1 -> random.nextLong();
        default -> (long) random.nextInt(20) - 10;
      };
      case DOUBLE -> random.nextInt(3) == 0 ? random.nextGaussian() : DOUBLES[random.nextInt(DOUBLES.length)];
      case STRING -> random.nextInt(4) == 0 ? Long.toString(random.nextInt(50), 36) + "é" : STRINGS[random.nextInt(STRINGS.length)];
      case DECIMAL -> {
        int digits = random.nextInt(4) == 0 ? type.precision() : 1 + random.nextInt(3);
        BigInteger unscaled = new BigInteger(digits * 3, random).mod(BigInteger.TEN.pow(type.precision()));
        yield new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), type.scale());
      }
    };
  }

  /** The vector of {@code values} (null elements are null rows, marked in {@code nulls} when given). */
  public static ColumnVector vector(ColumnType type, Object[] values, boolean[] nulls) {
    int rows = values.length;
    boolean[] allNulls = nulls;
    for (int row = 0; row < rows; row++) {
      if (values[row] == null && (allNulls == null || !allNulls[row])) {
        allNulls = allNulls == null ? new boolean[rows] : allNulls;
        allNulls[row] = true;
      }
    }
    boolean[] rowNulls = allNulls;
    return switch (type.kind()) {
      case BOOLEAN -> {
        boolean[] array = new boolean[rows];
        for (int row = 0; row < rows; row++) {
          array[row] = values[row] != null && (Boolean) values[row];
        }
        yield new BooleanVector(type, array, rowNulls, rows);
      }
      case INT, DATE -> {
        int[] array = new int[rows];
        for (int row = 0; row < rows; row++) {
          // Null slots hold garbage, as kernels may leave them.
          array[row] = values[row] == null ? 0x5EED : (Integer) values[row];
        }
        yield new IntVector(type, array, rowNulls, rows);
      }
      case LONG, TIMESTAMP -> {
        long[] array = new long[rows];
        for (int row = 0; row < rows; row++) {
          array[row] = values[row] == null ? 0x5EEDL : (Long) values[row];
        }
        yield new LongVector(type, array, rowNulls, rows);
      }
      case DOUBLE -> {
        double[] array = new double[rows];
        for (int row = 0; row < rows; row++) {
          array[row] = values[row] == null ? Double.NaN : (Double) values[row];
        }
        yield new DoubleVector(type, array, rowNulls, rows);
      }
      case STRING -> {
        String[] array = new String[rows];
        for (int row = 0; row < rows; row++) {
          array[row] = (String) values[row];
        }
        yield new StringVector(type, array, rowNulls, rows);
      }
      case DECIMAL -> {
        BigDecimal[] array = new BigDecimal[rows];
        for (int row = 0; row < rows; row++) {
          array[row] = (BigDecimal) values[row];
        }
        if (type.precision() > 18) {
          yield DecimalVector.of(type, array, rowNulls, rows);
        }
        long[] unscaled = new long[rows];
        for (int row = 0; row < rows; row++) {
          unscaled[row] = array[row] == null ? 0x5EEDL : array[row].unscaledValue().longValueExact();
        }
        yield new LongVector(type, unscaled, rowNulls, rows);
      }
    };
  }

  /**
   * A value as grouping compares it: -0.0 as 0.0 and every NaN as one NaN ({@link Double#equals}
   * already makes NaN equal NaN, but tells -0.0 from 0.0); other values as they are.
   */
  public static Object groupingValue(Object value) {
    if (value instanceof Double number) {
      return number == 0.0 ? 0.0 : Double.isNaN(number) ? Double.NaN : number;
    }
    return value;
  }
}
