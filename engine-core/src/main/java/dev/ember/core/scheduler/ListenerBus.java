package dev.ember.core.scheduler;

import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.ListenerFailures;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to the job listeners on the calling thread (the DAG scheduler's event loop); a failing listener is
 * logged, reported to {@link ListenerFailures} (tests fail on it) and skipped.
 */
final class ListenerBus {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerBus.class);

  private final List<JobListener> listeners = new CopyOnWriteArrayList<>();

  void add(JobListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener is null"));
  }

  void remove(JobListener listener) {
    listeners.remove(listener);
  }

  void post(Consumer<JobListener> event) {
    for (JobListener listener : listeners) {
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("job listener {} failed; the job goes on", listener, e);
        ListenerFailures.report(listener, e);
      }
    }
  }
}
