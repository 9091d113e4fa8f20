package dev.ember.core.network;

/**
 * The user event fired down the pipeline when the handshake proved the peer: the application's
 * handler may start talking (a client's earlier writes are already on their way).
 */
public enum Authenticated {
  INSTANCE
}
