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
import dev.ember.core.network.NetworkSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone master: keeps the live workers (registration, heartbeats, a worker silent for
 * {@code ember.network.timeout} is dropped) and the running applications, and places each
 * application's executors: one per worker that has the cores and memory free. It forwards
 * executor state changes to the application's driver, and when a driver goes away it tells the
 * workers to stop that application's executors. All state is guarded by this object's monitor;
 * Netty threads and the reaper call in.
 *
 * <p>Master restart is out of scope: a restarted master starts empty, and workers of the old one
 * have exited (they stop when they lose the master).
 */
public final class Master implements Endpoint, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Master.class);

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

  private record ApplicationState(String applicationId, String name, Connection driver) {}

  private Master(String host, int port, NetworkSettings network, Duration heartbeatInterval) {
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
    return new Master(host, port, network, heartbeatInterval);
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
    }
  }

  private void refuse(Connection connection, ControlMessage unexpected) {
    LOG.warn("Closing the connection from {}: a master does not accept {}", connection.remoteHost(),
        unexpected.getClass().getSimpleName());
    connection.close();
  }

  private synchronized void registerWorker(Connection connection, RegisterWorker registration) {
    if (connection.attachment() != null) {
      connection.sendAndClose(new RegistrationRefused("this connection is registered already"));
      return;
    }
    if (workers.containsKey(registration.workerId())) {
      LOG.warn("Refused worker {} from {}: a worker with that id is registered", registration.workerId(),
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
    LOG.info("Registered worker {} at {} with {} cores and {} MiB", worker.workerId, worker.host, worker.cores,
        worker.memoryBytes >> 20);
    connection.send(new WorkerRegistered(worker.workerId, heartbeatInterval.toMillis()));
  }

  private synchronized void heartbeat(Connection connection, Heartbeat heartbeat) {
    if (connection.attachment() instanceof WorkerState worker && worker.workerId.equals(heartbeat.senderId())) {
      worker.lastHeartbeatNanos = System.nanoTime();
    } else {
      LOG.warn("Ignoring a heartbeat of {} from an unregistered connection {}", heartbeat.senderId(),
          connection.remoteHost());
    }
  }

  private synchronized void registerApplication(Connection driver, RegisterApplication request) {
    if (applicationOf(driver) != null) {
      driver.sendAndClose(new RegistrationRefused("this connection is registered already"));
      return;
    }
    String applicationId = "app-" + (++nextApplication);
    ApplicationState application = new ApplicationState(applicationId, request.name(), driver);
    applications.put(applicationId, application);
    driver.attach(application);
    int launched = 0;
    for (WorkerState worker : workers.values()) {
      int coresFree = worker.cores - worker.coresUsed;
      long memoryFree = worker.memoryBytes - worker.memoryUsed;
      // An executor takes all free cores of its worker (at least what was asked for), as Spark's standalone default.
      if (coresFree >= request.coresPerExecutor() && memoryFree >= request.executorMemoryBytes()) {
        String executorId = Integer.toString(launched);
        ExecutorPlacement placement = new ExecutorPlacement(applicationId, executorId, coresFree,
            request.executorMemoryBytes());
        worker.executors.add(placement);
        worker.coresUsed += coresFree;
        worker.memoryUsed += request.executorMemoryBytes();
        worker.connection.send(new LaunchExecutor(applicationId, executorId, coresFree, request.executorMemoryBytes(),
            request.driverHost(), request.driverPort()));
        launched++;
      }
    }
    LOG.info("Registered application {} ({}) from {}: launching {} executors", applicationId, request.name(),
        driver.remoteHost(), launched);
    driver.send(new ApplicationRegistered(applicationId, launched));
  }

  private synchronized void executorStateChanged(ExecutorStateChanged change) {
    if (change.state() != ExecutorState.RUNNING) {
      release(change.applicationId(), change.executorId());
    }
    ApplicationState application = applications.get(change.applicationId());
    if (application != null) {
      application.driver().send(change);
    }
  }

  private void release(String applicationId, String executorId) {
    for (WorkerState worker : workers.values()) {
      worker.executors.removeIf(placement -> {
        boolean match = placement.applicationId().equals(applicationId) && placement.executorId().equals(executorId);
        if (match) {
          worker.coresUsed -= placement.cores();
          worker.memoryUsed -= placement.memoryBytes();
        }
        return match;
      });
    }
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
    if (applications.remove(application.applicationId()) == null) {
      return;
    }
    LOG.info("Application {} ended: stopping its executors", application.applicationId());
    for (WorkerState worker : workers.values()) {
      boolean hasExecutors = worker.executors.stream()
          .anyMatch(placement -> placement.applicationId().equals(application.applicationId()));
      if (hasExecutors) {
        worker.connection.send(new KillExecutors(application.applicationId()));
        worker.executors.removeIf(placement -> {
          boolean match = placement.applicationId().equals(application.applicationId());
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
    LOG.warn("Dropped worker {} at {}: {}", worker.workerId, worker.host, reason);
    worker.connection.close();
    for (ExecutorPlacement placement : worker.executors) {
      ApplicationState application = applications.get(placement.applicationId());
      if (application != null) {
        application.driver().send(new ExecutorStateChanged(placement.applicationId(), placement.executorId(),
            ExecutorState.FAILED, "worker " + worker.workerId + " was lost: " + reason));
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
