package dev.ember.cluster.rpc;

import dev.ember.core.network.NetworkPipeline;
import dev.ember.core.network.NetworkSettings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Listens for control-plane connections and serves them with one {@link Endpoint}. */
public final class RpcServer implements AutoCloseable {
  private final EventLoopGroup acceptors;
  private final EventLoopGroup workers;
  private final Channel listening;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RpcServer(EventLoopGroup acceptors, EventLoopGroup workers, Channel listening) {
    this.acceptors = acceptors;
    this.workers = workers;
    this.listening = listening;
  }

  /**
   * Binds {@code host:port} (port 0 picks a free one) and serves {@code endpoint}.
   *
   * @throws IllegalStateException when the address cannot be bound
   */
  public static RpcServer start(String name, String host, int port, NetworkSettings settings, Endpoint endpoint) {
    EventLoopGroup acceptors = new NioEventLoopGroup(1, new DefaultThreadFactory(name + "-accept", true));
    EventLoopGroup workers = new NioEventLoopGroup(2, new DefaultThreadFactory(name + "-rpc", true));
    try {
      Channel listening = new ServerBootstrap()
          .group(acceptors, workers)
          .channel(NioServerSocketChannel.class)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
              NetworkPipeline.install(channel.pipeline(), settings, NetworkPipeline.Side.SERVER, ControlMessages.REGISTRY);
              channel.pipeline().addLast(new EndpointHandler(endpoint, settings.authenticates()));
            }
          })
          .bind(host, port).syncUninterruptibly().channel();
      return new RpcServer(acceptors, workers, listening);
    } catch (RuntimeException bindFailed) {
      acceptors.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IllegalStateException(name + " cannot listen on " + host + ":" + port + ": " + bindFailed.getMessage(),
          bindFailed);
    }
  }

  public int port() {
    return ((InetSocketAddress) listening.localAddress()).getPort();
  }

  public String host() {
    return ((InetSocketAddress) listening.localAddress()).getAddress().getHostAddress();
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
