package dev.ember.cluster.rpc;

import dev.ember.core.logging.LazyLogger;
import dev.ember.core.network.Authenticated;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/** The tail of a control-plane pipeline: hands connections and messages to an {@link Endpoint}. */
final class EndpointHandler extends SimpleChannelInboundHandler<ControlMessage> {
  private static final LazyLogger LOG = new LazyLogger(EndpointHandler.class);

  private final Endpoint endpoint;
  private final boolean authenticates;
  private Connection connection;

  EndpointHandler(Endpoint endpoint, boolean authenticates) {
    this.endpoint = endpoint;
    this.authenticates = authenticates;
  }

  @Override
  public void channelActive(ChannelHandlerContext context) {
    connection = Connection.of(context.channel());
    if (!authenticates) {
      endpoint.connected(connection);
    }
    context.fireChannelActive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext context, Object event) {
    if (event == Authenticated.INSTANCE) {
      endpoint.connected(connection);
    }
    context.fireUserEventTriggered(event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext context, ControlMessage message) {
    endpoint.received(connection, message);
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    if (connection != null) {
      endpoint.disconnected(connection);
    }
    context.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    // An endpoint that throws, or an I/O error: this connection ends, the process goes on.
    LOG.get().warn("Closing the connection from {} after an error", context.channel().remoteAddress(), cause);
    context.close();
  }
}
