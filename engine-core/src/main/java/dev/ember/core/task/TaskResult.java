package dev.ember.core.task;

import java.util.Objects;
import dev.ember.core.metrics.TaskMetrics;

/** The outcome of a task attempt, sent from the executor to the driver (serialized). */
public sealed interface TaskResult {
  TaskInfo info();

  String executorId();

  TaskMetrics metrics();

  record Succeeded(TaskInfo info, String executorId, TaskOutput output, TaskMetrics metrics) implements TaskResult {
    public Succeeded {
      Objects.requireNonNull(info, "info is null");
      Objects.requireNonNull(executorId, "executorId is null");
      Objects.requireNonNull(output, "output is null");
      Objects.requireNonNull(metrics, "metrics is null");
    }
  }

  record Failed(TaskInfo info, String executorId, TaskFailure failure, TaskMetrics metrics) implements TaskResult {
    public Failed {
      Objects.requireNonNull(info, "info is null");
      Objects.requireNonNull(executorId, "executorId is null");
      Objects.requireNonNull(failure, "failure is null");
      Objects.requireNonNull(metrics, "metrics is null");
    }
  }
}
