package dev.ember.core.operator.basic;

import static dev.ember.core.operator.OperatorTesting.drain;
import static dev.ember.core.operator.OperatorTesting.randomValue;
import static dev.ember.core.operator.OperatorTesting.rows;
import static dev.ember.core.operator.OperatorTesting.schema;
import static dev.ember.core.operator.OperatorTesting.toBatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.operator.BatchSource;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.ReplicateRowsExec;
import dev.ember.core.testing.EngineHygiene;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineHygiene.class)
class ReplicateRowsOperatorTest {
  private static final Schema SCHEMA = schema(ColumnType.LONG, ColumnType.INT, ColumnType.STRING);

  /** What the operator must produce: each row without its count, count times (none for null, 0, negative). */
  private static List<List<Object>> replicated(List<List<Object>> input) {
    List<List<Object>> expected = new ArrayList<>();
    for (List<Object> row : input) {
      Long count = (Long) row.get(0);
      for (long i = 0; count != null && i < count; i++) {
        expected.add(row.subList(1, row.size()));
      }
    }
    return expected;
  }

  @Test
  void repeatsEachRowItsCountTimesInOrder() {
    Random random = new Random(11);
    for (int round = 0; round < 30; round++) {
      List<List<Object>> input = new ArrayList<>();
      int size = random.nextInt(200);
      for (int i = 0; i < size; i++) {
        Long count = random.nextInt(8) == 0 ? null : (long) random.nextInt(12) - 3;
        input.add(Arrays.asList(count, randomValue(ColumnType.INT, random, 50, 0.2),
            randomValue(ColumnType.STRING, random, 10, 0.2)));
      }
      BatchSource source = new BatchSource(toBatches(SCHEMA, input, random, 40));

      List<Batch> output = drain(new ReplicateRowsOperator(source));

      assertThat(rows(output)).isEqualTo(replicated(input));
      assertThat(output).allSatisfy(batch -> {
        assertThat(batch.rowCount()).isBetween(1, Batch.DEFAULT_ROWS);
        assertThat(batch.columnCount()).isEqualTo(2);
      });
      assertThat(source.closeCount()).isEqualTo(1);
    }
  }

  @Test
  void aCountBeyondOneBatchIsSplitIntoFullBatches() {
    long copies = Batch.DEFAULT_ROWS * 3L + 5;
    List<List<Object>> input = List.of(Arrays.asList(copies, 7, "x"), Arrays.asList(2L, 8, null));
    List<Batch> output = drain(new ReplicateRowsOperator(new BatchSource(toBatches(SCHEMA, input, new Random(1), 10))));

    assertThat(output.stream().mapToInt(Batch::rowCount).toArray())
        .containsExactly(Batch.DEFAULT_ROWS, Batch.DEFAULT_ROWS, Batch.DEFAULT_ROWS, 7);
    assertThat(rows(output)).isEqualTo(replicated(input));
  }

  @Test
  void emptyAndZeroCountInputsGiveNoRows() {
    assertThat(drain(new ReplicateRowsOperator(new BatchSource(List.of())))).isEmpty();
    List<List<Object>> zeros = List.of(Arrays.asList(0L, 1, "a"), Arrays.asList(null, 2, "b"), Arrays.asList(-4L, 3, "c"));
    assertThat(rows(drain(new ReplicateRowsOperator(new BatchSource(toBatches(SCHEMA, zeros, new Random(2), 2))))))
        .isEmpty();
  }

  @Test
  void thePlanNodeNeedsABigintCountFirst() {
    Schema noCount = schema(ColumnType.INT, ColumnType.STRING);
    assertThatThrownBy(() -> new ReplicateRowsExec(new InMemoryScanExec(noCount, List.of(Batch.empty(noCount)))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BIGINT count");
    ReplicateRowsExec exec = new ReplicateRowsExec(new InMemoryScanExec(SCHEMA, List.of(Batch.empty(SCHEMA))));
    assertThat(exec.schema().types()).containsExactly(ColumnType.INT, ColumnType.STRING);
  }
}
