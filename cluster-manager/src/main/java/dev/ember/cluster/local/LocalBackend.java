package dev.ember.cluster.local;

import dev.ember.cluster.launch.ApplicationJars;
import dev.ember.core.logging.LazyLogger;
import dev.ember.core.task.Task;
import dev.ember.core.scheduler.BroadcastStore;
import dev.ember.core.scheduler.SchedulerBackend;
import dev.ember.core.scheduler.TaskDescription;
import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.serialization.EmberSerializer;
import dev.ember.core.shuffle.ShuffleManager;
import dev.ember.core.storage.BlockManager;
import dev.ember.core.executor.TaskRunner;
import dev.ember.core.task.TaskResult;
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

/**
 * Local mode: one executor ({@link #EXECUTOR_ID}) inside the driver's JVM with a fixed pool of
 * named daemon threads ({@code ember-executor-<i>}), one task slot per thread. Tasks arrive as the
 * driver's task objects and results leave as objects: the executor shares the driver's JVM, so
 * encoding a task's plan and rows, and the result's batches, would buy nothing (tasks and results
 * are immutable data). Every task type is registered for {@link EmberSerializer} all the same, so
 * what runs here runs on a cluster (tests serialize the tasks of local jobs to keep it so). Shuffle blocks live in the executor's {@link ShuffleManager}, which
 * {@link dev.ember.cluster.ExecutionEngines} builds for a session in in-process mode: map outputs
 * stay batches, handed to reducer tasks by reference, counted as storage memory and written to
 * files only when memory runs short. Held outputs belong to the shuffle manager, not to the task
 * that wrote them; {@link #removeShuffle} (job end) and {@link #close} release them.
 *
 * <p>Threads: pool threads run tasks and call the scheduler's callbacks; each task's
 * {@link RunningTask} is shared between its pool thread and whoever kills it, under its monitor.
 */
public final class LocalBackend implements SchedulerBackend {
  public static final String EXECUTOR_ID = "local";
  public static final String THREAD_PREFIX = "ember-executor-";
  private static final LazyLogger LOG = new LazyLogger(LocalBackend.class);

  private final int threads;
  private final ExecutorService pool;
  private final ShuffleManager shuffleManager;
  private final TaskRunner runner;
  private final BroadcastStore broadcastStore = new BroadcastStore();
  private final Map<Long, RunningTask> running = new ConcurrentHashMap<>();
  /** Every pool thread ever started, so close() can join them: a terminated pool's workers may still be alive for a moment. */
  private final List<Thread> poolThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean closed;
  private final ClassLoader applicationLoader;

  /**
   * Makes the pool's daemon threads with the application's loader, remembering each for close (a
   * named class, not a lambda: built on every session's start).
   */
  private final class ExecutorThreads implements ThreadFactory {
    private final AtomicInteger counter = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, THREAD_PREFIX + counter.getAndIncrement());
      thread.setDaemon(true);
      thread.setContextClassLoader(applicationLoader);
      poolThreads.add(thread);
      return thread;
    }
  }

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
    this(threads, shuffleManager, memory, Thread.currentThread().getContextClassLoader());
  }

  /**
   * As above, with {@code applicationLoader} (the session's loader with {@code ember.jars}) as the
   * task threads' context class loader: user functions are read with it. Closed with the backend
   * when it is a loader of the application's jars.
   */
  public LocalBackend(int threads, ShuffleManager shuffleManager, UnifiedMemoryManager memory,
      ClassLoader applicationLoader) {
    this.applicationLoader = applicationLoader;
    if (threads < 1) {
      shuffleManager.close();
      throw new IllegalArgumentException("local mode needs at least 1 executor thread, got " + threads);
    }
    this.threads = threads;
    this.shuffleManager = Objects.requireNonNull(shuffleManager, "shuffleManager is null");
    // The executor shares the driver's JVM: it reads broadcast values from the driver's store by reference.
    this.runner = new TaskRunner(
        EXECUTOR_ID, shuffleManager, EmberSerializer.shared(), memory, broadcastStore);
    ThreadPoolExecutor executorThreads = new ThreadPoolExecutor(
        threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), new ExecutorThreads());
    // The session owns its executor threads from its start to its stop, not from its first job on.
    executorThreads.prestartAllCoreThreads();
    this.pool = executorThreads;
  }

  @Override
  public int totalSlots() {
    return closed ? 0 : threads;
  }

  /** The one executor is alive from the start; it goes only with the backend (whose close reports its tasks lost). */
  @Override
  public void setExecutorListener(ExecutorListener listener) {
    Objects.requireNonNull(listener, "listener is null").executorAdded(EXECUTOR_ID, threads);
  }

  @Override
  public long executorMemoryBytes(String executorId) {
    return EXECUTOR_ID.equals(executorId) ? runner.memoryManager().maxMemory() : -1;
  }

  /** The executor's shuffle manager (tests wait for its start's folder reclaim). */
  public ShuffleManager shuffleManager() {
    return shuffleManager;
  }

  /** The executor's cached blocks (tests look at hits and drop blocks). */
  public BlockManager blockManager() {
    return runner.blockManager();
  }

  @Override
  public void removeCache(int cacheId) {
    runner.blockManager().removeCache(cacheId);
  }

  /** The job's broadcast values and the executor's hash tables built from them go, with their storage memory. */
  @Override
  public void jobEnded(int jobId) {
    runner.broadcastTables().releaseJob(jobId);
    broadcastStore.releaseJob(jobId);
  }

  /** The driver's broadcast values, which this executor reads by reference (no serialization, no copy). */
  @Override
  public BroadcastStore broadcastStore() {
    return broadcastStore;
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
      // DESIGN: tasks are serialized in every mode, so what runs locally runs remotely. The task
      // travels as bytes (encoded once, cached by its description) and runs as decoded; its result
      // comes back by reference, as data crosses an exchange within one JVM.
      Task decoded = EmberSerializer.shared().deserialize(task.description.serializedTask(), Task.class);
      report(task, runner.run(decoded), null);
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

  private void report(RunningTask task, TaskResult result, Throwable error) {
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
        LOG.get().warn("waiting for {} local executor threads to end", threads);
      }
      for (Thread thread : poolThreads) {
        if (thread != Thread.currentThread()) {
          thread.join();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.get().debug("{} queued tasks never started", neverStarted.size());
    for (RunningTask task : running.values()) {
      report(task, null, new IllegalStateException("the local backend closed before " + task.description.info() + " ended"));
    }
    running.clear();
    runner.broadcastTables().releaseAll();
    runner.blockManager().close();
    shuffleManager.close();
    ApplicationJars.close(applicationLoader);
  }
}
