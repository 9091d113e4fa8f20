package dev.ember.shuffle;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Random rows of every type the block format holds, with nulls, edge values and non-ASCII text. */
public final class TestBatches {
  public static final Schema ALL_TYPES = Schema.of(
      Field.of("b", ColumnType.BOOLEAN), Field.of("i", ColumnType.INT), Field.of("l", ColumnType.LONG),
      Field.of("d", ColumnType.DOUBLE), Field.of("s", ColumnType.STRING), Field.of("date", ColumnType.DATE),
      Field.of("ts", ColumnType.TIMESTAMP));

  private static final long[] EDGE_LONGS = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 40};
  private static final int[] EDGE_INTS = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};
  private static final double[] EDGE_DOUBLES = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 3.7};
  private static final String[] EDGE_STRINGS = {"", "a", "ß", "İstanbul", "çé", "😀", "日本語", "a\u0000b", "x".repeat(300)};

  private TestBatches() {}

  /** {@code count} rows of {@link #ALL_TYPES}; about one value in {@code nullEvery} is null (0: none). */
  public static List<List<Object>> rows(Random random, int count, int nullEvery) {
    List<List<Object>> rows = new ArrayList<>(count);
    for (int row = 0; row < count; row++) {
      Object[] values = new Object[7];
      values[0] = random.nextBoolean();
      values[1] = random.nextInt(4) == 0 ? EDGE_INTS[random.nextInt(EDGE_INTS.length)] : random.nextInt();
      values[2] = random.nextInt(4) == 0 ? EDGE_LONGS[random.nextInt(EDGE_LONGS.length)] : (long) random.nextInt(1000);
      values[3] = random.nextInt(4) == 0 ? EDGE_DOUBLES[random.nextInt(EDGE_DOUBLES.length)] : random.nextGaussian();
      values[4] = random.nextInt(3) == 0 ? EDGE_STRINGS[random.nextInt(EDGE_STRINGS.length)] : "v" + random.nextInt(500);
      values[5] = random.nextInt(40_000) - 10_000;
      values[6] = random.nextLong();
      if (nullEvery > 0) {
        for (int column = 0; column < values.length; column++) {
          if (random.nextInt(nullEvery) == 0) {
            values[column] = null;
          }
        }
      }
      rows.add(Arrays.asList(values));
    }
    return rows;
  }

  public static Batch batch(List<List<Object>> rows) {
    return Batch.fromRows(ALL_TYPES, rows);
  }

  /** The rows cut into batches of random sizes (1 to {@code maxRows}). */
  public static List<Batch> batches(List<List<Object>> rows, Random random, int maxRows) {
    List<Batch> batches = new ArrayList<>();
    int from = 0;
    while (from < rows.size()) {
      int to = Math.min(rows.size(), from + 1 + random.nextInt(maxRows));
      batches.add(batch(rows.subList(from, to)));
      from = to;
    }
    return batches;
  }
}
