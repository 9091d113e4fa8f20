package dev.ember.core.memory;

import java.nio.file.Path;

/**
 * A task's share of its executor's execution memory. Operators reserve before they grow and
 * release when they shrink or close; when a reservation cannot be granted in full, the manager
 * first asks the task's other consumers (and then the requester) to spill. Used by one task
 * thread only.
 */
public interface TaskMemory {
  /**
   * Reserves up to {@code bytes} for {@code consumer} and returns how many were granted (possibly
   * fewer, possibly 0): a consumer that gets less than it asked must spill instead of growing.
   */
  long reserve(long bytes, MemoryConsumer consumer);

  /** Gives back bytes that {@code consumer} reserved earlier. */
  void release(long bytes, MemoryConsumer consumer);

  /** Bytes this task holds now. */
  long used();

  /** Where this task's consumers write spill files (created on first use, files deleted once read). */
  default Path spillDirectory() {
    return Path.of(System.getProperty("java.io.tmpdir"), "ember-spill");
  }

  /** Never refuses: for tests and for code paths that are not memory-managed yet. */
  TaskMemory UNLIMITED = new TaskMemory() {
    @Override
    public long reserve(long bytes, MemoryConsumer consumer) {
      return bytes;
    }

    @Override
    public void release(long bytes, MemoryConsumer consumer) {}

    @Override
    public long used() {
      return 0;
    }
  };
}
