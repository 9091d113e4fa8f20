package dev.ember.core.scheduler;

import dev.ember.core.task.TaskInfo;
import java.util.Objects;

/** A task as the backend sees it: its ids, and the serialized {@link dev.ember.core.task.Task} to run. */
public record TaskDescription(TaskInfo info, byte[] serializedTask) {
  public TaskDescription {
    Objects.requireNonNull(info, "info is null");
    Objects.requireNonNull(serializedTask, "serializedTask is null");
  }

  public long taskId() {
    return info.taskId();
  }

  @Override
  public String toString() {
    return "TaskDescription[" + info + ", " + serializedTask.length + " bytes]";
  }
}
