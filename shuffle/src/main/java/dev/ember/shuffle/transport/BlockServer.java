package dev.ember.shuffle.transport;

import dev.ember.core.network.NetworkPipeline;
import dev.ember.core.network.NetworkSettings;
import dev.ember.shuffle.fetch.BlockSource;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Serves an executor's shuffle blocks to other executors: frames, the handshake when
 * {@code ember.authenticate.secret} is set, Kryo {@link OpenBlocks} requests, raw block bytes back.
 * A peer that sends random bytes, an oversized frame or skips the handshake loses its connection;
 * the server keeps serving the others.
 */
public final class BlockServer implements AutoCloseable {
  private final EventLoopGroup acceptors;
  private final EventLoopGroup workers;
  private final Channel listening;
  private final AtomicBoolean closed = new AtomicBoolean();

  private BlockServer(EventLoopGroup acceptors, EventLoopGroup workers, Channel listening) {
    this.acceptors = acceptors;
    this.workers = workers;
    this.listening = listening;
  }

  /**
   * Binds {@code host:port} (port 0 picks a free one) and serves {@code source}'s blocks.
   *
   * @throws IllegalStateException when the address cannot be bound
   */
  public static BlockServer start(String host, int port, NetworkSettings settings, BlockSource source) {
    Objects.requireNonNull(settings, "settings is null");
    Objects.requireNonNull(source, "source is null");
    EventLoopGroup acceptors = new NioEventLoopGroup(1, new DefaultThreadFactory("ember-block-accept", true));
    EventLoopGroup workers = new NioEventLoopGroup(2, new DefaultThreadFactory("ember-block-server", true));
    try {
      Channel listening = new ServerBootstrap()
          .group(acceptors, workers)
          .channel(NioServerSocketChannel.class)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
              installServer(channel.pipeline(), settings, source);
            }
          })
          .bind(host, port).syncUninterruptibly().channel();
      return new BlockServer(acceptors, workers, listening);
    } catch (RuntimeException bindFailed) {
      acceptors.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IllegalStateException("the block server cannot listen on " + host + ":" + port + ": "
          + bindFailed.getMessage(), bindFailed);
    }
  }

  /** The server side of one connection's pipeline (tests install it on an embedded channel). */
  static void installServer(ChannelPipeline pipeline, NetworkSettings settings, BlockSource source) {
    NetworkPipeline.install(pipeline, settings, NetworkPipeline.Side.SERVER, BlockTransferProtocol.REGISTRY);
    if (NetworkPipeline.encrypts(pipeline)) {
      // File segments stream through TLS in chunks (see BlockServerHandler): after TLS, before the frames.
      pipeline.addAfter(NetworkPipeline.SSL, BlockServerHandler.CHUNKED_WRITER, new ChunkedWriteHandler());
    }
    pipeline.addLast("blocks", new BlockServerHandler(source, settings.maximumFrameBytes()));
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) listening.localAddress();
  }

  /** Stops listening, closes every connection and waits for the Netty threads to end; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    listening.close().syncUninterruptibly();
    acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
