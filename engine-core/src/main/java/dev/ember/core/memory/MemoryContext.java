package dev.ember.core.memory;

import dev.ember.core.metrics.TaskMetrics;
import java.util.Objects;

/**
 * What a spilling operator needs from its task: the memory to reserve from and the metrics that count spills.
 * Built from values owned below {@code operator} (memory, metrics) so this package never sees the task.
 */
public record MemoryContext(TaskMemory memory, TaskMetrics metrics) {
  public MemoryContext {
    Objects.requireNonNull(memory, "memory is null");
    Objects.requireNonNull(metrics, "metrics is null");
  }

  /** Unlimited memory and throw-away metrics: operators built outside a task (tests, tools). */
  public static MemoryContext unlimited() {
    return new MemoryContext(TaskMemory.UNLIMITED, new TaskMetrics());
  }

  /** A new spill file writer in this task's spill directory. */
  public SpillWriter newSpillWriter(java.util.List<dev.ember.core.types.ColumnType> types) {
    return SpillWriter.create(memory.spillDirectory(), types);
  }
}
