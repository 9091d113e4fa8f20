package dev.ember.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.task.BroadcastHandle;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BatchSizes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BroadcastStoreTest {
  private static final Schema SCHEMA = Schema.of(Field.of("k", ColumnType.LONG), Field.of("v", ColumnType.STRING));

  private static Batch batch(int rows) {
    List<List<Object>> values = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      values.add(java.util.Arrays.asList((long) i, i % 3 == 0 ? null : "v" + i));
    }
    return Batch.fromRows(SCHEMA, values);
  }

  @Test
  void aPublishedValueIsReadByReferenceUntilItsJobEnds() {
    BroadcastStore store = new BroadcastStore();
    List<Batch> value = List.of(batch(5), batch(0), batch(7));
    BroadcastHandle handle = store.publish(3, 9, value);
    long bytes = value.stream().mapToLong(BatchSizes::estimateBytes).sum();
    assertThat(handle).isEqualTo(new BroadcastHandle(3, 9, 12, bytes));
    // Published again (the next stage that reads it): the first handle, nothing copied.
    assertThat(store.publish(3, 9, List.of(batch(1)))).isEqualTo(handle);

    TaskMetrics metrics = new TaskMetrics();
    List<Batch> read = store.value(handle, metrics);
    for (int i = 0; i < value.size(); i++) {
      assertThat(read.get(i)).isSameAs(value.get(i));
    }
    assertThat(metrics.broadcastsFetched()).as("nothing travels in one JVM").isZero();

    BroadcastHandle otherJob = store.publish(4, 9, List.of());
    assertThat(otherJob.rows()).isZero();
    assertThat(store.size()).isEqualTo(2);
    store.releaseJob(3);
    assertThat(store.find(3, 9)).isEmpty();
    assertThat(store.find(4, 9)).contains(List.of());
    assertThatThrownBy(() -> store.value(handle, metrics))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("broadcast 9 of job 3");
  }
}
