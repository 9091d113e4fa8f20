package dev.ember.cluster.rpc;

/**
 * What a process does with its control-plane connections. Calls for one connection come in order
 * on one Netty thread; calls for different connections may come at the same time, so
 * implementations are thread-safe. {@link #connected} comes after authentication when a secret is
 * set, so an endpoint never sees an unproven peer.
 */
public interface Endpoint {
  default void connected(Connection connection) {}

  void received(Connection connection, ControlMessage message);

  /** The connection closed (either side, or the network); comes once, also without {@link #connected}. */
  default void disconnected(Connection connection) {}
}
