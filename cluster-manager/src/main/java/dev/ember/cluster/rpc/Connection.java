package dev.ember.cluster.rpc;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** One control-plane connection, as its endpoint sees it: send messages, close, know the peer. */
public final class Connection {
  private final Channel channel;
  private final AtomicReference<Object> attachment = new AtomicReference<>();

  private static final AttributeKey<Connection> KEY = AttributeKey.valueOf(Connection.class, "connection");

  private Connection(Channel channel) {
    this.channel = Objects.requireNonNull(channel, "channel is null");
  }

  /** The one connection object of {@code channel}, so the endpoint and the opener share attachments. */
  static Connection of(Channel channel) {
    Connection created = new Connection(channel);
    Connection existing = channel.attr(KEY).setIfAbsent(created);
    return existing == null ? created : existing;
  }

  /** Sends {@code message}; a failed write closes the connection (the peer's state would be unknown). */
  public void send(ControlMessage message) {
    channel.writeAndFlush(message).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
  }

  /** Sends {@code message}, then closes. */
  public void sendAndClose(ControlMessage message) {
    channel.writeAndFlush(message).addListener(ChannelFutureListener.CLOSE);
  }

  public void close() {
    channel.close();
  }

  public boolean isOpen() {
    return channel.isOpen();
  }

  /** The peer's host address as seen from here (for logs and for the executor's address). */
  public String remoteHost() {
    SocketAddress address = channel.remoteAddress();
    return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(address);
  }

  /** What the endpoint keeps about this peer (the registered worker, executor, application). */
  public Object attachment() {
    return attachment.get();
  }

  public void attach(Object value) {
    attachment.set(value);
  }

  @Override
  public String toString() {
    return "Connection[" + channel.remoteAddress() + "]";
  }
}
