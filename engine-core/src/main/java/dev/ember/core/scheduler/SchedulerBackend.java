package dev.ember.core.scheduler;

/**
 * Where tasks run: executor threads in this JVM (local mode), or executor processes reached over
 * the network (the standalone cluster). Executors come and go: the backend tells the scheduler
 * through its {@link ExecutorListener}, and the scheduler never has more tasks in flight than the
 * live executors' slots. Implementations are thread-safe.
 */
public interface SchedulerBackend extends AutoCloseable {
  /** How many tasks the executors alive now can run at the same time (0 while none is). */
  int totalSlots();

  /**
   * Sets the one listener of executors coming and going (the DAG scheduler sets it when it is
   * built). The backend calls {@link ExecutorListener#executorAdded} at once for every executor
   * alive, then reports every change, on any thread; it reports an executor lost before it reports
   * that executor's running tasks lost.
   */
  void setExecutorListener(ExecutorListener listener);

  /**
   * Starts a task and returns the id of the executor it went to. The backend calls exactly one
   * method of {@code callback} once for every launched task, on any thread: with the
   * {@link dev.ember.core.task.TaskResult} (serialized when it crossed processes), or with the reason the task was lost (killed, its
   * executor lost, or no executor had a free slot).
   */
  String launch(TaskDescription task, TaskCallback callback);

  /** Asks the task's executor to stop it (best effort); its callback still comes. */
  void kill(long taskId);

  /** Deletes a shuffle's outputs on every executor (the job that used it ended). */
  void removeShuffle(int shuffleId);

  /**
   * Where an executor runs, as {@code host:port} of its block server, for listeners and teaching
   * output; null for an executor of this process (local mode) or one no longer known.
   */
  default String executorAddress(String executorId) {
    return null;
  }

  /** The memory an executor offers tasks and caching, in bytes; -1 when unknown. */
  default long executorMemoryBytes(String executorId) {
    return -1;
  }

  /** Drops the blocks cached under {@code cacheId} on every executor (unpersist); backends without a block store have none. */
  default void removeCache(int cacheId) {}

  /**
   * The job ended and none of its tasks runs any more: executors drop what they built for it (the
   * hash tables shared by its tasks, the broadcast values they fetched) and the backend releases
   * the job's values in its {@link #broadcastStore()}; backends whose executors build nothing per
   * job have nothing to do.
   */
  default void jobEnded(int jobId) {}

  /**
   * Where the scheduler publishes the job's broadcast values, which this backend's executors read
   * (by reference in this JVM, fetched once per job by an executor process). A backend that can
   * run stages reading broadcasts overrides this; the scheduler calls it only for such stages.
   *
   * @throws UnsupportedOperationException when this backend's executors cannot read broadcasts
   */
  default BroadcastStore broadcastStore() {
    throw new UnsupportedOperationException(getClass().getName() + " cannot run tasks that read broadcasts");
  }

  /** Stops the executors; tasks still running are reported lost. */
  @Override
  void close();

  /** How a backend reports the end of a task. */
  interface TaskCallback {
    /** The task ended in an executor of another process: its serialized {@link dev.ember.core.task.TaskResult}. */
    void completed(TaskDescription task, String executorId, byte[] serializedResult);

    /**
     * The task ended in an executor of this JVM, which hands the result over as it is: the driver
     * only reads it, and no other thread keeps it.
     */
    void completed(TaskDescription task, String executorId, dev.ember.core.task.TaskResult result);

    void lost(TaskDescription task, String executorId, Throwable reason);
  }

  /** How a backend reports executors coming and going. */
  interface ExecutorListener {
    /** An executor registered and offers {@code slots} task slots. */
    void executorAdded(String executorId, int slots);

    /** An executor is gone (process ended, connection dropped, heartbeats stopped, or its worker was lost). */
    void executorLost(String executorId, String reason);
  }
}
