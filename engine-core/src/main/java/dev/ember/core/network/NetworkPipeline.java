package dev.ember.core.network;

import io.netty.channel.ChannelPipeline;

/**
 * Installs Ember's connection layers on a channel's pipeline (see the package doc for the order);
 * the caller adds its application handler after them and waits for {@link Authenticated} when
 * the settings carry a secret.
 */
public final class NetworkPipeline {
  /** Which side of the handshake this end plays. */
  public enum Side {
    /** Accepted the connection: challenges the peer. */
    SERVER,
    /** Opened the connection: answers the challenge. */
    CLIENT
  }

  /** The TLS handler's name: a protocol that writes file regions (zero-copy) checks for it, TLS needs buffers. */
  public static final String SSL = "ssl";

  private NetworkPipeline() {}

  /** True when the channel's bytes go through TLS. */
  public static boolean encrypts(ChannelPipeline pipeline) {
    return pipeline.get(SSL) != null;
  }

  /** Frames, the handshake when a secret is set, and the message codec of {@code registry}. */
  public static void install(ChannelPipeline pipeline, NetworkSettings settings, Side side, MessageRegistry registry) {
    installFrames(pipeline, settings, side);
    pipeline.addLast("messages", new MessageCodec(registry, settings.maximumFrameBytes()));
  }

  /**
   * Frames and the handshake only, for a protocol that writes its own frame bodies (the block
   * server sends file regions after a header frame).
   */
  public static void installFrames(ChannelPipeline pipeline, NetworkSettings settings, Side side) {
    if (settings.encrypts()) {
      // First, so that every byte after it (frames, the handshake) is encrypted; a peer that does
      // not speak TLS fails here and loses its connection.
      pipeline.addLast(SSL, settings.sslOrNull().newHandler(side, pipeline.channel().alloc(), settings.timeout()));
      pipeline.addLast("sslFailures", new SslFailureHandler());
    }
    pipeline.addLast("frameDecoder", new FrameDecoder(settings.maximumFrameBytes()));
    pipeline.addLast("frameEncoder", new FrameEncoder(settings.maximumFrameBytes()));
    if (settings.authenticates()) {
      byte[] secret = settings.secretOrNull();
      pipeline.addLast("authentication", switch (side) {
        case SERVER -> new ServerAuthentication(secret, settings.timeout());
        case CLIENT -> new ClientAuthentication(secret, settings.timeout());
      });
    }
  }
}
