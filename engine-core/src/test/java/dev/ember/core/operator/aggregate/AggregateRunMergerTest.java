package dev.ember.core.operator.aggregate;

import static dev.ember.core.operator.aggregate.AggregateHashTableTest.longs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.memory.SpillFile;
import dev.ember.core.operator.MemoryFixture;
import dev.ember.core.plan.AggregateMode;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateRunMergerTest {
  private static final BoundReference VALUE = new BoundReference(1, ColumnType.LONG, true);
  private static final List<AggregateFunction> AGGREGATES = List.of(
      AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()),
      AggregateFunction.of(AggregateKind.SUM, List.of(VALUE)),
      AggregateFunction.of(AggregateKind.FIRST, List.of(VALUE)));

  /** A run of keys {@code [from, to)}, each seen twice with value {@code tag}. */
  private static SpillFile run(AggregateLayout layout, MemoryFixture fixture, int from, int to, long tag) {
    AggregateHashTable table = new AggregateHashTable(layout);
    Long[] keys = new Long[2 * (to - from)];
    Long[] values = new Long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = (long) (from + i / 2);
      values[i] = tag;
    }
    int rows = keys.length;
    int[] ids = table.assignGroups(new ColumnVector[] {longs(keys)}, rows);
    ColumnVector valueColumn = longs(values);
    table.update(0, new ColumnVector[0], ids, rows);
    table.update(1, new ColumnVector[] {valueColumn}, ids, rows);
    table.update(2, new ColumnVector[] {valueColumn}, ids, rows);
    return new AggregateRunSpiller(layout, fixture.context).spill(table.runRows());
  }

  @Test
  void overlappingRunsMergeIntoOneRowPerKeyWithCombinedStatesAcrossBatches(@TempDir Path directory) {
    MemoryFixture fixture = new MemoryFixture(directory, 1L << 30);
    AggregateLayout layout = new AggregateLayout(AggregateMode.COMPLETE, List.of(ColumnType.LONG), AGGREGATES);
    int keys = 2 * Batch.DEFAULT_ROWS + 100;
    // Keys [0, keys) in the first run, [keys/2, keys + 50) in the second.
    List<SpillFile> runs = List.of(run(layout, fixture, 0, keys, 1), run(layout, fixture, keys / 2, keys + 50, 100));
    assertThat(fixture.spillFiles()).isEqualTo(2);

    Map<Long, List<Object>> byKey = new HashMap<>();
    int batches = 0;
    try (AggregateRunMerger merger = new AggregateRunMerger(layout, runs, fixture.context)) {
      for (Batch batch = merger.next(); batch != null; batch = merger.next()) {
        batches++;
        assertThat(batch.rowCount()).isLessThanOrEqualTo(Batch.DEFAULT_ROWS);
        for (List<Object> row : batch.rows()) {
          assertThat(byKey.put((Long) row.get(0), row)).as("one row per key").isNull();
        }
      }
    }
    assertThat(batches).isGreaterThan(1);
    assertThat(byKey).hasSize(keys + 50);
    for (long key = 0; key < keys + 50; key++) {
      boolean inFirst = key < keys;
      boolean inSecond = key >= keys / 2;
      long count = (inFirst ? 2 : 0) + (inSecond ? 2 : 0);
      long sum = (inFirst ? 2 : 0) + (inSecond ? 200 : 0);
      // first() keeps the earlier run's value: runs merge in spill order.
      long first = inFirst ? 1 : 100;
      assertThat(byKey.get(key)).as("key " + key).isEqualTo(Arrays.asList(key, count, sum, first));
    }
    fixture.assertClean();
  }

  @Test
  void partialModeEmitsCombinedStates(@TempDir Path directory) {
    MemoryFixture fixture = new MemoryFixture(directory, 1L << 30);
    AggregateLayout layout = new AggregateLayout(AggregateMode.PARTIAL, List.of(ColumnType.LONG), AGGREGATES);
    List<SpillFile> runs = List.of(run(layout, fixture, 0, 2, 5), run(layout, fixture, 1, 3, 7));
    List<List<Object>> rows = new ArrayList<>();
    try (AggregateRunMerger merger = new AggregateRunMerger(layout, runs, fixture.context)) {
      for (Batch batch = merger.next(); batch != null; batch = merger.next()) {
        rows.addAll(batch.rows());
      }
    }
    // Keys, count, sum, then first's state (value, seen).
    assertThat(rows).containsExactlyInAnyOrder(
        Arrays.asList(0L, 2L, 10L, 5L, true), Arrays.asList(1L, 4L, 24L, 5L, true), Arrays.asList(2L, 2L, 14L, 7L, true));
    fixture.assertClean();
  }
}
