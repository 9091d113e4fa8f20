package dev.ember.core.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Literal;
import dev.ember.core.plan.FilterExec;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.RangeScanExec;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.result.ResultAction;
import dev.ember.core.task.ResultTask;
import dev.ember.core.task.Task;
import dev.ember.core.task.TaskInfo;
import dev.ember.core.task.TaskInputs;
import dev.ember.core.types.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stage's plan is encoded once and decoded once however many of its tasks travel. */
class StagePlansTest {
  private static PhysicalPlan plan(long upTo) {
    return new FilterExec(new RangeScanExec(0, upTo, 1, 4),
        new Comparison(ComparisonOperator.GREATER_THAN, new BoundReference(0, ColumnType.LONG, false), Literal.of(3L)));
  }

  private static ResultTask task(PhysicalPlan plan, int partition) {
    return new ResultTask(new TaskInfo(40 + partition, 1, 2, 0, partition, 0), plan,
        new ResultAction.WriteCsv("/tmp/out", CsvOptions.defaults()), TaskInputs.NONE, null);
  }

  @Test
  void aStagesTasksEncodeTheirPlanOnceAndDecodeItOnce() {
    EmberSerializer serializer = EmberSerializer.shared();
    PhysicalPlan plan = plan(1_000_003);
    long encodingsBefore = StagePlans.encodings();
    List<byte[]> encoded = new ArrayList<>();
    for (int partition = 0; partition < 24; partition++) {
      encoded.add(serializer.serialize(task(plan, partition)));
    }
    assertThat(StagePlans.encodings() - encodingsBefore).isEqualTo(1);

    long decodingsBefore = StagePlans.decodings();
    List<ResultTask> decoded = new ArrayList<>();
    for (byte[] bytes : encoded) {
      decoded.add((ResultTask) serializer.deserialize(bytes, Task.class));
    }
    assertThat(StagePlans.decodings() - decodingsBefore).isEqualTo(1);
    for (int partition = 0; partition < decoded.size(); partition++) {
      assertThat(decoded.get(partition)).isEqualTo(task(plan, partition));
      assertThat(decoded.get(partition).plan()).isSameAs(decoded.get(0).plan());
    }
  }

  @Test
  void differentPlansKeepTheirOwnBytesAndAnEqualPlanReusesThem() {
    EmberSerializer serializer = EmberSerializer.shared();
    long before = StagePlans.encodings();
    byte[] first = serializer.serialize(task(plan(2_000_017), 0));
    byte[] second = serializer.serialize(task(plan(2_000_019), 0));
    byte[] again = serializer.serialize(task(plan(2_000_017), 0));
    assertThat(StagePlans.encodings() - before).as("an equal plan (another instance) reuses the bytes").isEqualTo(2);
    assertThat(again).isEqualTo(first);
    assertThat(((ResultTask) serializer.deserialize(second, Task.class)).plan()).isEqualTo(plan(2_000_019));
    assertThat(((ResultTask) serializer.deserialize(first, Task.class)).plan()).isEqualTo(plan(2_000_017));
  }

  @Test
  void aDamagedPlanBlockIsATypedError() {
    byte[] bytes = EmberSerializer.shared().serialize(task(plan(3_000_001), 0));
    byte[] damaged = bytes.clone();
    // The block follows the task info; cut the task short inside it.
    byte[] truncated = java.util.Arrays.copyOf(damaged, damaged.length / 2);
    assertThatThrownBy(() -> EmberSerializer.shared().deserialize(truncated, Task.class))
        .isInstanceOf(SerializationException.class).hasMessageContaining("cannot deserialize");
  }
}
