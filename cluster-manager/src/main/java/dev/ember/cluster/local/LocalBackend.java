package dev.ember.cluster.local;

import dev.ember.core.scheduler.SchedulerBackend;
import dev.ember.core.scheduler.TaskDescription;
import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.serialization.EmberSerializer;
import dev.ember.core.shuffle.ShuffleManager;
import dev.ember.core.storage.BlockManager;
import dev.ember.core.executor.TaskRunner;
import dev.ember.core.operator.BroadcastTableCache;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode: one executor ({@link #EXECUTOR_ID}) inside the driver's JVM with a fixed pool of
 * named daemon threads ({@code ember-executor-<i>}), one task slot per thread. Tasks arrive as
 * bytes and results leave as bytes, exactly as with remote executors, so what runs here runs on a
 * cluster. Shuffle blocks live in the executor's {@link ShuffleManager}, the disk shuffle that
 * {@link dev.ember.cluster.ExecutionEngines} builds for a session.
 *
 * <p>Threads: pool threads run tasks and call the scheduler's callbacks; each task's
 * {@link RunningTask} is shared between its pool thread and whoever kills it, under its monitor.
 */
public final class LocalBackend implements SchedulerBackend {
  public static final String EXECUTOR_ID = "local";
  public static final String THREAD_PREFIX = "ember-executor-";
  private static final Logger LOG = LoggerFactory.getLogger(LocalBackend.class);

  private final int threads;
  private final ExecutorService pool;
  private final ShuffleManager shuffleManager;
  private final TaskRunner runner;
  private final Map<Long, RunningTask> running = new ConcurrentHashMap<>();
  /** Every pool thread ever started, so close() can join them: a terminated pool's workers may still be alive for a moment. */
  private final List<Thread> poolThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /** A launched task; its callback fires exactly once. */
  private static final class RunningTask {
    final TaskDescription description;
    final TaskCallback callback;
    final AtomicBoolean reported = new AtomicBoolean();
    Thread thread;
    boolean killed;
    boolean finished;

    RunningTask(TaskDescription description, TaskCallback callback) {
      this.description = description;
      this.callback = callback;
    }
  }

  /**
   * A local executor with {@code shuffleManager} (built for executor id {@link #EXECUTOR_ID}, closed
   * with the backend) and {@code memory} shared by its task threads.
   */
  public LocalBackend(int threads, ShuffleManager shuffleManager, UnifiedMemoryManager memory) {
    if (threads < 1) {
      shuffleManager.close();
      throw new IllegalArgumentException("local mode needs at least 1 executor thread, got " + threads);
    }
    this.threads = threads;
    this.shuffleManager = Objects.requireNonNull(shuffleManager, "shuffleManager is null");
    this.runner = new TaskRunner(
        EXECUTOR_ID, shuffleManager, EmberSerializer.shared(), memory);
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory factory = task -> {
      Thread thread = new Thread(task, THREAD_PREFIX + counter.getAndIncrement());
      thread.setDaemon(true);
      poolThreads.add(thread);
      return thread;
    };
    ThreadPoolExecutor executorThreads =
        new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
    // The session owns its executor threads from its start to its stop, not from its first job on.
    executorThreads.prestartAllCoreThreads();
    this.pool = executorThreads;
  }

  @Override
  public int totalSlots() {
    return threads;
  }

  /** The executor's cached blocks (tests look at hits and drop blocks). */
  public BlockManager blockManager() {
    return runner.blockManager();
  }

  @Override
  public void removeCache(int cacheId) {
    runner.blockManager().removeCache(cacheId);
  }

  /** The executor's hash tables built from the job's broadcasts go, with their storage memory. */
  @Override
  public void jobEnded(int jobId) {
    runner.broadcastTables().releaseJob(jobId);
  }

  /** The executor's broadcast hash tables shared by its tasks (tests count their builds). */
  public BroadcastTableCache broadcastTables() {
    return runner.broadcastTables();
  }

  @Override
  public String launch(TaskDescription task, TaskCallback callback) {
    if (closed) {
      throw new IllegalStateException("the local backend is closed; cannot launch " + task.info());
    }
    RunningTask runningTask = new RunningTask(task, callback);
    running.put(task.taskId(), runningTask);
    try {
      pool.execute(() -> run(runningTask));
    } catch (RejectedExecutionException e) {
      running.remove(task.taskId());
      throw new IllegalStateException("the local backend is closed; cannot launch " + task.info(), e);
    }
    return EXECUTOR_ID;
  }

  private void run(RunningTask task) {
    synchronized (task) {
      if (task.killed) {
        task.finished = true;
      } else {
        task.thread = Thread.currentThread();
      }
    }
    try {
      if (task.finished) {
        report(task, null, new java.util.concurrent.CancellationException(task.description.info() + " was killed before it started"));
        return;
      }
      byte[] result = runner.run(task.description.serializedTask());
      report(task, result, null);
    } catch (Throwable error) {
      report(task, null, error);
    } finally {
      synchronized (task) {
        task.finished = true;
        task.thread = null;
      }
      // A kill that arrived late must not leak into the next task on this thread.
      Thread.interrupted();
      running.remove(task.description.taskId());
    }
  }

  private void report(RunningTask task, byte[] result, Throwable error) {
    if (!task.reported.compareAndSet(false, true)) {
      return;
    }
    if (result != null) {
      task.callback.completed(task.description, EXECUTOR_ID, result);
    } else {
      task.callback.lost(task.description, EXECUTOR_ID, error);
    }
  }

  @Override
  public void kill(long taskId) {
    RunningTask task = running.get(taskId);
    if (task == null) {
      return;
    }
    synchronized (task) {
      task.killed = true;
      if (task.thread != null && !task.finished) {
        task.thread.interrupt();
      }
    }
  }

  @Override
  public void removeShuffle(int shuffleId) {
    shuffleManager.removeShuffle(shuffleId);
  }

  /** Interrupts running tasks, waits for every executor thread to end, reports unfinished tasks lost and drops all shuffle data. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Runnable> neverStarted = pool.shutdownNow();
    try {
      while (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("waiting for {} local executor threads to end", threads);
      }
      for (Thread thread : poolThreads) {
        if (thread != Thread.currentThread()) {
          thread.join();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.debug("{} queued tasks never started", neverStarted.size());
    for (RunningTask task : running.values()) {
      report(task, null, new IllegalStateException("the local backend closed before " + task.description.info() + " ended"));
    }
    running.clear();
    runner.broadcastTables().releaseAll();
    runner.blockManager().close();
    shuffleManager.close();
  }
}
