package dev.ember.core.scheduler;

/**
 * Where tasks run: executor threads in this JVM (local mode), or executor processes reached over
 * the network (the standalone cluster). The task scheduler never has more tasks in flight than
 * {@link #totalSlots()}. Implementations are thread-safe.
 */
public interface SchedulerBackend extends AutoCloseable {
  /** How many tasks may run at the same time. */
  int totalSlots();

  /**
   * Starts a task on a free slot and returns the id of the executor it went to. The backend calls
   * exactly one method of {@code callback} once for every launched task, on any thread: with the
   * serialized {@link dev.ember.core.task.TaskResult}, or with the reason the task was lost.
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

  /** Drops the blocks cached under {@code cacheId} on every executor (unpersist); backends without a block store have none. */
  default void removeCache(int cacheId) {}

  /**
   * The job ended and none of its tasks runs any more: executors drop what they built for it (the
   * hash tables shared by its tasks); backends whose executors build nothing per job have nothing to do.
   */
  default void jobEnded(int jobId) {}

  /** Stops the executors; tasks still running are reported lost. */
  @Override
  void close();

  /** How a backend reports the end of a task. */
  interface TaskCallback {
    void completed(TaskDescription task, String executorId, byte[] serializedResult);

    void lost(TaskDescription task, String executorId, Throwable reason);
  }
}
