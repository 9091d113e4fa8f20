package dev.ember.core.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The per-type hash kernels against a row-at-a-time reference over the Java values: Spark's Murmur3
 * of each value ({@link VectorHashing#hashString} encodes a {@code String} on its own, {@link
 * VectorHashing#hashDecimal(BigDecimal, int)} goes through {@code BigInteger.toByteArray}), chained
 * over the key columns, a null leaving the hash as it is.
 */
class HashKernelTest {
  private static int referenceHash(ColumnType type, Object value, int seed) {
    if (value == null) {
      return seed;
    }
    return switch (type.kind()) {
      case BOOLEAN -> VectorHashing.hashInt((Boolean) value ? 1 : 0, seed);
      case INT, DATE -> VectorHashing.hashInt((Integer) value, seed);
      case LONG, TIMESTAMP -> VectorHashing.hashLong((Long) value, seed);
      case DOUBLE -> {
        double number = (Double) value;
        yield VectorHashing.hashLong(number == 0.0 ? 0L : Double.doubleToLongBits(number), seed);
      }
      case STRING -> VectorHashing.hashString((String) value, seed);
      case DECIMAL -> type.precision() <= 18
          ? VectorHashing.hashLong(((BigDecimal) value).unscaledValue().longValueExact(), seed)
          : VectorHashing.hashDecimal((BigDecimal) value, seed);
    };
  }

  /** The column in each layout it can have: strings also dictionary-encoded. */
  private static List<ColumnVector> layouts(ColumnVector vector) {
    List<ColumnVector> layouts = new ArrayList<>(List.of(vector));
    if (vector instanceof StringVector strings) {
      layouts.add(StringLayouts.dictionaryEncoded(strings));
    }
    return layouts;
  }

  @Test
  void eachKernelHashesLikeTheReferenceAsFirstAndAsLaterKey() {
    long seed = TestSeeds.seed(801);
    Random random = new Random(seed);
    for (int round = 0; round < 30; round++) {
      int rows = new int[] {0, 1, 2, 7, 300}[round % 5];
      for (ColumnType type : RandomKeyColumns.TYPES) {
        RandomKeyColumns.Column column = RandomKeyColumns.random(type, rows, random, new int[] {0, 10, 100}[round % 3]);
        RandomKeyColumns.Column first = RandomKeyColumns.random(ColumnType.INT, rows, random, 20);
        HashKernel kernel = HashKernel.forType(type);
        assertThat(kernel.layout()).isEqualTo(VectorLayout.of(type));
        for (ColumnVector vector : layouts(column.vector())) {
          String description = type + (vector instanceof StringVector strings && strings.isDictionary() ? " dictionary" : "")
              + ", " + rows + " rows, " + TestSeeds.describe(seed);
          // As the only key: the rows start at the seed (a dictionary takes its entries' cached hashes).
          int[] hashes = new int[rows + 1];
          hashes[rows] = 12345;
          Arrays.fill(hashes, 0, rows, VectorHashing.SEED);
          kernel.combine(vector, rows, hashes);
          for (int row = 0; row < rows; row++) {
            assertThat(hashes[row]).as("row %d of %s", row, description)
                .isEqualTo(referenceHash(type, column.values().get(row), VectorHashing.SEED));
          }
          assertThat(hashes[rows]).as("a slot past the rows stays").isEqualTo(12345);
          // After another key: each row mixes into its own running hash.
          int[] chained = new int[rows];
          VectorHashing.hashRows(new ColumnVector[] {first.vector(), vector}, rows, chained);
          for (int row = 0; row < rows; row++) {
            int expected = referenceHash(type, column.values().get(row),
                referenceHash(ColumnType.INT, first.values().get(row), VectorHashing.SEED));
            assertThat(chained[row]).as("chained row %d of %s", row, description).isEqualTo(expected);
          }
        }
      }
    }
  }

  @Test
  void valuesThatGroupTogetherHashTogether() {
    long seed = TestSeeds.seed(802);
    Random random = new Random(seed);
    for (ColumnType type : RandomKeyColumns.TYPES) {
      RandomKeyColumns.Column column = RandomKeyColumns.random(type, 2_000, random, 5);
      for (ColumnVector vector : layouts(column.vector())) {
        int[] hashes = new int[2_000];
        VectorHashing.hashRows(new ColumnVector[] {vector}, 2_000, hashes);
        Map<Object, Integer> hashOfValue = new HashMap<>();
        for (int row = 0; row < 2_000; row++) {
          Object value = RandomKeyColumns.groupingValue(column.values().get(row));
          Integer earlier = hashOfValue.putIfAbsent(value == null ? "<null>" : value, hashes[row]);
          if (earlier != null) {
            assertThat(hashes[row]).as("%s value %s, %s", type, value, TestSeeds.describe(seed)).isEqualTo(earlier);
          }
        }
      }
    }
  }

  @Test
  void aPrefixOfTheRowsIsHashedAndNothingElse() {
    RandomKeyColumns.Column column = RandomKeyColumns.random(ColumnType.STRING, 10, new Random(3), 0);
    int[] hashes = new int[10];
    Arrays.fill(hashes, VectorHashing.SEED);
    HashKernel.forType(ColumnType.STRING).combine(column.vector(), 4, hashes);
    for (int row = 0; row < 10; row++) {
      assertThat(hashes[row]).isEqualTo(row < 4
          ? referenceHash(ColumnType.STRING, column.values().get(row), VectorHashing.SEED) : VectorHashing.SEED);
    }
  }

  @Test
  void typesShareAKernelExactlyWhenTheyShareAVectorLayout() {
    assertThat(HashKernel.forType(ColumnType.DATE)).isSameAs(HashKernel.forType(ColumnType.INT));
    assertThat(HashKernel.forType(ColumnType.TIMESTAMP)).isSameAs(HashKernel.forType(ColumnType.LONG));
    assertThat(HashKernel.forType(ColumnType.decimal(18, 2))).isSameAs(HashKernel.forType(ColumnType.LONG));
    assertThat(HashKernel.forType(ColumnType.decimal(19, 2)).layout()).isEqualTo(VectorLayout.WIDE_DECIMAL);
    assertThat(HashKernel.forType(ColumnType.decimal(38, 0))).isSameAs(HashKernel.forType(ColumnType.decimal(19, 2)));
    for (VectorLayout layout : VectorLayout.values()) {
      assertThat(RandomKeyColumns.TYPES.stream().filter(type -> VectorLayout.of(type) == layout)).as("%s is tested", layout)
          .isNotEmpty();
    }
  }

  @Test
  void aKernelRefusesAColumnOfAnotherLayout() {
    ColumnVector longs = new LongVector(ColumnType.LONG, new long[] {1}, null, 1);
    assertThatThrownBy(() -> HashKernel.forType(ColumnType.INT).combine(longs, 1, new int[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("INT hash kernel cannot hash a bigint column");
  }
}
