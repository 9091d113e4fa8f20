package dev.ember.cluster.rpc;

/**
 * Every message of the control plane: master, workers, drivers and executors. Records of plain
 * values only (see {@link dev.ember.core.network.MessageRegistry}); the {@code permits} order is the registration order,
 * the same in every process that runs the same jars.
 */
public sealed interface ControlMessage
    permits ControlMessage.RegisterWorker, ControlMessage.WorkerRegistered, ControlMessage.RegistrationRefused,
        ControlMessage.Heartbeat, ControlMessage.RegisterApplication, ControlMessage.ApplicationRegistered,
        ControlMessage.LaunchExecutor, ControlMessage.ExecutorStateChanged, ControlMessage.KillExecutors,
        ControlMessage.RegisterExecutor, ControlMessage.ExecutorRegistered, ControlMessage.LaunchTask,
        ControlMessage.KillTask, ControlMessage.TaskFinished, ControlMessage.RemoveShuffle,
        ControlMessage.FetchBroadcast, ControlMessage.BroadcastValue, ControlMessage.BroadcastUnavailable,
        ControlMessage.JobEnded, ControlMessage.RemoveCache, ControlMessage.ApplicationJarOffered,
        ControlMessage.FetchJarChunk, ControlMessage.JarChunk, ControlMessage.JarUnavailable {

  /** Worker to master, first message: what the worker offers. */
  record RegisterWorker(String workerId, String host, int cores, long memoryBytes) implements ControlMessage {}

  /** Master to worker: accepted; heartbeat every {@code heartbeatIntervalMillis}. */
  record WorkerRegistered(String workerId, long heartbeatIntervalMillis) implements ControlMessage {}

  /** Master to worker or driver: not accepted; the connection closes after it. */
  record RegistrationRefused(String reason) implements ControlMessage {}

  /** Worker to master, or executor to driver: still alive. */
  record Heartbeat(String senderId) implements ControlMessage {}

  /** Driver to master: run executors for this application, which listens for them at the driver address. */
  record RegisterApplication(String name, String driverHost, int driverPort, int coresPerExecutor,
      long executorMemoryBytes) implements ControlMessage {}

  /** Master to driver: the application's id and how many executors are being launched. */
  record ApplicationRegistered(String applicationId, int executors) implements ControlMessage {}

  /** Master to worker: start one executor process. */
  record LaunchExecutor(String applicationId, String executorId, int cores, long memoryBytes, String driverHost,
      int driverPort) implements ControlMessage {}

  /** Worker to master, forwarded to the driver: an executor started, exited or failed. */
  record ExecutorStateChanged(String applicationId, String executorId, ExecutorState state, String message)
      implements ControlMessage {}

  /** Master to worker: the application ended; stop its executors. */
  record KillExecutors(String applicationId) implements ControlMessage {}

  /** Executor to driver, first message: who it is and how many tasks it runs at once. */
  record RegisterExecutor(String executorId, String host, int cores, long processId, int blockPort)
      implements ControlMessage {}

  /**
   * Driver to executor: accepted; {@code applicationJars} {@link ApplicationJarOffered} messages
   * follow, and the executor runs no task before it has fetched and checked them.
   */
  record ExecutorRegistered(String executorId, int applicationJars) implements ControlMessage {}

  /** Driver to executor: run this serialized task ({@code dev.ember.core.task.TaskRunner#run}). */
  record LaunchTask(long taskId, byte[] task) implements ControlMessage {}

  /** Driver to executor: stop this task if it still runs (best effort; its result still comes). */
  record KillTask(long taskId) implements ControlMessage {}

  /** Executor to driver: the serialized result of a task, success or failure. */
  record TaskFinished(long taskId, byte[] result) implements ControlMessage {}

  /** Driver to executor: a job that used this shuffle ended; delete its outputs. */
  record RemoveShuffle(int shuffleId) implements ControlMessage {}

  /**
   * Executor to driver: send the value of this broadcast (a task read it; tasks carry only its
   * handle). An executor asks once per job and broadcast and shares the answer among its tasks.
   */
  record FetchBroadcast(int jobId, int broadcastId) implements ControlMessage {}

  /** Driver to executor: a broadcast's batches, serialized as one list ({@code EmberSerializer}). */
  record BroadcastValue(int jobId, int broadcastId, byte[] batches) implements ControlMessage {}

  /** Driver to executor: the broadcast asked for is not on the driver (its job ended). */
  record BroadcastUnavailable(int jobId, int broadcastId, String reason) implements ControlMessage {}

  /**
   * Driver to executor: the job ended and none of its tasks runs; drop what was built or fetched
   * for it (broadcast values, shared hash tables).
   */
  record JobEnded(int jobId) implements ControlMessage {}

  /** Driver to executor: drop the blocks cached under this id (unpersist). */
  record RemoveCache(int cacheId) implements ControlMessage {}

  /** Driver to executor: jar {@code index} of the application ({@code ember.jars}): its name, size and SHA-256. */
  record ApplicationJarOffered(int index, String name, long size, byte[] sha256) implements ControlMessage {}

  /** Executor to driver (registered executors only): send up to {@code length} bytes of jar {@code index} from {@code offset}. */
  record FetchJarChunk(int index, long offset, int length) implements ControlMessage {}

  /** Driver to executor: bytes of jar {@code index} from {@code offset}. */
  record JarChunk(int index, long offset, byte[] bytes) implements ControlMessage {}

  /** Driver to executor: jar {@code index} cannot be sent (the file changed or went away on the driver). */
  record JarUnavailable(int index, String reason) implements ControlMessage {}

  /** Where an executor process is in its life. */
  enum ExecutorState {
    RUNNING,
    EXITED,
    FAILED
  }
}
