package dev.ember.core.scheduler;

import dev.ember.core.serialization.EmberSerializer;
import dev.ember.core.task.Task;
import dev.ember.core.task.TaskInfo;
import java.util.Objects;

/**
 * A task as the backend sees it: its ids, the {@link Task} itself, and its serialized form, made on
 * the first call of {@link #serializedTask()}. An executor in another process needs the bytes; an
 * executor in the driver's JVM runs {@link #task()} as it is (tasks are immutable data), so a local
 * job pays no encoding of its plan and in-memory rows per task.
 *
 * <p>Thread-safe: the bytes are made at most once, under this object's monitor.
 */
public final class TaskDescription {
  private final TaskInfo info;
  private final Task task;
  private final EmberSerializer serializer;
  private byte[] serializedTask;

  public TaskDescription(Task task, EmberSerializer serializer) {
    this.task = Objects.requireNonNull(task, "task is null");
    this.serializer = Objects.requireNonNull(serializer, "serializer is null");
    this.info = task.info();
  }

  public TaskInfo info() {
    return info;
  }

  public long taskId() {
    return info.taskId();
  }

  /** The task to run in this JVM; never modify it (other attempts and the driver share it). */
  public Task task() {
    return task;
  }

  /** The task as an executor in another process reads it ({@link EmberSerializer}). */
  public synchronized byte[] serializedTask() {
    if (serializedTask == null) {
      serializedTask = serializer.serialize(task);
    }
    return serializedTask;
  }

  /** Whether the bytes were made: never for a task run by the executor in the driver's JVM. */
  public synchronized boolean isSerialized() {
    return serializedTask != null;
  }

  @Override
  public String toString() {
    return "TaskDescription[" + info + "]";
  }
}
