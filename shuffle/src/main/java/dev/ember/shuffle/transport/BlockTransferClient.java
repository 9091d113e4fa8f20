package dev.ember.shuffle.transport;

import dev.ember.core.network.MessageCodec;
import dev.ember.core.network.NetworkPipeline;
import dev.ember.core.network.NetworkSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks block servers for raw block bytes, one pooled connection per server (requests to one
 * server share it and are answered by request id). Thread-safe. No retries here: the
 * {@link NettyBlockFetcher} decides what a failure means.
 */
public final class BlockTransferClient implements AutoCloseable {
  private final NetworkSettings settings;
  private final EventLoopGroup group;
  private final Map<InetSocketAddress, Connection> connections = new ConcurrentHashMap<>();
  private final AtomicLong nextRequestId = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  public BlockTransferClient(NetworkSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings is null");
    this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("ember-block-client", true));
  }

  /**
   * The raw bytes of map {@code mapId}'s blocks for reducers {@code startReduce..endReduce-1},
   * waiting at most {@code timeout}.
   *
   * @throws IOException when the server cannot be reached, the connection drops or the wait times out
   * @throws BlockResponseHandler.BlockNotServedException when the server does not have the blocks
   */
  public byte[] fetch(InetSocketAddress server, int shuffleId, int mapId, int startReduce, int endReduce,
      Duration timeout) throws IOException {
    if (closed.get()) {
      throw new IllegalStateException("the block client is closed");
    }
    Connection connection = connection(server, timeout);
    long requestId = nextRequestId.incrementAndGet();
    OpenBlocks request = new OpenBlocks(requestId, shuffleId, mapId, startReduce, endReduce);
    CompletableFuture<byte[]> response = connection.responses().expect(requestId);
    connection.channel().writeAndFlush(request).addListener(written -> {
      if (!written.isSuccess()) {
        response.completeExceptionally(new IOException("cannot send a block request to " + server + ": "
            + written.cause(), written.cause()));
      }
    });
    try {
      return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      connection.responses().forget(requestId);
      // A server that stopped answering: the next attempt gets a fresh connection.
      drop(server, connection);
      throw new IOException("no answer from the block server " + server + " within " + timeout.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching blocks from " + server, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof BlockResponseHandler.BlockNotServedException notServed) {
        throw new BlockResponseHandler.BlockNotServedException(notServed.getMessage());
      }
      drop(server, connection);
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }

  private Connection connection(InetSocketAddress server, Duration timeout) throws IOException {
    Connection existing = connections.get(server);
    if (existing != null && existing.channel().isActive()) {
      return existing;
    }
    synchronized (connections) {
      existing = connections.get(server);
      if (existing != null && existing.channel().isActive()) {
        return existing;
      }
      BlockResponseHandler responses = new BlockResponseHandler();
      var connect = new Bootstrap()
          .group(group)
          .channel(NioSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
              installClient(channel.pipeline(), settings, responses);
            }
          })
          .connect(server);
      if (!connect.awaitUninterruptibly(timeout.toMillis()) || !connect.isSuccess()) {
        connect.channel().close();
        throw new IOException("cannot connect to the block server " + server + ": "
            + (connect.cause() == null ? "timed out" : connect.cause().toString()), connect.cause());
      }
      Connection connection = new Connection(connect.channel(), responses);
      connections.put(server, connection);
      return connection;
    }
  }

  /**
   * The client side of one connection's pipeline: inbound frames go to the response handler
   * (responses are raw frames, not messages); outbound requests are encoded by the message codec.
   */
  static void installClient(ChannelPipeline pipeline, NetworkSettings settings, BlockResponseHandler responses) {
    NetworkPipeline.installFrames(pipeline, settings, NetworkPipeline.Side.CLIENT);
    pipeline.addLast("responses", responses);
    pipeline.addLast("messages", new MessageCodec(BlockTransferProtocol.REGISTRY, settings.maximumFrameBytes()));
  }

  private void drop(InetSocketAddress server, Connection connection) {
    connections.remove(server, connection);
    connection.channel().close();
  }

  /** Closes every connection and stops the client's thread; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Connection connection : connections.values()) {
      connection.channel().close();
    }
    connections.clear();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private record Connection(Channel channel, BlockResponseHandler responses) {}
}
