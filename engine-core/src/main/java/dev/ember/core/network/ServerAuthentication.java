package dev.ember.core.network;

import dev.ember.core.logging.LazyLogger;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The accepting side of the handshake ({@link AuthenticationProtocol}): challenges the peer as
 * soon as the connection is up, and passes nothing on until the peer proved the secret. A wrong
 * proof, any other frame first, or silence past the timeout: the connection is logged and closed.
 * Once proven, the handler confirms, removes itself and fires {@link Authenticated}.
 */
public final class ServerAuthentication extends ChannelDuplexHandler {
  private static final LazyLogger LOG = new LazyLogger(ServerAuthentication.class);

  private final AuthenticationProtocol protocol;
  private final Duration timeout;
  private byte[] serverNonce;
  private ScheduledFuture<?> deadline;
  private boolean done;

  /** {@code secret} is copied; {@code timeout} bounds the whole handshake. */
  public ServerAuthentication(byte[] secret, Duration timeout) {
    this.protocol = new AuthenticationProtocol(secret.clone());
    this.timeout = timeout;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    if (context.channel().isActive()) {
      challenge(context);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext context) {
    challenge(context);
    context.fireChannelActive();
  }

  private void challenge(ChannelHandlerContext context) {
    if (serverNonce != null) {
      return;
    }
    serverNonce = AuthenticationProtocol.nonce();
    deadline = context.executor().schedule(
        () -> refuse(context, "no authentication within " + timeout.toMillis() + " ms"),
        timeout.toNanos(), TimeUnit.NANOSECONDS);
    context.writeAndFlush(AuthenticationProtocol.frame(context.alloc(), AuthenticationProtocol.CHALLENGE, serverNonce));
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object message) {
    try {
      if (done) {
        return;
      }
      if (!(message instanceof ByteBuf frame)
          || !AuthenticationProtocol.is(frame, AuthenticationProtocol.RESPONSE, AuthenticationProtocol.RESPONSE_BYTES)) {
        refuse(context, "the first frame is not an authentication response");
        return;
      }
      byte[] clientNonce = new byte[AuthenticationProtocol.NONCE_BYTES];
      byte[] proof = new byte[AuthenticationProtocol.PROOF_BYTES];
      frame.getBytes(frame.readerIndex() + 1, clientNonce);
      frame.getBytes(frame.readerIndex() + 1 + AuthenticationProtocol.NONCE_BYTES, proof);
      if (!AuthenticationProtocol.matches(protocol.clientProof(serverNonce, clientNonce), proof)) {
        refuse(context, "wrong authentication proof (the peer does not know ember.authenticate.secret)");
        return;
      }
      done = true;
      deadline.cancel(false);
      context.writeAndFlush(AuthenticationProtocol.frame(context.alloc(), AuthenticationProtocol.CONFIRMATION,
          protocol.serverProof(serverNonce, clientNonce)));
      context.pipeline().remove(this);
      context.fireUserEventTriggered(Authenticated.INSTANCE);
    } finally {
      ReferenceCountUtil.release(message);
    }
  }

  @Override
  public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
    // The application answers only after Authenticated; anything earlier would reach an unproven peer.
    ReferenceCountUtil.release(message);
    promise.setFailure(new AuthenticationException("the peer is not authenticated yet"));
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    if (deadline != null) {
      deadline.cancel(false);
    }
    context.fireChannelInactive();
  }

  private void refuse(ChannelHandlerContext context, String reason) {
    if (done) {
      return;
    }
    done = true;
    if (deadline != null) {
      deadline.cancel(false);
    }
    LOG.get().warn("Refused the connection from {}: {}", context.channel().remoteAddress(), reason);
    context.close();
  }
}
