package dev.ember.core.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bulk appends of every vector layout against a {@link List} that receives the same values:
 * random sequences of picked rows, ranges (empty, one row, whole vectors), nulls and single values,
 * from sources with and without nulls (strings also dictionary-encoded), across many growths of a
 * builder that starts small.
 */
class VectorBuilderAppendersTest {
  /** The values of {@code vector} as the tests' sources hold them (compact decimals as BigDecimals of the scale). */
  private static List<Object> values(ColumnVector vector) {
    List<Object> values = new ArrayList<>();
    for (int row = 0; row < vector.size(); row++) {
      values.add(vector.getObject(row));
    }
    return values;
  }

  @Test
  void bulkAppendsOfEveryLayoutAgreeWithAList() {
    long seed = TestSeeds.seed(821);
    Random random = new Random(seed);
    for (ColumnType type : RandomKeyColumns.TYPES) {
      for (int round = 0; round < 8; round++) {
        VectorBuilder builder = VectorBuilder.forType(type, round % 2 == 0 ? 0 : 100);
        List<Object> expected = new ArrayList<>();
        for (int step = 0; step < 40; step++) {
          int size = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : random.nextInt(200);
          RandomKeyColumns.Column column = RandomKeyColumns.random(type, size, random, new int[] {0, 20, 100}[step % 3]);
          ColumnVector source = column.vector();
          if (source instanceof StringVector strings && random.nextBoolean()) {
            source = StringLayouts.dictionaryEncoded(strings);
          }
          switch (random.nextInt(5)) {
            case 0 -> {
              int count = size == 0 ? 0 : random.nextInt(size * 2);
              int[] rows = new int[count + 3];
              for (int i = 0; i < count; i++) {
                rows[i] = random.nextInt(size);
                expected.add(column.values().get(rows[i]));
              }
              builder.appendRows(source, rows, count);
            }
            case 1 -> {
              int from = random.nextInt(size + 1);
              int to = from + random.nextInt(size - from + 1);
              builder.appendRange(source, from, to);
              expected.addAll(column.values().subList(from, to));
            }
            case 2 -> {
              builder.appendAll(source);
              expected.addAll(column.values());
            }
            case 3 -> {
              int count = random.nextInt(5);
              builder.appendNulls(count);
              for (int i = 0; i < count; i++) {
                expected.add(null);
              }
            }
            default -> {
              Object value = size == 0 ? null : column.values().get(random.nextInt(size));
              builder.appendObject(value);
              expected.add(value);
            }
          }
          assertThat(builder.size()).isEqualTo(expected.size());
        }
        ColumnVector built = builder.build();
        assertThat(VectorLayout.of(built.type())).isEqualTo(VectorLayout.of(type));
        List<Object> actual = values(built);
        for (int row = 0; row < expected.size(); row++) {
          Object want = expected.get(row);
          Object got = actual.get(row);
          if (want instanceof Double number) {
            // Copied, not normalized: -0.0 stays -0.0 (grouping normalizes when it compares and hashes).
            assertThat(Double.doubleToLongBits((Double) got)).as("%s row %d, %s", type, row, TestSeeds.describe(seed))
                .isEqualTo(Double.doubleToLongBits(number));
          } else {
            assertThat(got).as("%s row %d, %s", type, row, TestSeeds.describe(seed)).isEqualTo(want);
          }
        }
        // The built vector hashes as the list's values do: the appended bytes and unscaled values are exact.
        int[] hashes = new int[built.size()];
        VectorHashing.hashRows(new ColumnVector[] {built}, built.size(), hashes);
        ColumnVector fromList = RandomKeyColumns.vector(type, expected.toArray(), null);
        int[] listHashes = new int[built.size()];
        VectorHashing.hashRows(new ColumnVector[] {fromList}, fromList.size(), listHashes);
        assertThat(hashes).isEqualTo(listHashes);
      }
    }
  }

  @Test
  void wideDecimalNullSlotsHoldZeroAsKernelsExpect() {
    ColumnType type = ColumnType.decimal(30, 4);
    VectorBuilder builder = VectorBuilder.forType(type, 1);
    builder.appendDecimal(new BigDecimal("-1.0000"));
    builder.appendNulls(3);
    DecimalVector built = (DecimalVector) builder.build();
    assertThat(built.high).startsWith(-1L, 0L, 0L, 0L);
    assertThat(built.low).startsWith(-10_000L, 0L, 0L, 0L);
    assertThat(values(built)).containsExactly(new BigDecimal("-1.0000"), null, null, null);
  }
}
