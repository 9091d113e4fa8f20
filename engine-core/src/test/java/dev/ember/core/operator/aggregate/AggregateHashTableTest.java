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
import dev.ember.core.vector.VectorHashing;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
