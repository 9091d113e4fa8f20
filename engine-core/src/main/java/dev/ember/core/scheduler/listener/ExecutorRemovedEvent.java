package dev.ember.core.scheduler.listener;

import java.util.Objects;

/** An executor left the application (stopped, lost, or its session ended); {@code reason} says why. */
public record ExecutorRemovedEvent(String executorId, String reason, long timeMillis) implements ListenerEvent {
  public ExecutorRemovedEvent {
    Objects.requireNonNull(executorId, "executorId is null");
    Objects.requireNonNull(reason, "reason is null");
  }
}
