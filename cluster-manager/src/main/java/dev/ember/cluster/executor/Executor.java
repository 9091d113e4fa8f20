package dev.ember.cluster.executor;

import dev.ember.cluster.ExecutionEngines;
import dev.ember.cluster.rpc.Connection;
import dev.ember.cluster.rpc.ControlMessage;
import dev.ember.cluster.rpc.ControlMessage.ExecutorRegistered;
import dev.ember.cluster.rpc.ControlMessage.KillTask;
import dev.ember.cluster.rpc.ControlMessage.LaunchTask;
import dev.ember.cluster.rpc.ControlMessage.RegisterExecutor;
import dev.ember.cluster.rpc.ControlMessage.RegistrationRefused;
import dev.ember.cluster.rpc.ControlMessage.RemoveShuffle;
import dev.ember.cluster.rpc.ControlMessage.TaskFinished;
import dev.ember.cluster.rpc.Endpoint;
import dev.ember.cluster.rpc.RpcClient;
import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.network.NetworkSettings;
import dev.ember.core.serialization.EmberSerializer;
import dev.ember.core.executor.TaskRunner;
import dev.ember.shuffle.sort.DiskShuffleManager;
import dev.ember.shuffle.transport.BlockServer;
import dev.ember.shuffle.transport.BlockTransferClient;
import dev.ember.shuffle.transport.FetchSettings;
import dev.ember.shuffle.transport.NettyBlockFetcher;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An executor's life: connect back to the driver (by address only), register, run the tasks the
 * driver sends on {@code cores} threads ({@link TaskRunner#run} takes and returns bytes), and end
 * when the driver goes away. {@link #ended()} completes with the reason; the process then exits,
 * so a lost driver never leaves executors behind. Shuffle outputs go to this executor's own
 * directory of the disk shuffle, deleted when it ends, and are served to the other executors by
 * its block server; remote blocks are fetched with the Netty block fetcher.
 */
public final class Executor implements Endpoint, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Executor.class);

  private final String executorId;
  private final DiskShuffleManager shuffle;
  private final NettyBlockFetcher fetcher;
  private final BlockServer blockServer;
  private final TaskRunner runner;
  private final ExecutorService threads;
  private final Map<Long, Future<?>> running = new ConcurrentHashMap<>();
  private final RpcClient client;
  private final Connection driver;
  private final CompletableFuture<String> registered = new CompletableFuture<>();
  private final CompletableFuture<String> ended = new CompletableFuture<>();

  private Executor(String executorId, String driverHost, int driverPort, String host, int cores,
      Map<String, String> settings) {
    this.executorId = executorId;
    NetworkSettings network = NetworkSettings.from(settings);
    // Reducers find other executors' outputs through the block-server address in each map status.
    this.fetcher = new NettyBlockFetcher(unknownExecutor -> null, new BlockTransferClient(network),
        FetchSettings.from(settings));
    this.shuffle = new DiskShuffleManager(executorId, ExecutionEngines.shuffleSettings(settings, cores), fetcher);
    try {
      this.blockServer = BlockServer.start(host, 0, network, shuffle);
    } catch (RuntimeException unbound) {
      shuffle.close();
      fetcher.close();
      throw unbound;
    }
    shuffle.serveBlocksAt(host, blockServer.address().getPort());
    UnifiedMemoryManager memory = UnifiedMemoryManager.fromSettings(settings, shuffle.rootDirectory().resolve("spill"));
    this.runner = new TaskRunner(executorId, shuffle, EmberSerializer.shared(), memory);
    AtomicInteger counter = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(cores, task -> {
      Thread thread = new Thread(task, "ember-executor-" + executorId + "-" + counter.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    });
    this.client = new RpcClient("ember-executor", network);
    try {
      this.driver = client.connect(driverHost, driverPort, network.timeout(), this);
    } catch (RuntimeException unreachable) {
      client.close();
      threads.shutdownNow();
      blockServer.close();
      fetcher.close();
      shuffle.close();
      throw unreachable;
    }
    driver.send(new RegisterExecutor(executorId, host, cores, ProcessHandle.current().pid(),
        blockServer.address().getPort()));
  }

  /**
   * Starts an executor that serves the driver at {@code driverHost:driverPort}.
   *
   * @param settings {@code ember.*} settings: network, executor memory, local directory, shuffle
   */
  public static Executor start(String executorId, String driverHost, int driverPort, String host, int cores,
      Map<String, String> settings) {
    return new Executor(executorId, driverHost, driverPort, host, cores, settings);
  }

  public CompletableFuture<String> registered() {
    return registered;
  }

  public CompletableFuture<String> ended() {
    return ended;
  }

  @Override
  public void received(Connection connection, ControlMessage message) {
    switch (message) {
      case ExecutorRegistered accepted -> {
        LOG.info("Executor {} registered with the driver", executorId);
        registered.complete(accepted.executorId());
      }
      case RegistrationRefused refused -> {
        registered.completeExceptionally(new IllegalStateException("the driver refused: " + refused.reason()));
        end("refused by the driver: " + refused.reason());
      }
      case LaunchTask launch -> launch(launch);
      case KillTask kill -> {
        Future<?> task = running.get(kill.taskId());
        if (task != null) {
          task.cancel(true);
        }
      }
      case RemoveShuffle remove -> shuffle.removeShuffle(remove.shuffleId());
      case ControlMessage other -> LOG.warn("Executor {} ignores {}", executorId, other.getClass().getSimpleName());
    }
  }

  private void launch(LaunchTask launch) {
    long taskId = launch.taskId();
    // Registered before it can finish, so a kill that arrives at once finds it.
    CompletableFuture<Void> registeredTask = new CompletableFuture<>();
    Future<?> future = threads.submit(() -> {
      registeredTask.join();
      try {
        // TaskRunner reports every failure of the task inside its result; only the JVM's own errors escape.
        byte[] result = runner.run(launch.task());
        driver.send(new TaskFinished(taskId, result));
      } finally {
        running.remove(taskId);
      }
    });
    running.put(taskId, future);
    registeredTask.complete(null);
  }

  @Override
  public void disconnected(Connection connection) {
    registered.completeExceptionally(new IllegalStateException("the driver closed the connection"));
    end("lost the driver");
  }

  private void end(String reason) {
    if (ended.isDone()) {
      return;
    }
    driver.close();
    threads.shutdownNow();
    ended.complete(reason);
  }

  @Override
  public void close() {
    end("closed");
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    client.close();
    runner.blockManager().close();
    blockServer.close();
    fetcher.close();
    shuffle.close();
  }
}
