package dev.ember.core.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableSerializer;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.result.ResultAction;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.shuffle.ShuffleDependency;
import dev.ember.core.task.BroadcastHandle;
import dev.ember.core.task.ResultTask;
import dev.ember.core.task.ShuffleMapTask;
import dev.ember.core.task.Task;
import dev.ember.core.task.TaskInfo;
import dev.ember.core.task.TaskInputs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two task records and their inputs, written out rather than through {@link
 * CachedRecordSerializer}: every task is encoded by the driver and decoded by its executor (in
 * local mode too), and the generic path reads each component through a method handle and builds
 * the record through a spreading one, mostly interpreted while the JVM is young. The layout is the
 * generic one's, in component order: the identity ({@link TaskInfoSerializer}), the plan as its
 * stage's block ({@link StagePlans}), the action or the shuffle dependency, the inputs, and the
 * injected failure (a nullable string). Thread-safe (stateless).
 */
final class TaskSerializers {
  private TaskSerializers() {}

  static void register(Kryo kryo, Class<?> type, int id) {
    if (type == ResultTask.class) {
      kryo.register(type, new ResultTaskSerializer(), id);
    } else if (type == ShuffleMapTask.class) {
      kryo.register(type, new ShuffleMapTaskSerializer(), id);
    } else if (type == TaskInputs.class) {
      kryo.register(type, new TaskInputsSerializer(), id);
    } else {
      throw new IllegalArgumentException(type.getName() + " has no written-out task serializer");
    }
  }

  /** Whether {@link #register} has a serializer for {@code type}. */
  static boolean handles(Class<?> type) {
    return type == ResultTask.class || type == ShuffleMapTask.class || type == TaskInputs.class;
  }

  /**
   * A task record: its identity, its plan as its stage's block, what it does with its rows (the
   * action, the shuffle dependency), its inputs and its injected failure, in component order.
   */
  private abstract static class TaskRecordSerializer<T extends Task> extends ImmutableSerializer<T> {
    @Override
    public final void write(Kryo kryo, Output output, T task) {
      kryo.writeObject(output, task.info());
      StagePlans.write(kryo, output, task.plan());
      writeOutput(kryo, output, task);
      kryo.writeObject(output, task.inputs());
      output.writeString(task.injectedFailure());
    }

    @Override
    public final T read(Kryo kryo, Input input, Class<? extends T> type) {
      TaskInfo info = kryo.readObject(input, TaskInfo.class);
      PhysicalPlan plan = StagePlans.read(kryo, input);
      Object output = readOutput(kryo, input);
      TaskInputs inputs = kryo.readObject(input, TaskInputs.class);
      return task(info, plan, output, inputs, input.readString());
    }

    /** Writes where the task's rows go: the result action or the shuffle dependency. */
    abstract void writeOutput(Kryo kryo, Output output, T task);

    abstract Object readOutput(Kryo kryo, Input input);

    abstract T task(TaskInfo info, PhysicalPlan plan, Object output, TaskInputs inputs, String injectedFailure);
  }

  private static final class ResultTaskSerializer extends TaskRecordSerializer<ResultTask> {
    @Override
    void writeOutput(Kryo kryo, Output output, ResultTask task) {
      kryo.writeClassAndObject(output, task.action());
    }

    @Override
    Object readOutput(Kryo kryo, Input input) {
      return kryo.readClassAndObject(input);
    }

    @Override
    ResultTask task(TaskInfo info, PhysicalPlan plan, Object output, TaskInputs inputs, String injectedFailure) {
      if (!(output instanceof ResultAction action)) {
        throw new KryoException("a result task's action is a " + (output == null ? "null" : output.getClass().getName()));
      }
      return new ResultTask(info, plan, action, inputs, injectedFailure);
    }
  }

  private static final class ShuffleMapTaskSerializer extends TaskRecordSerializer<ShuffleMapTask> {
    @Override
    void writeOutput(Kryo kryo, Output output, ShuffleMapTask task) {
      kryo.writeObject(output, task.dependency());
    }

    @Override
    Object readOutput(Kryo kryo, Input input) {
      return kryo.readObject(input, ShuffleDependency.class);
    }

    @Override
    ShuffleMapTask task(TaskInfo info, PhysicalPlan plan, Object output, TaskInputs inputs, String injectedFailure) {
      return new ShuffleMapTask(info, plan, (ShuffleDependency) output, inputs, injectedFailure);
    }
  }

  /** Each map as its size and entries; a task without broadcasts or shuffles reads as {@link TaskInputs#NONE}. */
  private static final class TaskInputsSerializer extends ImmutableSerializer<TaskInputs> {
    @Override
    public void write(Kryo kryo, Output output, TaskInputs inputs) {
      output.writeVarInt(inputs.broadcasts().size(), true);
      for (Map.Entry<Integer, BroadcastHandle> broadcast : inputs.broadcasts().entrySet()) {
        output.writeVarInt(broadcast.getKey(), true);
        kryo.writeObject(output, broadcast.getValue());
      }
      output.writeVarInt(inputs.shuffles().size(), true);
      for (Map.Entry<Integer, List<MapStatus>> shuffle : inputs.shuffles().entrySet()) {
        output.writeVarInt(shuffle.getKey(), true);
        output.writeVarInt(shuffle.getValue().size(), true);
        for (MapStatus status : shuffle.getValue()) {
          kryo.writeObject(output, status);
        }
      }
    }

    @Override
    public TaskInputs read(Kryo kryo, Input input, Class<? extends TaskInputs> type) {
      int broadcastCount = input.readVarInt(true);
      Map<Integer, BroadcastHandle> broadcasts = broadcastCount == 0 ? Map.of() : new HashMap<>();
      for (int i = 0; i < broadcastCount; i++) {
        int id = input.readVarInt(true);
        broadcasts.put(id, kryo.readObject(input, BroadcastHandle.class));
      }
      int shuffleCount = input.readVarInt(true);
      if (broadcastCount == 0 && shuffleCount == 0) {
        return TaskInputs.NONE;
      }
      Map<Integer, List<MapStatus>> shuffles = new HashMap<>();
      for (int i = 0; i < shuffleCount; i++) {
        int id = input.readVarInt(true);
        int statusCount = input.readVarInt(true);
        List<MapStatus> statuses = new ArrayList<>(statusCount);
        for (int j = 0; j < statusCount; j++) {
          statuses.add(kryo.readObject(input, MapStatus.class));
        }
        shuffles.put(id, statuses);
      }
      return new TaskInputs(broadcasts, shuffles);
    }
  }
}
