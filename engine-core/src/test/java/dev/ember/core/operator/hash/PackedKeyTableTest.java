package dev.ember.core.operator.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.VectorHashing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PackedKeyTable} against a map from key tuple to id: build keys of two and three integer
 * columns (narrow, negative, a constant column, ranges that just fit 63 bits), probes present,
 * absent, outside each column's range, at the types' extremes and with nulls; the key columns and
 * row hashes of every id; and the shapes that must not pack.
 */
class PackedKeyTableTest {

  static Stream<Arguments> shapes() {
    return Stream.of(
        // seed, column types, per column: lowest value, span
        Arguments.of(1L, List.of(ColumnType.LONG, ColumnType.LONG), new long[] {1, 150_000, 0, 24}), // Q5: customer, nation
        Arguments.of(2L, List.of(ColumnType.INT, ColumnType.DATE), new long[] {-500, 1_000, 8_000, 3_000}),
        Arguments.of(3L, List.of(ColumnType.INT, ColumnType.LONG, ColumnType.INT), new long[] {7, 0, -(1L << 40), 1L << 20, 3, 2}),
        // 31 + 32 bits: exactly 63.
        Arguments.of(4L, List.of(ColumnType.LONG, ColumnType.TIMESTAMP), new long[] {Long.MIN_VALUE, (1L << 31) - 1, 0, (1L << 32) - 1}));
  }

  @ParameterizedTest(name = "seed {0}: {1}")
  @MethodSource("shapes")
  void idsKeyColumnsAndHashesAgreeWithAMap(long seed, List<ColumnType> types, long[] ranges) {
    Random random = new Random(seed);
    int columns = types.size();
    int buildRows = 5_000;
    long[][] build = new long[columns][buildRows];
    for (int row = 0; row < buildRows; row++) {
      for (int column = 0; column < columns; column++) {
        long low = ranges[2 * column];
        long span = ranges[2 * column + 1];
        // The range's ends appear, so the table's ranges are exactly these; duplicates too.
        build[column][row] = row == 0 ? low : row == 1 ? low + span : low + random.nextLong(span + 1);
      }
    }
    ColumnVector[] buildVectors = vectors(types, build, null);
    int[] rows = new int[buildRows];
    for (int i = 0; i < buildRows; i++) {
      rows[i] = i;
    }
    KeyTable table = KeyTable.forJoinBuild(types, buildVectors, rows, buildRows);
    assertThat(table).isInstanceOf(PackedKeyTable.class);
    int[] ids = new int[buildRows];
    // In chunks, as a join builds.
    for (int from = 0; from < buildRows; from += 1_024) {
      int count = Math.min(1_024, buildRows - from);
      table.findOrInsert(buildVectors, null, Arrays.copyOfRange(rows, from, from + count), count, ids);
    }
    table.freeze();
    Map<List<Long>, Integer> model = new HashMap<>();
    for (int row = 0; row < buildRows; row++) {
      List<Long> key = tuple(build, row);
      Integer expected = model.computeIfAbsent(key, k -> model.size());
      assertThat(ids[row]).as("build row %d %s", row, key).isEqualTo(expected);
    }
    assertThat(table.size()).isEqualTo(model.size());

    int probeRows = 8_000;
    long[][] probe = new long[columns][probeRows];
    boolean[][] nulls = new boolean[columns][probeRows];
    for (int row = 0; row < probeRows; row++) {
      int source = random.nextInt(buildRows);
      // Half the rows a build tuple; the others mix build values with absent and out-of-range ones.
      boolean present = random.nextBoolean();
      for (int column = 0; column < columns; column++) {
        long low = ranges[2 * column];
        long span = ranges[2 * column + 1];
        boolean ints = types.get(column).equals(ColumnType.INT) || types.get(column).equals(ColumnType.DATE);
        probe[column][row] = present ? build[column][source] : switch (random.nextInt(8)) {
          case 0 -> low - 1 - random.nextInt(3); // just below the range
          case 1 -> low + span + 1 + random.nextInt(3); // just above
          case 2 -> ints ? (random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE)
              : (random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE);
          case 3 -> low + random.nextLong(span + 1); // in range, maybe absent
          default -> build[column][source]; // present (if the other columns are too)
        };
        if (ints) {
          probe[column][row] = (int) probe[column][row];
        }
        nulls[column][row] = random.nextInt(25) == 0;
      }
    }
    ColumnVector[] probeVectors = vectors(types, probe, nulls);
    int[] probeIds = new int[probeRows];
    Arrays.fill(probeIds, -7);
    // Every other row, so unselected rows must keep their id.
    int[] selected = new int[probeRows / 2];
    for (int i = 0; i < selected.length; i++) {
      selected[i] = 2 * i + 1;
    }
    table.find(probeVectors, null, selected, selected.length, probeIds, new KeyHashTable.ProbeScratch());
    int matched = 0;
    for (int row = 0; row < probeRows; row++) {
      if (row % 2 == 0) {
        assertThat(probeIds[row]).isEqualTo(-7);
        continue;
      }
      boolean anyNull = false;
      for (int column = 0; column < columns; column++) {
        anyNull |= nulls[column][row];
      }
      Integer expected = anyNull ? null : model.get(tuple(probe, row));
      matched += expected == null ? 0 : 1;
      assertThat(probeIds[row]).as("probe row %d %s", row, tuple(probe, row)).isEqualTo(expected == null ? -1 : expected);
    }
    assertThat(matched).as("probes that match").isGreaterThan(probeRows / 5);

    int[] hashes = new int[table.size()];
    ColumnVector[] keyColumns = new ColumnVector[columns];
    for (int column = 0; column < columns; column++) {
      keyColumns[column] = table.keyColumn(column);
      assertThat(keyColumns[column].type()).isEqualTo(types.get(column));
    }
    VectorHashing.hashRows(keyColumns, table.size(), hashes);
    for (Map.Entry<List<Long>, Integer> entry : model.entrySet()) {
      int id = entry.getValue();
      for (int column = 0; column < columns; column++) {
        assertThat(((Number) keyColumns[column].getObject(id)).longValue()).isEqualTo(entry.getKey().get(column));
      }
      assertThat(table.hashOf(id)).as("hash of id %d", id).isEqualTo(hashes[id]);
    }
  }

  /**
   * TPC-H Q5's customer side: rows in c_custkey order, keyed by (c_nationkey, c_custkey) or the
   * other way round. The wide id column takes the high bits, so the packed keys ascend and the
   * one-key table finds ids by rank, with no hash slots; probes agree with a map either way.
   */
  @Test
  void aBuildSideInTheOrderOfItsWidestColumnPacksAscendingWhicheverColumnComesFirst() {
    Random random = new Random(5);
    int buildRows = 150_000;
    long[] customers = new long[buildRows];
    long[] nations = new long[buildRows];
    Map<List<Long>, Integer> expected = new HashMap<>();
    for (int row = 0; row < buildRows; row++) {
      customers[row] = row + 1;
      nations[row] = random.nextInt(25);
      expected.put(List.of(nations[row], customers[row]), row);
    }
    int[] rows = new int[buildRows];
    Arrays.setAll(rows, i -> i);
    for (boolean nationFirst : new boolean[] {true, false}) {
      long[][] columns = nationFirst ? new long[][] {nations, customers} : new long[][] {customers, nations};
      ColumnVector[] vectors = vectors(List.of(ColumnType.LONG, ColumnType.LONG), columns, null);
      KeyTable table = KeyTable.forJoinBuild(List.of(ColumnType.LONG, ColumnType.LONG), vectors, rows, buildRows);
      assertThat(table).isInstanceOf(PackedKeyTable.class);
      int[] ids = new int[buildRows];
      table.findOrInsert(vectors, null, rows, buildRows, ids);
      table.freeze();
      KeyTable packed = ((PackedKeyTable) table).packedTable();
      assertThat(packed).isInstanceOf(LongKeyHashTable.class);
      assertThat(((LongKeyHashTable) packed).findsByRank()).as("nation first: %s", nationFirst).isTrue();

      int probeRows = 20_000;
      long[][] probe = new long[2][probeRows];
      for (int row = 0; row < probeRows; row++) {
        long customer = 1 + random.nextInt(buildRows + 10);
        long nation = random.nextInt(3) == 0 ? random.nextInt(25) : customer <= buildRows ? nations[(int) customer - 1] : 3;
        probe[nationFirst ? 1 : 0][row] = customer;
        probe[nationFirst ? 0 : 1][row] = nation;
      }
      int[] probeIds = new int[probeRows];
      int[] all = new int[probeRows];
      Arrays.setAll(all, i -> i);
      table.find(vectors(List.of(ColumnType.LONG, ColumnType.LONG), probe, null), null, all, probeRows, probeIds,
          new KeyHashTable.ProbeScratch());
      for (int row = 0; row < probeRows; row++) {
        long customer = probe[nationFirst ? 1 : 0][row];
        long nation = probe[nationFirst ? 0 : 1][row];
        Integer id = expected.get(List.of(nation, customer));
        assertThat(probeIds[row]).as("probe row %d", row).isEqualTo(id == null ? -1 : ids[id]);
      }
    }
  }

  @Test
  void keysThatCannotPackGetAnotherTable() {
    int[] rows = {0, 1};
    // 40 + 40 bits: more than 63.
    ColumnVector wideA = new LongVector(ColumnType.LONG, new long[] {0, 1L << 39}, null, 2);
    ColumnVector wideB = new LongVector(ColumnType.LONG, new long[] {0, 1L << 39}, null, 2);
    assertThat(KeyTable.forJoinBuild(List.of(ColumnType.LONG, ColumnType.LONG), new ColumnVector[] {wideA, wideB}, rows, 2))
        .isInstanceOf(KeyHashTable.class);
    // A span that overflows a long.
    ColumnVector extremes = new LongVector(ColumnType.LONG, new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, null, 2);
    ColumnVector small = new LongVector(ColumnType.LONG, new long[] {1, 2}, null, 2);
    assertThat(KeyTable.forJoinBuild(List.of(ColumnType.LONG, ColumnType.LONG), new ColumnVector[] {extremes, small}, rows, 2))
        .isInstanceOf(KeyHashTable.class);
    // A column that is not an integer.
    ColumnVector doubles = new dev.ember.core.vector.DoubleVector(ColumnType.DOUBLE, new double[] {1, 2}, null, 2);
    assertThat(KeyTable.forJoinBuild(List.of(ColumnType.DOUBLE, ColumnType.LONG), new ColumnVector[] {doubles, small}, rows, 2))
        .isInstanceOf(KeyHashTable.class);
  }

  @Test
  void insertingANullOrAKeyOutsideTheBuiltRangesIsRefusedNamingIt() {
    ColumnVector first = new IntVector(ColumnType.INT, new int[] {1, 5, 9}, new boolean[] {false, false, true}, 3);
    ColumnVector second = new IntVector(ColumnType.INT, new int[] {2, 3, 4}, null, 3);
    KeyTable table = KeyTable.forJoinBuild(List.of(ColumnType.INT, ColumnType.INT), new ColumnVector[] {first, second},
        new int[] {0, 1}, 2);
    assertThat(table).isInstanceOf(PackedKeyTable.class);
    int[] ids = new int[3];
    assertThatThrownBy(() -> table.findOrInsert(new ColumnVector[] {first, second}, null, new int[] {2}, 1, ids))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null").hasMessageContaining("row 2");
    ColumnVector outside = new IntVector(ColumnType.INT, new int[] {1, 6, 1}, null, 3);
    assertThatThrownBy(() -> table.findOrInsert(new ColumnVector[] {outside, second}, null, new int[] {1}, 1, ids))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value 6").hasMessageContaining("[1, 5]");
  }

  private static List<Long> tuple(long[][] columns, int row) {
    List<Long> tuple = new ArrayList<>();
    for (long[] column : columns) {
      tuple.add(column[row]);
    }
    return tuple;
  }

  private static ColumnVector[] vectors(List<ColumnType> types, long[][] columns, boolean[][] nulls) {
    ColumnVector[] vectors = new ColumnVector[types.size()];
    for (int column = 0; column < vectors.length; column++) {
      ColumnType type = types.get(column);
      long[] values = columns[column];
      boolean[] columnNulls = nulls == null ? null : nulls[column];
      if (type.equals(ColumnType.INT) || type.equals(ColumnType.DATE)) {
        int[] ints = new int[values.length];
        for (int i = 0; i < ints.length; i++) {
          ints[i] = (int) values[i];
        }
        vectors[column] = new IntVector(type, ints, columnNulls, ints.length);
      } else {
        vectors[column] = new LongVector(type, values.clone(), columnNulls, values.length);
      }
    }
    return vectors;
  }
}
