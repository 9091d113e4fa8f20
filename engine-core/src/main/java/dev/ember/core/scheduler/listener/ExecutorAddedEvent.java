package dev.ember.core.scheduler.listener;

import java.util.Objects;

/**
 * An executor joined the application: {@code totalCores} task slots on {@code host}; {@code
 * executorId} is the id that task events name ({@code "local"} in local mode).
 */
public record ExecutorAddedEvent(String executorId, String host, int totalCores, long maxMemoryBytes, long timeMillis)
    implements ListenerEvent {
  public ExecutorAddedEvent {
    Objects.requireNonNull(executorId, "executorId is null");
    Objects.requireNonNull(host, "host is null");
    if (totalCores < 0) {
      throw new IllegalArgumentException("totalCores of executor " + executorId + " is negative: " + totalCores);
    }
  }
}
