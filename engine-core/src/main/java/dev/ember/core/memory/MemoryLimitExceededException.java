package dev.ember.core.memory;

/**
 * An operator needs more execution memory than it can get and has no way to spill what it holds
 * (for example the distinct sets of count(DISTINCT) in one group). Raise {@code ember.executor.memory}
 * or reduce the data per task (more shuffle partitions).
 */
public final class MemoryLimitExceededException extends RuntimeException {
  public MemoryLimitExceededException(String message) {
    super(message);
  }
}
