/**
 * The wire under Ember's control plane (cluster-manager) and block server (shuffle): Netty handlers
 * that turn a TCP stream into length-prefixed frames, frames into Kryo-encoded message records, and
 * that make every connection prove knowledge of {@code ember.authenticate.secret} before any
 * message is processed.
 *
 * <p><b>Pipeline</b> (installed by {@link dev.ember.core.network.NetworkPipeline}, head to tail):
 * with {@code ember.ssl.enabled}, Netty's TLS handler (JDK provider, mutual TLS, see
 * {@link dev.ember.core.network.SslSettings}) and the handler that closes a connection whose TLS
 * failed; then {@link dev.ember.core.network.FrameDecoder} and {@link dev.ember.core.network.FrameEncoder}
 * (a 4-byte big-endian length, then that many bytes, at most {@code ember.rpc.message.maxSize}),
 * then, with a secret, {@link dev.ember.core.network.ServerAuthentication} or
 * {@link dev.ember.core.network.ClientAuthentication} (removed once the peer is proven), then
 * {@link dev.ember.core.network.MessageCodec} (Kryo with registration required, the classes of one
 * {@link dev.ember.core.network.MessageRegistry}), then the application's handler.
 *
 * <p><b>Failure rule.</b> An oversized or malformed frame, a message that does not decode, a peer
 * that fails or skips the handshake: that connection is logged and closed; nothing else is
 * affected, and no buffer is leaked.
 *
 * <p><b>Imports.</b> Netty, Kryo and SLF4J only; no other Ember package, so that any layer may use
 * it. Netty types stay in this package and in the modules' transport packages, never in the
 * public DataFrame API.
 */
package dev.ember.core.network;
