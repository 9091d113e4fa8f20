package dev.ember.core.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Literal;
import dev.ember.core.plan.FilterExec;
import dev.ember.core.plan.RangeScanExec;
import dev.ember.core.result.ResultAction;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.task.ResultTask;
import dev.ember.core.task.Task;
import dev.ember.core.task.TaskInfo;
import dev.ember.core.task.TaskInputs;
import dev.ember.core.types.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The serializer's pooled output buffers: kept between uses, never shared by two threads at once,
 * dropped after a value larger than the pool keeps, and never leaking one value's bytes into the
 * next one's.
 */
class EmberSerializerTest {
  /** A task whose output path has {@code pathLength} characters: its size in bytes follows. */
  private static ResultTask task(int id, int pathLength) {
    StringBuilder path = new StringBuilder("/tmp/");
    Random random = new Random(id);
    while (path.length() < pathLength) {
      path.append((char) ('a' + random.nextInt(26)));
    }
    FilterExec plan = new FilterExec(new RangeScanExec(0, 1000 + id, 1, 2),
        new Comparison(ComparisonOperator.GREATER_THAN, new BoundReference(0, ColumnType.LONG, false), Literal.of((long) id)));
    return new ResultTask(new TaskInfo(id, 1, 2, 0, id % 4, 0), plan,
        new ResultAction.WriteCsv(path.toString(), CsvOptions.defaults()), TaskInputs.NONE, null);
  }

  @Test
  void taskIdentitiesRoundTripAtTheEdgesOfTheirNumbers() {
    EmberSerializer serializer = new EmberSerializer();
    for (TaskInfo info : List.of(
        new TaskInfo(0, 0, 0, 0, 0, 0),
        new TaskInfo(Long.MAX_VALUE, Integer.MAX_VALUE, 1, 2, 3, 4),
        new TaskInfo(-1, -2, Integer.MIN_VALUE, -4, -5, Integer.MAX_VALUE),
        new TaskInfo(Long.MIN_VALUE, 7, 8, 9, 10_000, 11))) {
      assertThat(serializer.deserialize(serializer.serialize(info), TaskInfo.class)).isEqualTo(info);
    }
  }

  @Test
  void valuesOfEverySizeRoundTripInAnyOrderThroughOnePooledBuffer() {
    EmberSerializer serializer = new EmberSerializer();
    int large = EmberSerializer.MAX_KEPT_OUTPUT_BYTES + 10_000;
    int[] lengths = {10, 5_000, large, 10, EmberSerializer.INITIAL_OUTPUT_BYTES, large, 30, 100_000, 12};
    for (int i = 0; i < lengths.length; i++) {
      ResultTask task = task(i, lengths[i]);
      byte[] bytes = serializer.serialize(task);
      assertThat(serializer.deserialize(bytes, Task.class)).isEqualTo(task);
      // A small value after a large one has exactly its own bytes: nothing of the earlier value remains.
      assertThat(bytes).isEqualTo(new EmberSerializer().serialize(task));
    }
  }

  @Test
  void threadsSerializingAtOnceEachGetTheirOwnValuesBytes() throws Exception {
    EmberSerializer serializer = new EmberSerializer();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int id = i;
        results.add(threads.submit((Callable<Boolean>) () -> {
          ResultTask task = task(id, 10 + (id * 7919) % 20_000);
          return serializer.deserialize(serializer.serialize(task), Task.class).equals(task);
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aValueThatCannotBeWrittenFailsTypedAndTheNextValueIsWhole() {
    EmberSerializer serializer = new EmberSerializer();
    assertThatThrownBy(() -> serializer.serialize(new Object()))
        .isInstanceOf(SerializationException.class).hasMessageContaining("java.lang.Object");
    ResultTask task = task(7, 300);
    assertThat(serializer.deserialize(serializer.serialize(task), Task.class)).isEqualTo(task);
  }
}
