package dev.ember.cluster.executor;

import dev.ember.cluster.rpc.Connection;
import dev.ember.cluster.rpc.ControlMessage;
import dev.ember.cluster.rpc.ControlMessage.ExecutorRegistered;
import dev.ember.cluster.rpc.ControlMessage.RegisterExecutor;
import dev.ember.cluster.rpc.ControlMessage.RegistrationRefused;
import dev.ember.cluster.rpc.Endpoint;
import dev.ember.cluster.rpc.RpcClient;
import dev.ember.core.network.NetworkSettings;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An executor's life: connect back to the driver (by address only), register, serve the driver,
 * and end when the driver goes away. {@link #ended()} completes with the reason; the process then
 * exits, so a lost driver never leaves executors behind.
 */
public final class Executor implements Endpoint, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Executor.class);

  private final String executorId;
  private final RpcClient client;
  private final Connection driver;
  private final CompletableFuture<String> registered = new CompletableFuture<>();
  private final CompletableFuture<String> ended = new CompletableFuture<>();

  private Executor(String executorId, String driverHost, int driverPort, String host, int cores,
      NetworkSettings network) {
    this.executorId = executorId;
    this.client = new RpcClient("ember-executor", network);
    try {
      this.driver = client.connect(driverHost, driverPort, network.timeout(), this);
    } catch (RuntimeException unreachable) {
      client.close();
      throw unreachable;
    }
    driver.send(new RegisterExecutor(executorId, host, cores, ProcessHandle.current().pid()));
  }

  public static Executor start(String executorId, String driverHost, int driverPort, String host, int cores,
      NetworkSettings network) {
    return new Executor(executorId, driverHost, driverPort, host, cores, network);
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
      case ControlMessage other -> LOG.warn("Executor {} ignores {}", executorId, other.getClass().getSimpleName());
    }
  }

  @Override
  public void disconnected(Connection connection) {
    registered.completeExceptionally(new IllegalStateException("the driver closed the connection"));
    end("lost the driver");
  }

  private void end(String reason) {
    driver.close();
    ended.complete(reason);
  }

  @Override
  public void close() {
    end("closed");
    client.close();
  }
}
