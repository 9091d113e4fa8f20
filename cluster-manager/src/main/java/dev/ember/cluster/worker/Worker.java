package dev.ember.cluster.worker;

import dev.ember.cluster.launch.ExecutorLauncher;
import dev.ember.cluster.launch.ExecutorSpec;
import dev.ember.cluster.launch.LaunchedExecutor;
import dev.ember.cluster.rpc.Connection;
import dev.ember.cluster.rpc.ControlMessage;
import dev.ember.cluster.rpc.ControlMessage.ExecutorState;
import dev.ember.cluster.rpc.ControlMessage.ExecutorStateChanged;
import dev.ember.cluster.rpc.ControlMessage.Heartbeat;
import dev.ember.cluster.rpc.ControlMessage.KillExecutors;
import dev.ember.cluster.rpc.ControlMessage.LaunchExecutor;
import dev.ember.cluster.rpc.ControlMessage.RegisterWorker;
import dev.ember.cluster.rpc.ControlMessage.RegistrationRefused;
import dev.ember.cluster.rpc.ControlMessage.WorkerRegistered;
import dev.ember.cluster.rpc.Endpoint;
import dev.ember.cluster.rpc.RpcClient;
import dev.ember.core.logging.LazyLogger;
import dev.ember.core.network.NetworkSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A standalone worker: registers with the master, sends heartbeats at the interval the master
 * gives, starts executors through its {@link ExecutorLauncher} when told, reports their exits, and
 * stops them when their application ends. When it loses the master (refusal, closed connection)
 * it stops all its executors and {@link #terminated()} completes: a worker never leaves orphans.
 */
public final class Worker implements Endpoint, AutoCloseable {
  private static final LazyLogger LOG = new LazyLogger(Worker.class);

  private final String workerId;
  private final ExecutorLauncher launcher;
  private final RpcClient client;
  private final Connection master;
  private final ScheduledExecutorService heartbeats;
  private final Map<String, LaunchedExecutor> executors = new ConcurrentHashMap<>();
  private final CompletableFuture<String> registered = new CompletableFuture<>();
  private final CompletableFuture<String> terminated = new CompletableFuture<>();

  private Worker(WorkerSettings settings, NetworkSettings network, ExecutorLauncher launcher) {
    this.workerId = settings.workerId();
    this.launcher = Objects.requireNonNull(launcher, "launcher is null");
    this.heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "ember-worker-heartbeat");
      thread.setDaemon(true);
      return thread;
    });
    this.client = new RpcClient("ember-worker", network);
    try {
      this.master = client.connect(settings.masterHost(), settings.masterPort(), network.timeout(), this);
    } catch (RuntimeException unreachable) {
      client.close();
      heartbeats.shutdownNow();
      throw unreachable;
    }
    master.send(new RegisterWorker(workerId, settings.host(), settings.cores(), settings.memoryBytes()));
  }

  /** Connects to the master and registers; {@link #registered()} tells the outcome. */
  public static Worker start(WorkerSettings settings, NetworkSettings network, ExecutorLauncher launcher) {
    return new Worker(settings, network, launcher);
  }

  public String workerId() {
    return workerId;
  }

  /** Completes with the worker id once the master accepted it; fails when it refused. */
  public CompletableFuture<String> registered() {
    return registered;
  }

  /** Completes (with the reason) when the worker stopped: master lost, refused, or closed. */
  public CompletableFuture<String> terminated() {
    return terminated;
  }

  /** The executors running now, by "application/executor". */
  public List<String> runningExecutors() {
    return List.copyOf(new ArrayList<>(executors.keySet()));
  }

  @Override
  public void received(Connection connection, ControlMessage message) {
    switch (message) {
      case WorkerRegistered accepted -> {
        long interval = Math.max(1, accepted.heartbeatIntervalMillis());
        heartbeats.scheduleAtFixedRate(() -> master.send(new Heartbeat(workerId)), interval, interval,
            TimeUnit.MILLISECONDS);
        LOG.get().info("Worker {} registered; heartbeat every {} ms", workerId, interval);
        registered.complete(workerId);
      }
      case RegistrationRefused refused -> {
        LOG.get().error("The master refused worker {}: {}", workerId, refused.reason());
        registered.completeExceptionally(new IllegalStateException("the master refused: " + refused.reason()));
        stop("refused: " + refused.reason());
      }
      case LaunchExecutor launch -> launch(launch);
      case KillExecutors kill -> killApplication(kill.applicationId());
      case ControlMessage other -> {
        LOG.get().warn("Worker {} ignores {} from the master", workerId, other.getClass().getSimpleName());
      }
    }
  }

  private void launch(LaunchExecutor launch) {
    ExecutorSpec spec = new ExecutorSpec(launch.applicationId(), launch.executorId(), launch.cores(),
        launch.memoryBytes(), launch.driverHost(), launch.driverPort());
    String key = key(spec.applicationId(), spec.executorId());
    LaunchedExecutor executor;
    try {
      executor = launcher.launch(spec);
    } catch (IOException | RuntimeException failed) {
      LOG.get().error("Worker {} could not launch executor {}", workerId, key, failed);
      master.send(new ExecutorStateChanged(spec.applicationId(), spec.executorId(), ExecutorState.FAILED,
          "launch failed: " + failed.getMessage()));
      return;
    }
    executors.put(key, executor);
    master.send(new ExecutorStateChanged(spec.applicationId(), spec.executorId(), ExecutorState.RUNNING, ""));
    executor.exited().whenComplete((code, error) -> {
      if (executors.remove(key, executor)) {
        boolean clean = error == null && code == 0;
        master.send(new ExecutorStateChanged(spec.applicationId(), spec.executorId(),
            clean ? ExecutorState.EXITED : ExecutorState.FAILED, "exit code " + code));
      }
    });
  }

  private void killApplication(String applicationId) {
    executors.entrySet().removeIf(entry -> {
      boolean match = entry.getValue().spec().applicationId().equals(applicationId);
      if (match) {
        LOG.get().info("Worker {} stops executor {}", workerId, entry.getKey());
        entry.getValue().kill();
      }
      return match;
    });
  }

  private static String key(String applicationId, String executorId) {
    return applicationId + "/" + executorId;
  }

  @Override
  public void disconnected(Connection connection) {
    registered.completeExceptionally(new IllegalStateException("the master closed the connection"));
    stop("lost the master");
  }

  private void stop(String reason) {
    heartbeats.shutdownNow();
    for (LaunchedExecutor executor : executors.values()) {
      executor.kill();
    }
    List<CompletableFuture<Integer>> exits = executors.values().stream().map(LaunchedExecutor::exited).toList();
    executors.clear();
    // Null when the master closed the connection before connect() returned (this Worker escaped to
    // the Netty thread through the endpoint): the channel is closed already then.
    Connection connection = master;
    if (connection != null) {
      connection.close();
    }
    CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
        .whenComplete((ignored, error) -> terminated.complete(reason));
  }

  /** Stops the executors and leaves the master; waits until the executors are gone. */
  @Override
  public void close() {
    stop("closed");
    terminated.join();
    client.close();
  }
}
