package dev.ember.core.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableSerializer;
import dev.ember.core.task.TaskInfo;

/**
 * A task's identity as six variable-length numbers, written out rather than through {@link
 * CachedRecordSerializer}: every task carries one, and the generic path boxes each component and
 * builds the record through a spreading method handle, mostly interpreted in a young JVM.
 * Thread-safe (stateless).
 */
final class TaskInfoSerializer extends ImmutableSerializer<TaskInfo> {
  @Override
  public void write(Kryo kryo, Output output, TaskInfo info) {
    output.writeVarLong(info.taskId(), true);
    output.writeVarInt(info.jobId(), true);
    output.writeVarInt(info.stageId(), true);
    output.writeVarInt(info.stageAttempt(), true);
    output.writeVarInt(info.partition(), true);
    output.writeVarInt(info.attempt(), true);
  }

  @Override
  public TaskInfo read(Kryo kryo, Input input, Class<? extends TaskInfo> type) {
    long taskId = input.readVarLong(true);
    int jobId = input.readVarInt(true);
    int stageId = input.readVarInt(true);
    int stageAttempt = input.readVarInt(true);
    int partition = input.readVarInt(true);
    int attempt = input.readVarInt(true);
    return new TaskInfo(taskId, jobId, stageId, stageAttempt, partition, attempt);
  }
}
