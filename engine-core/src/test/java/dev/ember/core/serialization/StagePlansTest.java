package dev.ember.core.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
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
import java.io.ByteArrayInputStream;
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

  /** A plan block as {@link StagePlans#write} makes it: its length, its id (origin, sequence) and its bytes. */
  private record Block(long origin, long sequence, byte[] bytes) {
    static Block write(PhysicalPlan plan) {
      Kryo kryo = KryoRegistry.newKryo();
      try (Output output = new Output(1024, -1)) {
        StagePlans.write(kryo, output, plan);
        try (Input input = new Input(output.toBytes())) {
          int length = input.readVarInt(true);
          return new Block(input.readLong(), input.readVarLong(true), input.readBytes(length));
        }
      }
    }

    /** The block written again, under another id. */
    byte[] encode(long blockOrigin, long blockSequence) {
      try (Output output = new Output(1024, -1)) {
        output.writeVarInt(bytes.length, true);
        output.writeLong(blockOrigin);
        output.writeVarLong(blockSequence, true);
        output.writeBytes(bytes);
        return output.toBytes();
      }
    }
  }

  private static PhysicalPlan read(byte[] block) {
    try (Input input = new Input(block)) {
      PhysicalPlan plan = StagePlans.read(KryoRegistry.newKryo(), input);
      assertThat(input.position()).as("the whole block is read").isEqualTo(block.length);
      return plan;
    }
  }

  @Test
  void anotherJvmsBlockWithTheIdOfADecodedOneIsComparedAndDecodedWhenItsBytesDiffer() {
    PhysicalPlan first = plan(4_000_037);
    PhysicalPlan second = plan(4_000_039);
    Block firstBlock = Block.write(first);
    Block secondBlock = Block.write(second);
    // Another JVM (another origin) that happens to number its blocks as this one.
    long foreign = firstBlock.origin() + 1;
    long decodingsBefore = StagePlans.decodings();
    assertThat(read(firstBlock.encode(foreign, 77))).isEqualTo(first);
    assertThat(read(firstBlock.encode(foreign, 77))).as("the same id and bytes: decoded once").isEqualTo(first);
    assertThat(StagePlans.decodings() - decodingsBefore).isEqualTo(1);

    assertThat(read(secondBlock.encode(foreign, 77))).as("the same id, other bytes: the other plan").isEqualTo(second);
    assertThat(StagePlans.decodings() - decodingsBefore).isEqualTo(2);
    // The same id and bytes read from a stream (not one buffer) also find the decoded plan.
    byte[] again = secondBlock.encode(foreign, 77);
    try (Input input = new Input(new ByteArrayInputStream(again), 16)) {
      assertThat(StagePlans.read(KryoRegistry.newKryo(), input)).isEqualTo(second);
    }
    assertThat(StagePlans.decodings() - decodingsBefore).isEqualTo(2);
  }

  @Test
  void thisJvmsBlocksAreFoundByTheirIdAndEachPlanKeepsItsOwn() {
    List<PhysicalPlan> plans = new ArrayList<>();
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      plans.add(plan(5_000_000 + i));
      blocks.add(Block.write(plans.get(i)));
    }
    assertThat(blocks).extracting(Block::sequence).doesNotHaveDuplicates();
    assertThat(blocks).extracting(Block::origin).containsOnly(blocks.get(0).origin());
    long decodingsBefore = StagePlans.decodings();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < plans.size(); i++) {
        Block block = blocks.get(i);
        assertThat(read(block.encode(block.origin(), block.sequence()))).isEqualTo(plans.get(i));
      }
    }
    assertThat(StagePlans.decodings() - decodingsBefore).as("each block decoded once").isEqualTo(plans.size());
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
