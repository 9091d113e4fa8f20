package dev.ember.core.scheduler;

import dev.ember.core.logging.LazyLogger;
import dev.ember.core.scheduler.listener.ExecutorAddedEvent;
import dev.ember.core.scheduler.listener.ExecutorRemovedEvent;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.ListenerEvent;
import dev.ember.core.scheduler.listener.ListenerFailures;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Delivers listener events asynchronously, as Spark's {@code AsyncEventQueue}: {@link #post} puts
 * the event in a bounded queue and returns at once; one dispatch thread ({@value #THREAD_NAME})
 * hands each event to every listener in order. A listener that throws is logged, reported to
 * {@link ListenerFailures} (tests fail on it) and skipped for that event; a slow one delays the
 * other listeners, never the job. When the queue is full the new event is dropped and counted.
 *
 * <p><b>Threads.</b> Any thread may post, add or remove listeners; only the dispatch thread calls
 * listeners. The dispatch thread starts when the first listener is registered (a runner nobody
 * listens to has no bus thread; a session's UI registers its listener while the session starts,
 * so the thread's start does not depend on whether the executor's arrival was posted before or
 * after) and ends in {@link #stop()}, which
 * delivers what is queued first. Executors still alive are remembered so that a listener added
 * later (the web UI's store, which a session adds after its executors started) learns of them.
 */
final class ListenerBus {
  static final String THREAD_NAME = "ember-listener-bus";
  /** Spark's {@code spark.scheduler.listenerbus.eventqueue.capacity}. */
  static final int DEFAULT_CAPACITY = 10_000;
  private static final LazyLogger LOG = new LazyLogger(ListenerBus.class);
  private static final long SLOW_LISTENER_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long DROP_WARNING_INTERVAL_MILLIS = 60_000;
  private static final Delivery STOP = new Delivery(null, null, null);

  /** An event for every listener ({@code target} null) or for one newly added listener. */
  private record Delivery(ListenerEvent event, JobListener target, Supplier<? extends ListenerEvent> builder) {
    Delivery(ListenerEvent event, JobListener target) {
      this(event, target, null);
    }

    /** The event; one posted with {@link #postBuiltLater} is built here, on the dispatch thread. */
    ListenerEvent resolve() {
      return builder == null ? event : builder.get();
    }
  }

  private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
  private final List<JobListener> schedulingListeners = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Delivery> queue;
  /** Guarded by itself: the executors added and not removed, in the order they came. */
  private final Map<String, ExecutorAddedEvent> liveExecutors = new LinkedHashMap<>();
  private final AtomicLong dropped = new AtomicLong();
  private final Object lock = new Object();
  /** Guarded by {@code lock}: deliveries accepted into the queue and deliveries finished. */
  private long accepted;
  private long delivered;
  /** Guarded by {@code lock}: threads in {@link #waitUntilEmpty}. */
  private int waiters;
  private Thread thread;
  private boolean stopped;
  private long lastDropWarningMillis;

  ListenerBus() {
    this(DEFAULT_CAPACITY);
  }

  ListenerBus(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("listener bus capacity must be positive, got " + capacity);
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  void add(JobListener listener) {
    Objects.requireNonNull(listener, "listener is null");
    List<ExecutorAddedEvent> executors;
    synchronized (liveExecutors) {
      listeners.add(listener);
      executors = List.copyOf(liveExecutors.values());
    }
    for (ExecutorAddedEvent executor : executors) {
      enqueue(new Delivery(executor, listener));
    }
    synchronized (lock) {
      startThreadIfNeeded();
    }
  }

  /** Starts the dispatch thread once, unless the bus stopped; the caller holds {@code lock}. */
  private void startThreadIfNeeded() {
    if (thread == null && !stopped) {
      thread = new Thread(this::dispatch, THREAD_NAME);
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** See {@link DagScheduler#addSchedulingListener}: called by {@link #post} on the posting thread. */
  void addScheduling(JobListener listener) {
    schedulingListeners.add(Objects.requireNonNull(listener, "listener is null"));
  }

  void remove(JobListener listener) {
    listeners.remove(listener);
    schedulingListeners.remove(listener);
  }

  /**
   * Whether any listener is registered now: the scheduler builds job, stage and task events only
   * then (executor events always go to {@link #post}, which remembers the live executors).
   */
  boolean hasListeners() {
    return !listeners.isEmpty() || !schedulingListeners.isEmpty();
  }

  /** Queues the event for the listeners registered now; returns at once, dropping it when the queue is full. */
  void post(ListenerEvent event) {
    Objects.requireNonNull(event, "event is null");
    // instanceof, not a pattern switch: the switch's bootstrap would spin a class while the
    // session starts (its executors' registration is the first event).
    if (event instanceof ExecutorAddedEvent added) {
      synchronized (liveExecutors) {
        liveExecutors.put(added.executorId(), added);
      }
    } else if (event instanceof ExecutorRemovedEvent removed) {
      synchronized (liveExecutors) {
        liveExecutors.remove(removed.executorId());
      }
    }
    for (JobListener listener : schedulingListeners) {
      deliver(event, listener);
    }
    if (!listeners.isEmpty()) {
      enqueue(new Delivery(event, null));
    }
  }

  /**
   * As {@link #post} for an event that is costly to build (a stage's plan text): when only queued
   * listeners are registered, {@code builder} runs on the dispatch thread, so the posting thread
   * (the scheduler's, between a stage's end and the next stage's first tasks) does not wait for it.
   * The builder must read only state that no thread changes after this call.
   */
  void postBuiltLater(Supplier<? extends ListenerEvent> builder) {
    Objects.requireNonNull(builder, "builder is null");
    if (!schedulingListeners.isEmpty()) {
      post(builder.get());
    } else if (!listeners.isEmpty()) {
      enqueue(new Delivery(null, null, builder));
    }
  }

  private void enqueue(Delivery delivery) {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      startThreadIfNeeded();
      if (queue.offer(delivery)) {
        accepted++;
        return;
      }
    }
    long count = dropped.incrementAndGet();
    long now = System.currentTimeMillis();
    boolean warn;
    synchronized (lock) {
      warn = now - lastDropWarningMillis >= DROP_WARNING_INTERVAL_MILLIS;
      if (warn) {
        lastDropWarningMillis = now;
      }
    }
    if (warn) {
      LOG.get().warn("the listener bus queue ({} events) is full: a listener is too slow; {} event(s) dropped so far",
          queue.remainingCapacity() + queue.size(), count);
    }
  }

  /** The executors added and not removed, in the order they came. */
  List<String> liveExecutorIds() {
    synchronized (liveExecutors) {
      return List.copyOf(liveExecutors.keySet());
    }
  }

  /** How many events were dropped because the queue was full. */
  long droppedEventCount() {
    return dropped.get();
  }

  /**
   * Waits until every event posted before this call was delivered; returns false when {@code
   * timeout} passed first. Called on the dispatch thread (from a listener) it cannot wait for itself.
   */
  boolean waitUntilEmpty(Duration timeout) throws InterruptedException {
    if (isDispatchThread()) {
      throw new IllegalStateException("waitUntilEmpty called by a listener: the bus cannot wait for itself");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      long target = accepted;
      waiters++;
      try {
        while (delivered < target) {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(lock, remaining);
        }
        return true;
      } finally {
        waiters--;
      }
    }
  }

  /** Whether the calling thread is this bus's dispatch thread (a listener is running). */
  boolean isDispatchThread() {
    return Thread.currentThread() == threadOrNull();
  }

  private Thread threadOrNull() {
    synchronized (lock) {
      return thread;
    }
  }

  /**
   * Delivers what is queued, then ends the dispatch thread; later posts are ignored. Waits at most
   * {@code timeout} for a listener stuck in a call, then interrupts the thread.
   */
  void stop(Duration timeout) {
    Thread running;
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopped = true;
      running = thread;
    }
    if (running == null) {
      return;
    }
    if (running == Thread.currentThread()) {
      // A listener closed the runner: the thread ends after this event and what is queued before STOP.
      if (!queue.offer(STOP)) {
        queue.clear();
        queue.offer(STOP);
      }
      return;
    }
    try {
      // The queue may be full: wait for room rather than lose the stop (the thread keeps draining).
      if (!queue.offer(STOP, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.get().warn("the listener bus did not drain within {}; stopping it with {} event(s) undelivered", timeout, queue.size());
        running.interrupt();
      }
      running.join(timeout.toMillis());
      if (running.isAlive()) {
        LOG.get().warn("a job listener did not return within {} while the bus stopped; interrupting it", timeout);
        running.interrupt();
        running.join(timeout.toMillis());
      }
    } catch (InterruptedException e) {
      running.interrupt();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Takes what is queued in batches: one wake-up and one hand-back to {@link #waitUntilEmpty}
   * waiters per batch, not per event (a job's events arrive in bursts: its tasks start and end
   * together), which keeps the bus's cost per small job low on a machine with few cores.
   */
  private void dispatch() {
    List<Delivery> batch = new ArrayList<>();
    try {
      while (true) {
        batch.add(queue.take());
        queue.drainTo(batch);
        for (Delivery delivery : batch) {
          if (delivery == STOP) {
            finishBatch(batch.indexOf(STOP));
            return;
          }
          ListenerEvent event = resolve(delivery);
          if (event == null) {
            continue;
          }
          if (delivery.target() != null) {
            deliver(event, delivery.target());
          } else {
            for (JobListener listener : listeners) {
              deliver(event, listener);
            }
          }
        }
        finishBatch(batch.size());
        batch.clear();
      }
    } catch (InterruptedException e) {
      // stop() gave up waiting for a stuck listener; the rest of the queue is abandoned.
      synchronized (lock) {
        delivered = accepted;
        lock.notifyAll();
      }
    }
  }

  /** Counts {@code count} deliveries done; wakes {@link #waitUntilEmpty} callers only when there are some. */
  private void finishBatch(int count) {
    synchronized (lock) {
      delivered += count;
      if (waiters > 0) {
        lock.notifyAll();
      }
    }
  }

  /** The delivery's event, or null (logged) when building it failed: a bug, but not the job's. */
  private static ListenerEvent resolve(Delivery delivery) {
    try {
      return delivery.resolve();
    } catch (RuntimeException e) {
      LOG.get().warn("building a listener event failed; it is not delivered", e);
      return null;
    }
  }

  private static void deliver(ListenerEvent event, JobListener listener) {
    long started = System.nanoTime();
    try {
      event.deliverTo(listener);
    } catch (RuntimeException e) {
      LOG.get().warn("job listener {} failed on {}; the job goes on", listener, event.getClass().getSimpleName(), e);
      ListenerFailures.report(listener, e);
    } catch (AssertionError | LinkageError e) {
      // A test's assertion inside a listener: reported like an exception, not lost with the thread.
      LOG.get().warn("job listener {} failed on {}; the job goes on", listener, event.getClass().getSimpleName(), e);
      ListenerFailures.report(listener, new IllegalStateException("job listener threw " + e, e));
    }
    long took = System.nanoTime() - started;
    if (took > SLOW_LISTENER_NANOS) {
      LOG.get().warn("job listener {} took {} ms on {}; other listeners waited", listener,
          TimeUnit.NANOSECONDS.toMillis(took), event.getClass().getSimpleName());
    }
  }
}
