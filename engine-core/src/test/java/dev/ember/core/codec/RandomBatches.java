package dev.ember.core.codec;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.types.TypeKind;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Seeded random batches of every type a vector holds, with nulls, edge values and multi-byte UTF-8. */
final class RandomBatches {
  /** Every kind a column vector can hold; DECIMAL in compact (long) and wide (BigDecimal) precisions. */
  static final List<ColumnType> VECTOR_TYPES = vectorTypes();

  static final Schema ALL_TYPES = schemaOf(VECTOR_TYPES);

  private static final long[] EDGE_LONGS = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 40};
  private static final int[] EDGE_INTS = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};
  private static final double[] EDGE_DOUBLES = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 3.7, Double.longBitsToDouble(0x7ff0000000000123L)};
  private static final String[] EDGE_STRINGS = {"", "a", "ß", "İstanbul", "çé", "😀", "日本語", "a\u0000b", "x".repeat(300),
      "\uD83D\uDE00\uD83C\uDF89 mixed ascii 한국어"};

  private RandomBatches() {}

  private static List<ColumnType> vectorTypes() {
    List<ColumnType> types = new ArrayList<>();
    for (TypeKind kind : TypeKind.values()) {
      switch (kind) {
        case BOOLEAN, INT, LONG, DOUBLE, STRING, DATE, TIMESTAMP -> types.add(ColumnarFormat.simpleType(kind));
        case DECIMAL -> {
          types.add(ColumnType.decimal(7, 2));
          types.add(ColumnType.decimal(18, 18));
          types.add(ColumnType.decimal(19, 0));
          types.add(ColumnType.decimal(38, 10));
        }
      }
    }
    return List.copyOf(types);
  }

  static Schema schemaOf(List<ColumnType> types) {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      fields.add(Field.of("c" + i, types.get(i)));
    }
    return new Schema(fields);
  }

  /** A random value of {@code type} in Ember's internal representation. */
  static Object value(Random random, ColumnType type) {
    return switch (type.kind()) {
      case BOOLEAN -> random.nextBoolean();
      case INT -> random.nextInt(4) == 0 ? EDGE_INTS[random.nextInt(EDGE_INTS.length)] : random.nextInt();
      case DATE -> random.nextInt(40_000) - 10_000;
      case LONG -> random.nextInt(4) == 0 ? EDGE_LONGS[random.nextInt(EDGE_LONGS.length)] : random.nextLong();
      case TIMESTAMP -> random.nextLong();
      case DOUBLE -> random.nextInt(4) == 0 ? EDGE_DOUBLES[random.nextInt(EDGE_DOUBLES.length)] : random.nextGaussian();
      case STRING -> random.nextInt(3) == 0 ? EDGE_STRINGS[random.nextInt(EDGE_STRINGS.length)] : text(random, 12);
      case DECIMAL -> decimal(random, type);
    };
  }

  /** A random DECIMAL of the type: any digit count up to the precision, the largest and smallest values now and then. */
  static java.math.BigDecimal decimal(Random random, ColumnType type) {
    java.math.BigInteger bound = java.math.BigInteger.TEN.pow(type.precision());
    java.math.BigInteger unscaled = switch (random.nextInt(6)) {
      case 0 -> bound.subtract(java.math.BigInteger.ONE);
      case 1 -> bound.subtract(java.math.BigInteger.ONE).negate();
      case 2 -> java.math.BigInteger.ZERO;
      default -> {
        java.math.BigInteger digits = new java.math.BigInteger(java.math.BigInteger.TEN.pow(1 + random.nextInt(type.precision())).bitLength(), random)
            .mod(bound);
        yield random.nextBoolean() ? digits : digits.negate();
      }
    };
    return new java.math.BigDecimal(unscaled, type.scale());
  }

  /** Random text of up to {@code maxChars} chars from every UTF-8 width (1 to 4 bytes), valid UTF-16. */
  static String text(Random random, int maxChars) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(maxChars + 1);
    while (text.length() < length) {
      switch (random.nextInt(5)) {
        case 0, 1 -> text.append((char) (0x20 + random.nextInt(0x5F)));
        case 2 -> text.append((char) (0x80 + random.nextInt(0x780)));
        case 3 -> text.append((char) (0x800 + random.nextInt(0xD000)));
        default -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
      }
    }
    return text.toString();
  }

  /** {@code count} rows of {@code schema}; about one value in {@code nullEvery} is null (0: none, 1: all). */
  static List<List<Object>> rows(Random random, Schema schema, int count, int nullEvery) {
    List<List<Object>> rows = new ArrayList<>(count);
    for (int row = 0; row < count; row++) {
      Object[] values = new Object[schema.size()];
      for (int column = 0; column < values.length; column++) {
        values[column] = nullEvery > 0 && random.nextInt(nullEvery) == 0 ? null : value(random, schema.type(column));
      }
      rows.add(Arrays.asList(values));
    }
    return rows;
  }

  /** A random schema of 1 to {@code maxColumns} columns drawn from {@link #VECTOR_TYPES}. */
  static Schema randomSchema(Random random, int maxColumns) {
    List<ColumnType> types = new ArrayList<>();
    int columns = 1 + random.nextInt(maxColumns);
    for (int i = 0; i < columns; i++) {
      types.add(VECTOR_TYPES.get(random.nextInt(VECTOR_TYPES.size())));
    }
    return schemaOf(types);
  }

  /** The rows cut into batches of random sizes (1 to {@code maxRows}). */
  static List<Batch> batches(Schema schema, List<List<Object>> rows, Random random, int maxRows) {
    List<Batch> batches = new ArrayList<>();
    int from = 0;
    while (from < rows.size()) {
      int to = Math.min(rows.size(), from + 1 + random.nextInt(maxRows));
      batches.add(Batch.fromRows(schema, rows.subList(from, to)));
      from = to;
    }
    return batches;
  }

  static List<List<Object>> rowsOf(List<Batch> batches) {
    List<List<Object>> rows = new ArrayList<>();
    for (Batch batch : batches) {
      rows.addAll(batch.rows());
    }
    return rows;
  }
}
