package dev.ember.core.memory;

/**
 * Something inside a task that holds execution memory and can give some back by writing it to
 * disk: a sort buffer, an aggregation hash table, a join build side, a shuffle write buffer.
 */
public interface MemoryConsumer {
  /** For metrics and error messages, e.g. "HashAggregate". */
  String name();

  /**
   * Asked by the memory manager, on the task's own thread, to free about {@code bytes} by
   * spilling; returns how many bytes it released (0 if it cannot spill now).
   */
  long spill(long bytes);
}
