package dev.ember.core.operator.aggregate;

import static dev.ember.core.operator.aggregate.AggregateHashTableTest.add;
import static dev.ember.core.operator.aggregate.AggregateHashTableTest.longs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.memory.SpillFile;
import dev.ember.core.memory.SpillReader;
import dev.ember.core.operator.MemoryFixture;
import dev.ember.core.plan.AggregateMode;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateRunSpillerTest {
  private static final AggregateLayout LAYOUT = new AggregateLayout(AggregateMode.COMPLETE, List.of(ColumnType.LONG),
      List.of(AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()),
          AggregateFunction.of(AggregateKind.SUM, List.of(new BoundReference(1, ColumnType.LONG, true)))));

  @Test
  void aRunHoldsEveryGroupSortedByHashThenKeyAndCountsAsSpilled(@TempDir Path directory) {
    MemoryFixture fixture = new MemoryFixture(directory, 1L << 30);
    AggregateHashTable table = new AggregateHashTable(LAYOUT);
    Random random = new Random(7);
    Long[] keys = new Long[3 * Batch.DEFAULT_ROWS];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = random.nextInt(50) == 0 ? null : (long) random.nextInt(5_000);
    }
    add(table, longs(keys), longs(keys));
    List<List<Object>> groups = table.runRows().rows();

    SpillFile run = new AggregateRunSpiller(LAYOUT, fixture.context).spill(table.runRows());

    assertThat(run.types()).isEqualTo(LAYOUT.runTypes());
    assertThat(fixture.metrics.spillBytes()).isEqualTo(run.bytes()).isPositive();
    assertThat(fixture.metrics.spillCount()).isEqualTo(1);
    List<List<Object>> written = new ArrayList<>();
    try (SpillReader reader = run.open()) {
      for (Batch batch = reader.next(); batch != null; batch = reader.next()) {
        written.addAll(batch.rows());
      }
    }
    Comparator<List<Object>> byHashThenKey = Comparator.comparing((List<Object> row) -> (Integer) row.get(3))
        .thenComparing(row -> (Long) row.get(0), Comparator.nullsFirst(Comparator.naturalOrder()));
    assertThat(written).isSortedAccordingTo(byHashThenKey);
    assertThat(written).containsExactlyInAnyOrderElementsOf(groups);
    run.delete();
    fixture.assertClean();
  }
}
