package dev.ember.core.operator.scan;

import static dev.ember.core.operator.OperatorTesting.drain;
import static dev.ember.core.operator.OperatorTesting.rows;
import static dev.ember.core.operator.OperatorTesting.schema;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

@ExtendWith(EngineHygiene.class)
class InMemoryScanOperatorTest {
  private static final Schema SCHEMA = schema(ColumnType.INT, ColumnType.STRING);

  private static Batch partition(int rows) {
    List<List<Object>> values = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      values.add(Arrays.asList(i, i % 3 == 0 ? null : "v" + i));
    }
    return Batch.fromRows(SCHEMA, values);
  }

  @Test
  void emitsThePartitionInSlicesOfTheDefaultRowCount() {
    for (int rows : new int[] {1, Batch.DEFAULT_ROWS - 1, Batch.DEFAULT_ROWS, Batch.DEFAULT_ROWS + 1, 3 * Batch.DEFAULT_ROWS}) {
      Batch partition = partition(rows);
      List<Batch> batches = drain(new InMemoryScanOperator(partition));

      assertThat(batches).hasSize((rows + Batch.DEFAULT_ROWS - 1) / Batch.DEFAULT_ROWS);
      assertThat(rows(batches)).isEqualTo(partition.rows());
    }
  }

  @Test
  void anEmptyPartitionHasNoBatches() {
    assertThat(drain(new InMemoryScanOperator(Batch.empty(SCHEMA)))).isEmpty();
  }

  @Test
  void broadcastScanEmitsTheSameBatchesEveryTime() {
    List<Batch> broadcast = List.of(partition(3), Batch.empty(SCHEMA), partition(2));

    assertThat(drain(new BroadcastScanOperator(broadcast))).containsExactlyElementsOf(broadcast);
    assertThat(drain(new BroadcastScanOperator(broadcast))).containsExactlyElementsOf(broadcast);
  }
}
