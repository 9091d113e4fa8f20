package dev.ember.cluster.standalone;

import dev.ember.cluster.launch.ApplicationJars;
import dev.ember.cluster.launch.DriverAddress;
import dev.ember.cluster.rpc.Connection;
import dev.ember.cluster.rpc.ControlMessage;
import dev.ember.cluster.rpc.ControlMessage.ApplicationJarOffered;
import dev.ember.cluster.rpc.ControlMessage.ApplicationRegistered;
import dev.ember.cluster.rpc.ControlMessage.FetchJarChunk;
import dev.ember.cluster.rpc.ControlMessage.JarChunk;
import dev.ember.cluster.rpc.ControlMessage.JarUnavailable;
import dev.ember.cluster.rpc.ControlMessage.BroadcastUnavailable;
import dev.ember.cluster.rpc.ControlMessage.BroadcastValue;
import dev.ember.cluster.rpc.ControlMessage.FetchBroadcast;
import dev.ember.cluster.rpc.ControlMessage.JobEnded;
import dev.ember.cluster.rpc.ControlMessage.ExecutorRegistered;
import dev.ember.cluster.rpc.ControlMessage.ExecutorState;
import dev.ember.cluster.rpc.ControlMessage.ExecutorStateChanged;
import dev.ember.cluster.rpc.ControlMessage.Heartbeat;
import dev.ember.cluster.rpc.ControlMessage.JobEnded;
import dev.ember.cluster.rpc.ControlMessage.KillTask;
import dev.ember.cluster.rpc.ControlMessage.LaunchTask;
import dev.ember.cluster.rpc.ControlMessage.RegisterApplication;
import dev.ember.cluster.rpc.ControlMessage.RegisterExecutor;
import dev.ember.cluster.rpc.ControlMessage.RegistrationRefused;
import dev.ember.cluster.rpc.ControlMessage.RemoveCache;
import dev.ember.cluster.rpc.ControlMessage.RemoveShuffle;
import dev.ember.cluster.rpc.ControlMessage.TaskFinished;
import dev.ember.cluster.rpc.Endpoint;
import dev.ember.cluster.rpc.RpcClient;
import dev.ember.cluster.rpc.RpcServer;
import dev.ember.core.logging.LazyLogger;
import dev.ember.core.network.NetworkSettings;
import dev.ember.core.scheduler.BroadcastStore;
import dev.ember.core.scheduler.SchedulerBackend;
import dev.ember.core.serialization.EmberSerializer;
import dev.ember.core.vector.Batch;
import dev.ember.core.scheduler.TaskDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The driver's side of the standalone cluster: registers the application with the master, accepts
 * the executors that connect back, and runs tasks on their slots (one per core). Tasks and results
 * travel as the bytes the scheduler gives and takes. An executor that disconnects is lost: each of
 * its running tasks is reported lost to the scheduler, and its slots are gone. An executor is lost
 * when its connection closes (the process was killed), when the master reports it exited or its
 * worker lost, or when it sent no heartbeat for {@code ember.network.timeout} (hung, or cut off
 * without the connection noticing). The scheduler hears of executors coming and going through
 * its {@link ExecutorListener}, an executor's loss before its tasks' losses.
 *
 * <p>{@link #start} waits until every executor the master launched has registered, so a job's
 * first stage sees all of them. All state is guarded by this object's monitor; a heartbeat
 * monitor thread ({@code ember-driver-heartbeats}) looks for silent executors.
 */
public final class StandaloneBackend implements SchedulerBackend, Endpoint {
  private static final LazyLogger LOG = new LazyLogger(StandaloneBackend.class);
  private static final int MAX_JAR_CHUNK_BYTES = 4 << 20;

  private final RpcServer server;
  private final RpcClient client;
  private final Connection master;
  private final Map<String, ExecutorSlots> executors = new LinkedHashMap<>();
  private final Map<Long, RunningTask> running = new LinkedHashMap<>();
  private final CompletableFuture<ApplicationRegistered> application = new CompletableFuture<>();
  private final AutoCloseable onClose;
  private final BroadcastStore broadcastStore = new BroadcastStore();
  private final ApplicationJars jars;
  /** The largest jar chunk sent in one message: well inside the frame limit, and small enough to interleave with tasks. */
  private final int jarChunkBytes;
  private int expectedExecutors = -1;
  private CompletableFuture<Void> allRegistered = new CompletableFuture<>();
  private int totalSlots;
  private boolean closed;
  private ExecutorListener executorListener;
  private final java.time.Duration heartbeatTimeout;
  private final ScheduledExecutorService heartbeatMonitor;

  private static final class ExecutorSlots {
    final String executorId;
    final Connection connection;
    final int cores;
    final long processId;
    final String address;
    int busy;
    long lastHeartbeatNanos = System.nanoTime();

    ExecutorSlots(String executorId, Connection connection, int cores, long processId, String address) {
      this.address = address;
      this.executorId = executorId;
      this.connection = connection;
      this.cores = cores;
      this.processId = processId;
    }
  }

  private record RunningTask(TaskDescription task, TaskCallback callback, String executorId) {}

  private StandaloneBackend(String masterHost, int masterPort, String applicationName, long executorMemoryBytes,
      NetworkSettings network, DriverAddress driver, ApplicationJars jars, AutoCloseable onClose) {
    this.onClose = onClose;
    this.jars = java.util.Objects.requireNonNull(jars, "jars is null");
    this.jarChunkBytes = Math.max(1, Math.min(MAX_JAR_CHUNK_BYTES, network.maximumFrameBytes() / 2));
    this.heartbeatTimeout = network.timeout();
    this.heartbeatMonitor = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "ember-driver-heartbeats");
      thread.setDaemon(true);
      return thread;
    });
    long checkMillis = Math.max(50, Math.min(1_000, heartbeatTimeout.toMillis() / 4));
    heartbeatMonitor.scheduleWithFixedDelay(this::dropSilentExecutors, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    RpcServer listening;
    try {
      listening = RpcServer.start("ember-driver", driver.bindAddress(), driver.port(), network, this);
    } catch (RuntimeException unbound) {
      closeQuietly(onClose);
      throw new IllegalStateException(unbound.getMessage() + " (set " + DriverAddress.BIND_ADDRESS + " and "
          + DriverAddress.PORT + " to an address of this host and a free port)", unbound);
    }
    this.server = listening;
    this.client = new RpcClient("ember-driver", network);
    Connection connected;
    try {
      connected = client.connect(masterHost, masterPort, network.timeout(), new MasterEndpoint());
    } catch (RuntimeException unreachable) {
      client.close();
      server.close();
      heartbeatMonitor.shutdownNow();
      closeQuietly(onClose);
      throw new IllegalStateException("cannot reach the standalone master at " + masterHost + ":" + masterPort
          + " (is `bin/ember master` running there?): " + unreachable.getMessage(), unreachable);
    }
    this.master = connected;
    // Executors connect to the advertised host, which differs from the bound one behind NAT or with 0.0.0.0.
    master.send(new RegisterApplication(applicationName, driver.host(), server.port(), 1, executorMemoryBytes));
  }

  /**
   * Registers with the master at {@code masterHost:masterPort} and waits up to {@code timeout} for
   * the application's executors. {@code onClose} runs last at {@link #close} (local-cluster stops
   * its processes there).
   *
   * @throws IllegalStateException when the master refuses, launches no executor, or they do not come in time
   */
  public static StandaloneBackend start(String masterHost, int masterPort, String applicationName,
      long executorMemoryBytes, NetworkSettings network, Duration timeout, AutoCloseable onClose) {
    return start(masterHost, masterPort, applicationName, executorMemoryBytes, network, DriverAddress.loopback(),
        timeout, onClose);
  }

  /** As above, listening and advertised at {@code driver} ({@code ember.driver.*}). */
  public static StandaloneBackend start(String masterHost, int masterPort, String applicationName,
      long executorMemoryBytes, NetworkSettings network, DriverAddress driver, Duration timeout,
      AutoCloseable onClose) {
    return start(masterHost, masterPort, applicationName, executorMemoryBytes, network, driver, ApplicationJars.none(),
        timeout, onClose);
  }

  /** As above, serving {@code jars} ({@code ember.jars}) to every executor before it runs a task. */
  public static StandaloneBackend start(String masterHost, int masterPort, String applicationName,
      long executorMemoryBytes, NetworkSettings network, DriverAddress driver, ApplicationJars jars, Duration timeout,
      AutoCloseable onClose) {
    StandaloneBackend backend = new StandaloneBackend(masterHost, masterPort, applicationName, executorMemoryBytes,
        network, driver, jars, onClose);
    try {
      ApplicationRegistered registered = backend.application.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (registered.executors() == 0) {
        throw new IllegalStateException("the master at " + masterHost + ":" + masterPort
            + " has no worker with free cores and " + (executorMemoryBytes >> 20) + " MiB (ember.executor.memory)");
      }
      backend.awaitExecutors(registered.executors(), timeout);
      return backend;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      backend.close();
      throw new IllegalStateException("interrupted while waiting for executors", interrupted);
    } catch (ExecutionException | TimeoutException | RuntimeException failed) {
      backend.close();
      Throwable cause = failed instanceof ExecutionException ? failed.getCause() : failed;
      throw new IllegalStateException("could not start the application on the standalone master at " + masterHost
          + ":" + masterPort + ": " + cause, cause);
    }
  }

  private void awaitExecutors(int count, Duration timeout) throws InterruptedException, ExecutionException,
      TimeoutException {
    CompletableFuture<Void> waiting;
    synchronized (this) {
      expectedExecutors = count;
      if (executors.size() >= count) {
        allRegistered.complete(null);
      }
      waiting = allRegistered;
    }
    waiting.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The registered executors' ids. */
  public synchronized List<String> executorIds() {
    return List.copyOf(executors.keySet());
  }

  @Override
  public synchronized String executorAddress(String executorId) {
    ExecutorSlots slots = executors.get(executorId);
    return slots == null ? null : slots.address;
  }

  /** Each registered executor's process id as it reported it (for operators and fault tests). */
  public synchronized Map<String, Long> executorProcessIds() {
    Map<String, Long> processIds = new LinkedHashMap<>();
    executors.values().forEach(slots -> processIds.put(slots.executorId, slots.processId));
    return processIds;
  }

  /** The live executors' cores (0 when every executor was lost). */
  @Override
  public synchronized int totalSlots() {
    return totalSlots;
  }

  @Override
  public synchronized void setExecutorListener(ExecutorListener listener) {
    this.executorListener = java.util.Objects.requireNonNull(listener, "listener is null");
    for (ExecutorSlots slots : executors.values()) {
      listener.executorAdded(slots.executorId, slots.cores);
    }
  }

  @Override
  public String launch(TaskDescription task, TaskCallback callback) {
    ExecutorSlots chosen;
    synchronized (this) {
      chosen = null;
      for (ExecutorSlots slots : executors.values()) {
        if (slots.busy < slots.cores && (chosen == null || slots.busy < chosen.busy)) {
          chosen = slots;
        }
      }
      if (chosen != null) {
        chosen.busy++;
        running.put(task.taskId(), new RunningTask(task, callback, chosen.executorId));
      }
    }
    if (chosen == null) {
      callback.lost(task, "none", new IllegalStateException(closed
          ? "the standalone backend is closed" : "no executor has a free slot (executors were lost)"));
      return "none";
    }
    chosen.connection.send(new LaunchTask(task.taskId(), task.serializedTask()));
    return chosen.executorId;
  }

  @Override
  public void kill(long taskId) {
    Connection connection;
    synchronized (this) {
      RunningTask task = running.get(taskId);
      ExecutorSlots slots = task == null ? null : executors.get(task.executorId());
      connection = slots == null ? null : slots.connection;
    }
    if (connection != null) {
      connection.send(new KillTask(taskId));
    }
  }

  @Override
  public void removeShuffle(int shuffleId) {
    List<Connection> connections;
    synchronized (this) {
      connections = executors.values().stream().map(slots -> slots.connection).toList();
    }
    connections.forEach(connection -> connection.send(new RemoveShuffle(shuffleId)));
  }

  @Override
  public void removeCache(int cacheId) {
    broadcast(new RemoveCache(cacheId));
  }

  /** The job's broadcast values go, and every executor drops what it fetched and built for the job. */
  @Override
  public void jobEnded(int jobId) {
    broadcastStore.releaseJob(jobId);
    broadcast(new JobEnded(jobId));
  }

  /** The driver's broadcast values: each executor fetches a value once per job ({@link FetchBroadcast}). */
  @Override
  public BroadcastStore broadcastStore() {
    return broadcastStore;
  }

  private void broadcast(ControlMessage message) {
    List<Connection> connections;
    synchronized (this) {
      connections = executors.values().stream().map(slots -> slots.connection).toList();
    }
    connections.forEach(connection -> connection.send(message));
  }

  // Executors' connections to this driver.
  @Override
  public void received(Connection connection, ControlMessage message) {
    switch (message) {
      case RegisterExecutor registration -> registerExecutor(connection, registration);
      case TaskFinished finished -> finished(connection, finished);
      case FetchBroadcast fetch when connection.attachment() instanceof ExecutorSlots -> sendBroadcast(connection, fetch);
      // Only a registered executor (which proved the secret, when one is set) may read the application's jars.
      case FetchJarChunk fetch when connection.attachment() instanceof ExecutorSlots -> sendJarChunk(connection, fetch);
      case Heartbeat heartbeat -> heartbeat(connection);
      case ControlMessage other -> {
        LOG.get().warn("Closing the connection from {}: a driver does not accept {}", connection.remoteHost(),
            other.getClass().getSimpleName());
        connection.close();
      }
    }
  }

  /** Answers a registered executor's fetch on the connection's thread; the value is serialized per fetch (once per executor and job). */
  private void sendBroadcast(Connection connection, FetchBroadcast fetch) {
    Optional<List<Batch>> value = broadcastStore.find(fetch.jobId(), fetch.broadcastId());
    if (value.isEmpty()) {
      connection.send(new BroadcastUnavailable(fetch.jobId(), fetch.broadcastId(),
          "broadcast " + fetch.broadcastId() + " of job " + fetch.jobId() + " is not on the driver (its job ended)"));
      return;
    }
    byte[] batches;
    try {
      batches = EmberSerializer.shared().serialize(value.get());
    } catch (RuntimeException failed) {
      LOG.get().warn("Cannot serialize broadcast {} of job {}", fetch.broadcastId(), fetch.jobId(), failed);
      connection.send(new BroadcastUnavailable(fetch.jobId(), fetch.broadcastId(),
          "broadcast " + fetch.broadcastId() + " of job " + fetch.jobId() + " could not be serialized: " + failed));
      return;
    }
    connection.send(new BroadcastValue(fetch.jobId(), fetch.broadcastId(), batches));
  }

  /**
   * Answers a registered executor's fetch with the asked bytes of one jar, read on the connection's
   * thread (at most {@link #jarChunkBytes}: a short positional read, once per executor and chunk).
   */
  private void sendJarChunk(Connection connection, FetchJarChunk fetch) {
    List<ApplicationJars.Jar> offered = jars.jars();
    if (fetch.index() < 0 || fetch.index() >= offered.size()) {
      connection.send(new JarUnavailable(fetch.index(), "the application has no jar " + fetch.index()));
      return;
    }
    ApplicationJars.Jar jar = offered.get(fetch.index());
    if (fetch.offset() < 0 || fetch.length() < 1 || fetch.offset() >= jar.size()) {
      connection.send(new JarUnavailable(fetch.index(), "bytes " + fetch.offset() + ".." + fetch.length()
          + " are outside " + jar.name() + " (" + jar.size() + " bytes)"));
      return;
    }
    int length = (int) Math.min(Math.min(fetch.length(), jarChunkBytes), jar.size() - fetch.offset());
    byte[] bytes = new byte[length];
    try (java.nio.channels.FileChannel file = java.nio.channels.FileChannel.open(jar.path(),
        java.nio.file.StandardOpenOption.READ)) {
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        if (file.read(buffer, fetch.offset() + buffer.position()) < 0) {
          throw new java.io.EOFException(jar.path() + " is shorter than the " + jar.size() + " bytes it had at start");
        }
      }
    } catch (java.io.IOException unreadable) {
      LOG.get().warn("Cannot send {} to an executor", jar, unreadable);
      connection.send(new JarUnavailable(fetch.index(), "the driver cannot read " + jar.path() + ": " + unreadable));
      return;
    }
    connection.send(new JarChunk(fetch.index(), fetch.offset(), bytes));
  }

  private synchronized void registerExecutor(Connection connection, RegisterExecutor registration) {
    if (closed || executors.containsKey(registration.executorId()) || registration.cores() < 1) {
      connection.sendAndClose(new RegistrationRefused("executor " + registration.executorId()
          + (closed ? ": the application ended" : " is registered already or has no cores")));
      return;
    }
    ExecutorSlots slots = new ExecutorSlots(registration.executorId(), connection, registration.cores(),
        registration.processId(), registration.host() + ":" + registration.blockPort());
    executors.put(slots.executorId, slots);
    connection.attach(slots);
    totalSlots += slots.cores;
    LOG.get().info("Executor {} registered from {} (pid {}) with {} cores", slots.executorId, registration.host(),
        registration.processId(), slots.cores);
    connection.send(new ExecutorRegistered(slots.executorId, jars.jars().size()));
    List<ApplicationJars.Jar> offered = jars.jars();
    for (int index = 0; index < offered.size(); index++) {
      ApplicationJars.Jar jar = offered.get(index);
      connection.send(new ApplicationJarOffered(index, jar.name(), jar.size(), jar.sha256()));
    }
    if (executorListener != null) {
      executorListener.executorAdded(slots.executorId, slots.cores);
    }
    if (expectedExecutors >= 0 && executors.size() >= expectedExecutors) {
      allRegistered.complete(null);
    }
  }

  private synchronized void heartbeat(Connection connection) {
    if (connection.attachment() instanceof ExecutorSlots slots) {
      slots.lastHeartbeatNanos = System.nanoTime();
    }
  }

  /**
   * Executors silent for longer than the network timeout are lost (Spark's HeartbeatReceiver); the
   * others get the driver's heartbeat, by which they know it lives (at least four per timeout).
   */
  private void dropSilentExecutors() {
    List<String> silent = new ArrayList<>();
    List<Connection> alive = new ArrayList<>();
    long now = System.nanoTime();
    synchronized (this) {
      for (ExecutorSlots slots : executors.values()) {
        if (now - slots.lastHeartbeatNanos > heartbeatTimeout.toNanos()) {
          silent.add(slots.executorId);
        } else {
          alive.add(slots.connection);
        }
      }
    }
    Heartbeat driverHeartbeat = new Heartbeat("driver");
    alive.forEach(connection -> connection.send(driverHeartbeat));
    for (String executorId : silent) {
      executorLost(executorId, "no heartbeat for more than " + heartbeatTimeout.toMillis() + " ms (ember.network.timeout)");
    }
  }

  private void finished(Connection connection, TaskFinished finished) {
    RunningTask task;
    synchronized (this) {
      task = running.remove(finished.taskId());
      if (task != null && connection.attachment() instanceof ExecutorSlots slots) {
        slots.busy--;
      }
    }
    if (task != null) {
      task.callback().completed(task.task(), task.executorId(), finished.result());
    }
  }

  @Override
  public void disconnected(Connection connection) {
    if (connection.attachment() instanceof ExecutorSlots slots) {
      executorLost(slots.executorId, "its connection closed");
    }
  }

  private void executorLost(String executorId, String reason) {
    List<RunningTask> lost = new ArrayList<>();
    ExecutorListener listener;
    synchronized (this) {
      ExecutorSlots slots = executors.remove(executorId);
      if (slots == null) {
        return;
      }
      totalSlots -= slots.cores;
      running.values().removeIf(task -> {
        boolean onIt = task.executorId().equals(executorId);
        if (onIt) {
          lost.add(task);
        }
        return onIt;
      });
      slots.connection.close();
      listener = closed ? null : executorListener;
    }
    if (!closed) {
      LOG.get().warn("Lost executor {}: {}; {} running tasks are lost", executorId, reason, lost.size());
    }
    // The executor first, so the scheduler does not count its tasks' losses as task failures. At
    // close the scheduler is stopping: executors leaving then are no news.
    if (listener != null) {
      listener.executorLost(executorId, reason);
    }
    for (RunningTask task : lost) {
      task.callback().lost(task.task(), executorId, new IllegalStateException("executor " + executorId + " was lost: "
          + reason));
    }
  }

  /** The master's messages about this application. */
  private final class MasterEndpoint implements Endpoint {
    @Override
    public void received(Connection connection, ControlMessage message) {
      switch (message) {
        case ApplicationRegistered registered -> application.complete(registered);
        case RegistrationRefused refused ->
            application.completeExceptionally(new IllegalStateException("the master refused: " + refused.reason()));
        case ExecutorStateChanged change when change.state() != ExecutorState.RUNNING ->
            executorLost(change.executorId(), change.state() + " " + change.message());
        case ControlMessage other -> LOG.get().debug("Driver ignores {} from the master", other);
      }
    }

    @Override
    public void disconnected(Connection connection) {
      application.completeExceptionally(new IllegalStateException("the master closed the connection"));
      if (!closed) {
        LOG.get().warn("Lost the standalone master; running executors keep serving this application");
      }
    }
  }

  /** Leaves the master (which stops the executors), closes the executors' connections, then runs {@code onClose}. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    heartbeatMonitor.shutdownNow();
    try {
      // A check under way may still report a loss; after this none does.
      heartbeatMonitor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    master.close();
    for (String executorId : executorIds()) {
      executorLost(executorId, "the application ended");
    }
    server.close();
    client.close();
    try {
      onClose.close();
    } catch (Exception failed) {
      LOG.get().warn("Stopping the cluster processes failed", failed);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Already failing to start, which the caller reports.
    }
  }

  @Override
  public String toString() {
    return "StandaloneBackend[" + executorIds() + ", " + totalSlots() + " slots]";
  }

}
