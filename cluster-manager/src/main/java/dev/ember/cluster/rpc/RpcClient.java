package dev.ember.cluster.rpc;

import dev.ember.core.network.NetworkPipeline;
import dev.ember.core.network.NetworkSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Opens control-plane connections; one Netty thread serves all of them. */
public final class RpcClient implements AutoCloseable {
  private final EventLoopGroup group;
  private final NetworkSettings settings;

  public RpcClient(String name, NetworkSettings settings) {
    this.settings = settings;
    this.group = new NioEventLoopGroup(1, new DefaultThreadFactory(name + "-rpc", true));
  }

  /**
   * Connects to {@code host:port} and serves the connection with {@code endpoint}. Messages may be
   * sent at once: with a secret they wait for the handshake.
   *
   * @throws IllegalStateException when the peer cannot be reached within {@code timeout}
   */
  public Connection connect(String host, int port, Duration timeout, Endpoint endpoint) {
    Bootstrap bootstrap = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            NetworkPipeline.install(channel.pipeline(), settings, NetworkPipeline.Side.CLIENT, ControlMessages.REGISTRY);
            channel.pipeline().addLast(new EndpointHandler(endpoint, settings.authenticates()));
          }
        });
    var connecting = bootstrap.connect(host, port).awaitUninterruptibly();
    if (!connecting.isSuccess()) {
      throw new IllegalStateException("cannot connect to " + host + ":" + port + ": " + connecting.cause().getMessage(),
          connecting.cause());
    }
    Channel channel = connecting.channel();
    return Connection.of(channel);
  }

  /** Closes every connection and waits for the Netty thread to end. */
  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
