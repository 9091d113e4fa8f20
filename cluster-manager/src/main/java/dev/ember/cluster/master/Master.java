package dev.ember.cluster.master;

import dev.ember.cluster.rpc.Connection;
import dev.ember.cluster.rpc.ControlMessage;
import dev.ember.cluster.rpc.ControlMessage.ApplicationRegistered;
import dev.ember.cluster.rpc.ControlMessage.ExecutorState;
import dev.ember.cluster.rpc.ControlMessage.ExecutorStateChanged;
import dev.ember.cluster.rpc.ControlMessage.Heartbeat;
import dev.ember.cluster.rpc.ControlMessage.KillExecutors;
import dev.ember.cluster.rpc.ControlMessage.LaunchExecutor;
import dev.ember.cluster.rpc.ControlMessage.RegisterApplication;
import dev.ember.cluster.rpc.ControlMessage.RegisterWorker;
import dev.ember.cluster.rpc.ControlMessage.RegistrationRefused;
import dev.ember.cluster.rpc.ControlMessage.WorkerRegistered;
import dev.ember.cluster.rpc.Endpoint;
import dev.ember.cluster.rpc.RpcServer;
import dev.ember.core.logging.LazyLogger;
import dev.ember.core.network.NetworkSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The standalone master: keeps the live workers (registration, heartbeats, a worker silent for
 * {@code ember.network.timeout} is dropped) and the running applications, and places each
 * application's executors: one per worker that has the cores and memory free. It forwards
 * executor state changes to the application's driver, and when a driver goes away it tells the
 * workers to stop that application's executors. All state is guarded by this object's monitor;
 * Netty threads and the reaper call in.
 *
 * <p><b>Relaunch</b> (Spark's standalone master). When an executor exits abnormally, or its worker
 * is lost, the master launches a replacement with a new executor id on a worker that has the
 * resources free and no executor of that application (the same worker when it is still there).
 * Abnormal exits are counted per application: after {@value #MAX_EXECUTOR_RETRIES} of them
 * (default {@value #DEFAULT_MAX_EXECUTOR_RETRIES}, as Spark's {@code spark.deploy.maxExecutorRetries})
 * no replacement is launched for an exit, so an executor that crashes at once does not loop; its
 * driver then fails its jobs after {@code ember.scheduler.noExecutorTimeout}. A worker that
 * registers gives an executor to each application that has none.
 *
 * <p>Master restart is out of scope: a restarted master starts empty, and workers of the old one
 * have exited (they stop when they lose the master).
 */
public final class Master implements Endpoint, AutoCloseable {
  private static final LazyLogger LOG = new LazyLogger(Master.class);
  /** How many abnormal executor exits of one application the master answers with a relaunch. */
  public static final String MAX_EXECUTOR_RETRIES = "ember.deploy.maxExecutorRetries";
  public static final int DEFAULT_MAX_EXECUTOR_RETRIES = 10;

  private final int maxExecutorRetries;

  private final Duration heartbeatInterval;
  private final Duration workerTimeout;
  private final Map<String, WorkerState> workers = new LinkedHashMap<>();
  private final Map<String, ApplicationState> applications = new LinkedHashMap<>();
  private final ScheduledExecutorService reaper;
  private final RpcServer server;
  private int nextApplication;

  /** A registered worker and what it has left. */
  private static final class WorkerState {
    final String workerId;
    final String host;
    final int cores;
    final long memoryBytes;
    final Connection connection;
    int coresUsed;
    long memoryUsed;
    long lastHeartbeatNanos;
    final List<ExecutorPlacement> executors = new ArrayList<>();

    WorkerState(RegisterWorker registration, Connection connection) {
      this.workerId = registration.workerId();
      this.host = registration.host();
      this.cores = registration.cores();
      this.memoryBytes = registration.memoryBytes();
      this.connection = connection;
      this.lastHeartbeatNanos = System.nanoTime();
    }
  }

  private record ExecutorPlacement(String applicationId, String executorId, int cores, long memoryBytes) {}

  /** A running application: what each of its executors needs, and its executor ids and failures so far. */
  private static final class ApplicationState {
    final String applicationId;
    final RegisterApplication request;
    final Connection driver;
    int nextExecutorId;
    int abnormalExits;

    ApplicationState(String applicationId, RegisterApplication request, Connection driver) {
      this.applicationId = applicationId;
      this.request = request;
      this.driver = driver;
    }
  }

  private Master(String host, int port, NetworkSettings network, Duration heartbeatInterval, int maxExecutorRetries) {
    if (maxExecutorRetries < 0) {
      throw new IllegalArgumentException(MAX_EXECUTOR_RETRIES + " must be 0 or more, got " + maxExecutorRetries);
    }
    this.maxExecutorRetries = maxExecutorRetries;
    this.heartbeatInterval = heartbeatInterval;
    this.workerTimeout = network.timeout();
    this.server = RpcServer.start("ember-master", host, port, network, this);
    this.reaper = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "ember-master-reaper");
      thread.setDaemon(true);
      return thread;
    });
    long period = Math.max(10, workerTimeout.toMillis() / 4);
    reaper.scheduleAtFixedRate(this::dropSilentWorkers, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts a master listening on {@code host:port} (port 0: any free port).
   *
   * @param heartbeatInterval how often workers are told to report
   */
  public static Master start(String host, int port, NetworkSettings network, Duration heartbeatInterval) {
    return new Master(host, port, network, heartbeatInterval, DEFAULT_MAX_EXECUTOR_RETRIES);
  }

  /** As above, relaunching at most {@code maxExecutorRetries} abnormally exited executors per application. */
  public static Master start(String host, int port, NetworkSettings network, Duration heartbeatInterval,
      int maxExecutorRetries) {
    return new Master(host, port, network, heartbeatInterval, maxExecutorRetries);
  }

  /** {@value #MAX_EXECUTOR_RETRIES} from the daemon settings: a count of 0 or more. */
  public static int maxExecutorRetries(Map<String, String> settings) {
    String value = settings.get(MAX_EXECUTOR_RETRIES);
    if (value == null) {
      return DEFAULT_MAX_EXECUTOR_RETRIES;
    }
    try {
      int retries = Integer.parseInt(value.trim());
      if (retries >= 0) {
        return retries;
      }
    } catch (NumberFormatException notNumber) {
      // Reported below with the key.
    }
    throw new IllegalArgumentException(MAX_EXECUTOR_RETRIES + " must be a count of 0 or more, got '" + value + "'");
  }

  /** The executors placed for {@code applicationId}, as "worker/executor", in worker registration order. */
  public synchronized List<String> executorsOf(String applicationId) {
    List<String> placed = new ArrayList<>();
    for (WorkerState worker : workers.values()) {
      for (ExecutorPlacement placement : worker.executors) {
        if (placement.applicationId().equals(applicationId)) {
          placed.add(worker.workerId + "/" + placement.executorId());
        }
      }
    }
    return placed;
  }

  public int port() {
    return server.port();
  }

  public String host() {
    return server.host();
  }

  /** The ids of the live workers, in registration order. */
  public synchronized List<String> workerIds() {
    return List.copyOf(workers.keySet());
  }

  /** The ids of the running applications. */
  public synchronized List<String> applicationIds() {
    return List.copyOf(applications.keySet());
  }

  @Override
  public void received(Connection connection, ControlMessage message) {
    switch (message) {
      case RegisterWorker registration -> registerWorker(connection, registration);
      case Heartbeat heartbeat -> heartbeat(connection, heartbeat);
      case RegisterApplication application -> registerApplication(connection, application);
      case ExecutorStateChanged change -> executorStateChanged(change);
      case WorkerRegistered unexpected -> refuse(connection, unexpected);
      case RegistrationRefused unexpected -> refuse(connection, unexpected);
      case ApplicationRegistered unexpected -> refuse(connection, unexpected);
      case LaunchExecutor unexpected -> refuse(connection, unexpected);
      case KillExecutors unexpected -> refuse(connection, unexpected);
      case ControlMessage.RegisterExecutor unexpected -> refuse(connection, unexpected);
      case ControlMessage.ExecutorRegistered unexpected -> refuse(connection, unexpected);
      case ControlMessage.LaunchTask unexpected -> refuse(connection, unexpected);
      case ControlMessage.KillTask unexpected -> refuse(connection, unexpected);
      case ControlMessage.TaskFinished unexpected -> refuse(connection, unexpected);
      case ControlMessage.RemoveShuffle unexpected -> refuse(connection, unexpected);
      case ControlMessage.FetchBroadcast unexpected -> refuse(connection, unexpected);
      case ControlMessage.BroadcastValue unexpected -> refuse(connection, unexpected);
      case ControlMessage.BroadcastUnavailable unexpected -> refuse(connection, unexpected);
      case ControlMessage.JobEnded unexpected -> refuse(connection, unexpected);
      case ControlMessage.RemoveCache unexpected -> refuse(connection, unexpected);
      case ControlMessage.ApplicationJarOffered unexpected -> refuse(connection, unexpected);
      case ControlMessage.FetchJarChunk unexpected -> refuse(connection, unexpected);
      case ControlMessage.JarChunk unexpected -> refuse(connection, unexpected);
      case ControlMessage.JarUnavailable unexpected -> refuse(connection, unexpected);
    }
  }

  private void refuse(Connection connection, ControlMessage unexpected) {
    LOG.get().warn("Closing the connection from {}: a master does not accept {}", connection.remoteHost(),
        unexpected.getClass().getSimpleName());
    connection.close();
  }

  private synchronized void registerWorker(Connection connection, RegisterWorker registration) {
    if (connection.attachment() != null) {
      connection.sendAndClose(new RegistrationRefused("this connection is registered already"));
      return;
    }
    if (workers.containsKey(registration.workerId())) {
      LOG.get().warn("Refused worker {} from {}: a worker with that id is registered", registration.workerId(),
          connection.remoteHost());
      connection.sendAndClose(new RegistrationRefused("worker id " + registration.workerId() + " is taken"));
      return;
    }
    if (registration.cores() < 1 || registration.memoryBytes() < 1) {
      connection.sendAndClose(new RegistrationRefused("a worker needs at least 1 core and some memory"));
      return;
    }
    WorkerState worker = new WorkerState(registration, connection);
    workers.put(worker.workerId, worker);
    connection.attach(worker);
    LOG.get().info("Registered worker {} at {} with {} cores and {} MiB", worker.workerId, worker.host, worker.cores,
        worker.memoryBytes >> 20);
    connection.send(new WorkerRegistered(worker.workerId, heartbeatInterval.toMillis()));
    // Applications that lost every executor get one here (their tasks wait for it).
    for (ApplicationState application : applications.values()) {
      if (!hasExecutor(application) && fits(worker, application)) {
        LOG.get().info("Application {} has no executor: launching one on the new worker {}", application.applicationId,
            worker.workerId);
        place(application, worker);
      }
    }
  }

  private boolean hasExecutor(ApplicationState application) {
    return workers.values().stream().anyMatch(worker -> hostsExecutorOf(worker, application));
  }

  private static boolean hostsExecutorOf(WorkerState worker, ApplicationState application) {
    return worker.executors.stream().anyMatch(placement -> placement.applicationId().equals(application.applicationId));
  }

  private static boolean fits(WorkerState worker, ApplicationState application) {
    return worker.cores - worker.coresUsed >= application.request.coresPerExecutor()
        && worker.memoryBytes - worker.memoryUsed >= application.request.executorMemoryBytes();
  }

  /** Launches an executor of {@code application} on {@code worker}, with all its free cores (Spark's standalone default). */
  private void place(ApplicationState application, WorkerState worker) {
    int coresFree = worker.cores - worker.coresUsed;
    long memory = application.request.executorMemoryBytes();
    String executorId = Integer.toString(application.nextExecutorId++);
    worker.executors.add(new ExecutorPlacement(application.applicationId, executorId, coresFree, memory));
    worker.coresUsed += coresFree;
    worker.memoryUsed += memory;
    worker.connection.send(new LaunchExecutor(application.applicationId, executorId, coresFree, memory,
        application.request.driverHost(), application.request.driverPort()));
  }

  /**
   * A replacement for an executor of {@code application} that is gone: on {@code preferred} if it
   * is live and has room, else on the first worker with room and no executor of the application.
   */
  private void relaunch(ApplicationState application, WorkerState preferred, String why) {
    WorkerState chosen = null;
    if (preferred != null && workers.get(preferred.workerId) == preferred && fits(preferred, application)
        && !hostsExecutorOf(preferred, application)) {
      chosen = preferred;
    }
    for (WorkerState worker : workers.values()) {
      if (chosen == null && fits(worker, application) && !hostsExecutorOf(worker, application)) {
        chosen = worker;
      }
    }
    if (chosen == null) {
      LOG.get().warn("No worker has room for a replacement executor of application {} ({})", application.applicationId, why);
      return;
    }
    LOG.get().info("Relaunching an executor of application {} on worker {} ({})", application.applicationId,
        chosen.workerId, why);
    place(application, chosen);
  }

  private synchronized void heartbeat(Connection connection, Heartbeat heartbeat) {
    if (connection.attachment() instanceof WorkerState worker && worker.workerId.equals(heartbeat.senderId())) {
      worker.lastHeartbeatNanos = System.nanoTime();
    } else {
      LOG.get().warn("Ignoring a heartbeat of {} from an unregistered connection {}", heartbeat.senderId(),
          connection.remoteHost());
    }
  }

  private synchronized void registerApplication(Connection driver, RegisterApplication request) {
    if (applicationOf(driver) != null) {
      driver.sendAndClose(new RegistrationRefused("this connection is registered already"));
      return;
    }
    String applicationId = "app-" + (++nextApplication);
    ApplicationState application = new ApplicationState(applicationId, request, driver);
    applications.put(applicationId, application);
    driver.attach(application);
    int launched = 0;
    for (WorkerState worker : workers.values()) {
      if (fits(worker, application)) {
        place(application, worker);
        launched++;
      }
    }
    LOG.get().info("Registered application {} ({}) from {}: launching {} executors", applicationId, request.name(),
        driver.remoteHost(), launched);
    driver.send(new ApplicationRegistered(applicationId, launched));
  }

  private synchronized void executorStateChanged(ExecutorStateChanged change) {
    WorkerState host = null;
    if (change.state() != ExecutorState.RUNNING) {
      host = release(change.applicationId(), change.executorId());
    }
    ApplicationState application = applications.get(change.applicationId());
    if (application == null) {
      return;
    }
    // The driver hears of the loss before any replacement registers with it.
    application.driver.send(change);
    if (change.state() == ExecutorState.FAILED && host != null) {
      if (application.abnormalExits >= maxExecutorRetries) {
        LOG.get().error("Executor {} of application {} failed ({}); not relaunching it: {} executors of the application"
            + " failed already, the limit of {}", change.executorId(), application.applicationId, change.message(),
            application.abnormalExits, MAX_EXECUTOR_RETRIES);
        return;
      }
      application.abnormalExits++;
      relaunch(application, host, "executor " + change.executorId() + " failed: " + change.message() + "; relaunch "
          + application.abnormalExits + " of " + maxExecutorRetries + " (" + MAX_EXECUTOR_RETRIES + ")");
    }
  }

  /** Frees an executor's resources; returns the worker it ran on, or null when it was not placed (any more). */
  private WorkerState release(String applicationId, String executorId) {
    WorkerState host = null;
    for (WorkerState worker : workers.values()) {
      boolean removed = worker.executors.removeIf(placement -> {
        boolean match = placement.applicationId().equals(applicationId) && placement.executorId().equals(executorId);
        if (match) {
          worker.coresUsed -= placement.cores();
          worker.memoryUsed -= placement.memoryBytes();
        }
        return match;
      });
      if (removed) {
        host = worker;
      }
    }
    return host;
  }

  private static ApplicationState applicationOf(Connection driver) {
    return driver.attachment() instanceof ApplicationState application ? application : null;
  }

  @Override
  public synchronized void disconnected(Connection connection) {
    switch (connection.attachment()) {
      case WorkerState worker -> dropWorker(worker, "its connection closed");
      case ApplicationState application -> endApplication(application);
      case null, default -> { }
    }
  }

  private void endApplication(ApplicationState application) {
    if (applications.remove(application.applicationId) == null) {
      return;
    }
    LOG.get().info("Application {} ended: stopping its executors", application.applicationId);
    for (WorkerState worker : workers.values()) {
      if (hostsExecutorOf(worker, application)) {
        worker.connection.send(new KillExecutors(application.applicationId));
        worker.executors.removeIf(placement -> {
          boolean match = placement.applicationId().equals(application.applicationId);
          if (match) {
            worker.coresUsed -= placement.cores();
            worker.memoryUsed -= placement.memoryBytes();
          }
          return match;
        });
      }
    }
  }

  private void dropWorker(WorkerState worker, String reason) {
    if (workers.remove(worker.workerId) != worker) {
      return;
    }
    LOG.get().warn("Dropped worker {} at {}: {}", worker.workerId, worker.host, reason);
    worker.connection.close();
    for (ExecutorPlacement placement : worker.executors) {
      ApplicationState application = applications.get(placement.applicationId());
      if (application != null) {
        application.driver.send(new ExecutorStateChanged(placement.applicationId(), placement.executorId(),
            ExecutorState.FAILED, "worker " + worker.workerId + " was lost: " + reason));
        // A lost machine is not the executor's failure: it does not count against the retries.
        relaunch(application, null, "worker " + worker.workerId + " was lost");
      }
    }
  }

  private synchronized void dropSilentWorkers() {
    long now = System.nanoTime();
    for (WorkerState worker : List.copyOf(workers.values())) {
      if (now - worker.lastHeartbeatNanos > workerTimeout.toNanos()) {
        dropWorker(worker, "no heartbeat for " + workerTimeout.toMillis() + " ms (ember.network.timeout)");
      }
    }
  }

  @Override
  public void close() {
    reaper.shutdownNow();
    server.close();
  }
}
