package dev.ember.core.operator.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.plan.AggregateMode;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.VectorBuilder;
import dev.ember.core.operator.hash.KeyHashTable;
import dev.ember.core.operator.hash.LongKeyHashTable;
import dev.ember.core.operator.hash.PackedKeyTable;
import dev.ember.core.testing.TestSeeds;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.VectorHashing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AggregateHashTableTest {
  private static final BoundReference VALUE = new BoundReference(1, ColumnType.LONG, true);
  private static final List<AggregateFunction> COUNT_AND_AVERAGE = List.of(
      AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()), AggregateFunction.of(AggregateKind.AVG, List.of(VALUE)));

  static ColumnVector longs(Long... values) {
    VectorBuilder builder = VectorBuilder.forType(ColumnType.LONG, values.length);
    for (Long value : values) {
      builder.appendObject(value);
    }
    return builder.build();
  }

  /** Folds rows of (key, value) into the table as a raw-mode operator does. */
  static void add(AggregateHashTable table, ColumnVector keys, ColumnVector values) {
    int rows = values.size();
    ColumnVector[] keyColumns = keys == null ? new ColumnVector[0] : new ColumnVector[] {keys};
    int[] ids = table.assignGroups(keyColumns, rows);
    table.update(0, new ColumnVector[0], ids, rows);
    table.update(1, new ColumnVector[] {values}, ids, rows);
  }

  @Test
  void equalKeysShareADenseIdInOrderOfFirstSightAndNullIsAGroupOfItsOwn() {
    AggregateHashTable table = new AggregateHashTable(
        new AggregateLayout(AggregateMode.COMPLETE, List.of(ColumnType.LONG), COUNT_AND_AVERAGE));
    assertThat(table.groupCount()).isZero();

    int[] ids = table.assignGroups(new ColumnVector[] {longs(5L, null, 5L, 7L)}, 4);
    assertThat(Arrays.copyOf(ids, 4)).containsExactly(0, 1, 0, 2);
    table.update(0, new ColumnVector[0], ids, 4);
    table.update(1, new ColumnVector[] {longs(1L, 2L, 3L, null)}, ids, 4);
    add(table, longs(7L, 9L, null), longs(10L, 20L, 4L));

    assertThat(table.groupCount()).isEqualTo(4);
    assertThat(table.output(0, 4).rows()).containsExactly(
        Arrays.asList(5L, 2L, 2.0), Arrays.asList(null, 2L, 3.0), Arrays.asList(7L, 2L, 10.0), Arrays.asList(9L, 1L, 20.0));
    assertThat(table.output(1, 3).rows()).containsExactly(Arrays.asList(null, 2L, 3.0), Arrays.asList(7L, 2L, 10.0));
  }

  @Test
  void partialModeEmitsStatesAndRunRowsCarryStatesAndTheKeyHash() {
    AggregateLayout layout = new AggregateLayout(AggregateMode.PARTIAL, List.of(ColumnType.LONG), COUNT_AND_AVERAGE);
    AggregateHashTable table = new AggregateHashTable(layout);
    add(table, longs(3L, null, 3L), longs(1L, 5L, null));

    // AVG's partial state is (sum, count of non-null values).
    assertThat(table.output(0, 2).rows()).containsExactly(
        Arrays.asList(3L, 2L, 1.0, 1L), Arrays.asList(null, 1L, 5.0, 1L));
    Batch run = table.runRows();
    assertThat(run.columnCount()).isEqualTo(layout.runTypes().size());
    assertThat(run.rows()).containsExactly(
        Arrays.asList(3L, 2L, 1.0, 1L, VectorHashing.hashLong(3L, VectorHashing.SEED)),
        Arrays.asList(null, 1L, 5.0, 1L, VectorHashing.SEED));
  }

  @Test
  void aGlobalTableHasItsOneGroupBeforeAnyInput() {
    AggregateHashTable table = new AggregateHashTable(new AggregateLayout(AggregateMode.COMPLETE, List.of(), COUNT_AND_AVERAGE));
    assertThat(table.groupCount()).isEqualTo(1);
    assertThat(table.output(0, 1).rows()).containsExactly(Arrays.asList(0L, null));

    add(table, null, longs(2L, null, 4L));
    add(table, null, longs(6L));
    assertThat(table.groupCount()).isEqualTo(1);
    assertThat(table.output(0, 1).rows()).containsExactly(Arrays.asList(4L, 4.0));
  }

  @Test
  void aGlobalTablePutsEveryRowOfBatchesOfAnySizeInGroupZero() {
    AggregateHashTable table = new AggregateHashTable(new AggregateLayout(AggregateMode.COMPLETE, List.of(), COUNT_AND_AVERAGE));
    long sum = 0;
    long valued = 0;
    long rows = 0;
    for (int size : new int[] {3, 1, 4_096, 7, 10_000, 0, 2}) {
      Long[] values = new Long[size];
      for (int i = 0; i < size; i++) {
        values[i] = i % 5 == 0 ? null : (long) i;
        sum += values[i] == null ? 0 : values[i];
        valued += values[i] == null ? 0 : 1;
      }
      rows += size;
      int[] ids = table.assignGroups(new ColumnVector[0], size);
      assertThat(Arrays.stream(ids, 0, size).filter(id -> id != 0).count()).isZero();
      table.update(0, new ColumnVector[0], ids, size);
      table.update(1, new ColumnVector[] {longs(values)}, ids, size);
    }
    assertThat(table.groupCount()).isEqualTo(1);
    assertThat(table.output(0, 1).rows()).containsExactly(Arrays.asList(rows, (double) sum / valued));
  }

  @Test
  void retainedBytesGrowWithTheGroups() {
    AggregateHashTable table = new AggregateHashTable(
        new AggregateLayout(AggregateMode.COMPLETE, List.of(ColumnType.LONG), COUNT_AND_AVERAGE));
    long empty = table.retainedBytes();
    Long[] keys = new Long[20_000];
    for (int i = 0; i < keys.length; i++) {
      // Out of order, so the keys need hash slots too (ascending ones would not).
      keys[i] = (long) ((i * 7919) % keys.length);
    }
    add(table, longs(keys), longs(keys));
    assertThat(table.groupCount()).isEqualTo(20_000);
    // At least a key, a count, a sum and a count of values per group.
    assertThat(table.retainedBytes()).isGreaterThan(empty + 20_000L * 32);
  }

  /** What each batch after the first holds besides keys near the first batch's. */
  enum Interruption { NONE, FAR_VALUE, NULL_KEY }

  /**
   * Several integer keys (TPC-H Q3's order key, order date and ship priority; two int-like keys)
   * group through one packed long, laid out by the first batch, while the keys fit; a batch with a
   * value far outside or a null moves the groups, ids unchanged, to a hash table of key tuples.
   * Ids, output rows and the run rows' key hashes against a map in order of first sight.
   */
  @ParameterizedTest(name = "{0} keys {1}, then {2}")
  @MethodSource("packedGroupings")
  void integerKeysPackUntilABatchDoesNotFitThenGroupOnWithTheSameIds(long fixedSeed, List<ColumnType> types,
      Interruption interruption) {
    long seed = TestSeeds.seed(fixedSeed);
    Random random = new Random(seed);
    AggregateHashTable table = new AggregateHashTable(new AggregateLayout(AggregateMode.PARTIAL, types, COUNT_AND_AVERAGE));
    Map<List<Long>, Integer> model = new LinkedHashMap<>();
    Map<List<Long>, long[]> countAndSum = new HashMap<>();
    int batches = 6;
    int interruptedAt = 2 + random.nextInt(batches - 2);
    for (int batch = 0; batch < batches; batch++) {
      // A first batch of a hundred rows or more: its ranges leave an int column too few spare bits
      // to cover every int (a far value must fall outside).
      int rows = batch == 0 ? 100 + random.nextInt(2_900) : 1 + random.nextInt(1_500);
      long[][] keys = new long[types.size()][rows];
      boolean[][] nulls = new boolean[types.size()][rows];
      long[] values = new long[rows];
      for (int row = 0; row < rows; row++) {
        for (int column = 0; column < types.size(); column++) {
          // Ascending order keys drift upwards batch after batch; the others repeat a few values.
          keys[column][row] = column == 0 ? 1_000L * batch + random.nextInt(1_200) : 8_000 + random.nextInt(column == 1 ? 2_500 : 5);
        }
        values[row] = random.nextInt(100);
      }
      if (batch == interruptedAt && interruption == Interruption.FAR_VALUE) {
        keys[0][rows - 1] = isInt(types.get(0)) ? Integer.MAX_VALUE : 1L << 45;
      } else if (batch == interruptedAt && interruption == Interruption.NULL_KEY) {
        nulls[types.size() - 1][random.nextInt(rows)] = true;
      }
      ColumnVector[] keyColumns = columns(types, keys, nulls, rows);
      int[] ids = table.assignGroups(keyColumns, rows);
      table.update(0, new ColumnVector[0], ids, rows);
      table.update(1, new ColumnVector[] {new LongVector(ColumnType.LONG, values, null, rows)}, ids, rows);
      for (int row = 0; row < rows; row++) {
        List<Long> tuple = new ArrayList<>();
        for (int column = 0; column < types.size(); column++) {
          tuple.add(nulls[column][row] ? null : keys[column][row]);
        }
        Integer expected = model.computeIfAbsent(tuple, key -> model.size());
        assertThat(ids[row]).as("%s, batch %d row %d %s", TestSeeds.describe(seed), batch, row, tuple).isEqualTo(expected);
        long[] state = countAndSum.computeIfAbsent(tuple, key -> new long[2]);
        state[0]++;
        state[1] += values[row];
      }
      boolean interrupted = interruption != Interruption.NONE && batch >= interruptedAt;
      assertThat(table.keyTable()).as("batch %d", batch)
          .isInstanceOf(interrupted ? KeyHashTable.class : PackedKeyTable.class);
    }
    assertThat(table.groupCount()).isEqualTo(model.size());
    List<List<Object>> expectedRows = new ArrayList<>();
    for (Map.Entry<List<Long>, Integer> group : model.entrySet()) {
      List<Object> row = new ArrayList<>();
      for (int column = 0; column < types.size(); column++) {
        Long key = group.getKey().get(column);
        row.add(key == null ? null : isInt(types.get(column)) ? (Object) (int) (long) key : key);
      }
      long[] state = countAndSum.get(group.getKey());
      // COUNT's state, then AVG's (sum as a double, count of values).
      row.addAll(List.of(state[0], (double) state[1], state[0]));
      expectedRows.add(row);
    }
    assertThat(table.output(0, model.size()).rows()).as(TestSeeds.describe(seed)).isEqualTo(expectedRows);
    Batch run = table.runRows();
    ColumnVector[] runKeys = new ColumnVector[types.size()];
    for (int column = 0; column < runKeys.length; column++) {
      runKeys[column] = run.column(column);
    }
    int[] hashes = new int[model.size()];
    VectorHashing.hashRows(runKeys, model.size(), hashes);
    ColumnVector runHashes = run.column(run.columnCount() - 1);
    for (int id = 0; id < model.size(); id++) {
      assertThat(runHashes.getObject(id)).as("hash of group %d", id).isEqualTo(hashes[id]);
    }
  }

  static Stream<Arguments> packedGroupings() {
    List<ColumnType> q3 = List.of(ColumnType.LONG, ColumnType.DATE, ColumnType.INT);
    List<ColumnType> ints = List.of(ColumnType.INT, ColumnType.INT);
    return Stream.of(
        Arguments.of(9400L, q3, Interruption.NONE),
        Arguments.of(9401L, q3, Interruption.FAR_VALUE),
        Arguments.of(9402L, q3, Interruption.NULL_KEY),
        Arguments.of(9403L, ints, Interruption.NONE),
        Arguments.of(9404L, ints, Interruption.FAR_VALUE),
        Arguments.of(9405L, ints, Interruption.NULL_KEY));
  }

  @Test
  void keysThatAreNotAllIntegersOrOnlyOneDoNotPack() {
    AggregateHashTable withString = new AggregateHashTable(new AggregateLayout(AggregateMode.PARTIAL,
        List.of(ColumnType.LONG, ColumnType.STRING), COUNT_AND_AVERAGE));
    VectorBuilder names = VectorBuilder.forType(ColumnType.STRING, 2);
    names.appendString("a");
    names.appendString("b");
    withString.assignGroups(new ColumnVector[] {longs(1L, 2L), names.build()}, 2);
    assertThat(withString.keyTable()).isInstanceOf(KeyHashTable.class);

    AggregateHashTable oneKey = new AggregateHashTable(
        new AggregateLayout(AggregateMode.PARTIAL, List.of(ColumnType.LONG), COUNT_AND_AVERAGE));
    oneKey.assignGroups(new ColumnVector[] {longs(1L, 2L)}, 2);
    assertThat(oneKey.keyTable()).isInstanceOf(LongKeyHashTable.class);

    // Ranges that need more than 63 bits together: a hash table from the first batch on.
    AggregateHashTable wide = new AggregateHashTable(new AggregateLayout(AggregateMode.PARTIAL,
        List.of(ColumnType.LONG, ColumnType.LONG), COUNT_AND_AVERAGE));
    int[] ids = wide.assignGroups(new ColumnVector[] {longs(0L, 1L << 40), longs(0L, 1L << 40)}, 2);
    assertThat(wide.keyTable()).isInstanceOf(KeyHashTable.class);
    assertThat(Arrays.copyOf(ids, 2)).containsExactly(0, 1);
  }

  private static boolean isInt(ColumnType type) {
    return type.equals(ColumnType.INT) || type.equals(ColumnType.DATE);
  }

  private static ColumnVector[] columns(List<ColumnType> types, long[][] keys, boolean[][] nulls, int rows) {
    ColumnVector[] columns = new ColumnVector[types.size()];
    for (int column = 0; column < columns.length; column++) {
      boolean any = false;
      for (boolean isNull : nulls[column]) {
        any |= isNull;
      }
      boolean[] columnNulls = any ? nulls[column] : null;
      if (isInt(types.get(column))) {
        int[] ints = new int[rows];
        for (int row = 0; row < rows; row++) {
          ints[row] = (int) keys[column][row];
        }
        columns[column] = new IntVector(types.get(column), ints, columnNulls, rows);
      } else {
        columns[column] = new LongVector(types.get(column), keys[column], columnNulls, rows);
      }
    }
    return columns;
  }
}

