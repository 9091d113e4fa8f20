package dev.ember.core.scheduler.listener;

/** A job ended; {@code failure} is null when it succeeded. */
public record JobEndEvent(int jobId, boolean succeeded, Throwable failure, long durationNanos, long timeMillis)
    implements ListenerEvent {}
