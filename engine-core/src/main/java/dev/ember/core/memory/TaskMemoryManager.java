package dev.ember.core.memory;

import dev.ember.core.metrics.TaskMetrics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One task attempt's {@link TaskMemory}: reservations go to the executor's
 * {@link UnifiedMemoryManager}; the bytes each consumer holds are tracked here. When a reservation
 * is not granted in full, this task's other consumers are asked to spill, largest first, until the
 * request is met; the requester itself is never called back: it gets what could be granted and
 * spills on its own. {@link #close()} releases what is left at task end and reports it. Used by the
 * task's own thread only.
 */
public final class TaskMemoryManager implements TaskMemory, AutoCloseable {
  private final UnifiedMemoryManager manager;
  private final long taskId;
  private final Map<MemoryConsumer, Long> consumers = new IdentityHashMap<>();
  private long used;
  private long peak;
  private boolean closed;
  /** Where a consumer's holding is recorded against the operator working now; null: not recorded. */
  private TaskMetrics operatorMetrics;

  TaskMemoryManager(UnifiedMemoryManager manager, long taskId) {
    this.manager = Objects.requireNonNull(manager, "manager is null");
    this.taskId = taskId;
  }

  @Override
  public long reserve(long bytes, MemoryConsumer consumer) {
    Objects.requireNonNull(consumer, "consumer is null");
    if (bytes < 0) {
      throw new IllegalArgumentException(consumer.name() + " reserves a negative amount: " + bytes);
    }
    if (closed) {
      throw new IllegalStateException(consumer.name() + " reserves memory after task " + taskId + " ended");
    }
    if (bytes == 0) {
      return 0;
    }
    long granted = manager.acquireExecution(bytes, taskId);
    if (granted < bytes) {
      for (MemoryConsumer other : spillCandidates(consumer)) {
        long freed = other.spill(bytes - granted);
        if (freed > 0) {
          granted += manager.acquireExecution(bytes - granted, taskId);
          if (granted >= bytes) {
            break;
          }
        }
      }
    }
    long held = consumers.merge(consumer, granted, Long::sum);
    if (operatorMetrics != null) {
      operatorMetrics.recordOperatorMemory(held);
    }
    used += granted;
    peak = Math.max(peak, used);
    return granted;
  }

  /** The other consumers holding memory, largest first. */
  private List<MemoryConsumer> spillCandidates(MemoryConsumer requester) {
    List<Map.Entry<MemoryConsumer, Long>> entries = new ArrayList<>();
    for (Map.Entry<MemoryConsumer, Long> entry : consumers.entrySet()) {
      if (entry.getKey() != requester && entry.getValue() > 0) {
        entries.add(Map.entry(entry.getKey(), entry.getValue()));
      }
    }
    entries.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
    List<MemoryConsumer> ordered = new ArrayList<>(entries.size());
    for (Map.Entry<MemoryConsumer, Long> entry : entries) {
      ordered.add(entry.getKey());
    }
    return ordered;
  }

  @Override
  public void release(long bytes, MemoryConsumer consumer) {
    Objects.requireNonNull(consumer, "consumer is null");
    if (bytes == 0) {
      return;
    }
    long held = consumers.getOrDefault(consumer, 0L);
    if (bytes < 0 || bytes > held) {
      throw new IllegalStateException(consumer.name() + " releases " + bytes + " bytes but holds " + held);
    }
    if (closed) {
      return;
    }
    consumers.put(consumer, held - bytes);
    used -= bytes;
    manager.releaseExecution(bytes, taskId);
  }

  @Override
  public long used() {
    return used;
  }

  /** Records each consumer's holding in {@code metrics}, against the operator working when it reserves. */
  public void recordOperatorMemoryIn(TaskMetrics metrics) {
    this.operatorMetrics = metrics;
  }

  /** The most this task held at once. */
  public long peak() {
    return peak;
  }

  /** Bytes {@code consumer} holds now. */
  public long usedBy(MemoryConsumer consumer) {
    return consumers.getOrDefault(consumer, 0L);
  }

  @Override
  public Path spillDirectory() {
    return manager.spillDirectory();
  }

  /**
   * Releases everything this task still holds and returns the leaks: consumer names with the bytes
   * they never released (empty when the operators cleaned up after themselves).
   */
  public Map<String, Long> releaseAll() {
    Map<String, Long> leaks = new java.util.LinkedHashMap<>();
    for (Map.Entry<MemoryConsumer, Long> entry : consumers.entrySet()) {
      if (entry.getValue() > 0) {
        leaks.merge(entry.getKey().name(), entry.getValue(), Long::sum);
      }
    }
    consumers.clear();
    used = 0;
    manager.releaseAllExecution(taskId);
    closed = true;
    return leaks;
  }

  @Override
  public void close() {
    if (!closed) {
      releaseAll();
    }
  }
}
