package dev.ember.core.network;

import dev.ember.core.logging.LazyLogger;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.PendingWriteQueue;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The connecting side of the handshake ({@link AuthenticationProtocol}): answers the server's
 * challenge, checks the server's own proof, and holds the application's writes until then, so a
 * caller may write at once after connecting. A failed or timed-out handshake closes the connection
 * and fails the held writes with {@link AuthenticationException}.
 */
public final class ClientAuthentication extends ChannelDuplexHandler {
  private static final LazyLogger LOG = new LazyLogger(ClientAuthentication.class);

  private final AuthenticationProtocol protocol;
  private final Duration timeout;
  private PendingWriteQueue held;
  private ScheduledFuture<?> deadline;
  private byte[] serverNonce;
  private byte[] clientNonce;
  private boolean done;

  /** {@code secret} is copied; {@code timeout} bounds the whole handshake. */
  public ClientAuthentication(byte[] secret, Duration timeout) {
    this.protocol = new AuthenticationProtocol(secret.clone());
    this.timeout = timeout;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    held = new PendingWriteQueue(context);
    deadline = context.executor().schedule(
        () -> fail(context, "no authentication within " + timeout.toMillis() + " ms"),
        timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object message) {
    try {
      if (done) {
        return;
      }
      if (!(message instanceof ByteBuf frame)) {
        fail(context, "unexpected " + message.getClass().getName() + " during authentication");
      } else if (serverNonce == null) {
        answer(context, frame);
      } else {
        confirm(context, frame);
      }
    } finally {
      ReferenceCountUtil.release(message);
    }
  }

  private void answer(ChannelHandlerContext context, ByteBuf frame) {
    if (!AuthenticationProtocol.is(frame, AuthenticationProtocol.CHALLENGE, AuthenticationProtocol.CHALLENGE_BYTES)) {
      fail(context, "the server did not start with an authentication challenge (is ember.authenticate.secret set there?)");
      return;
    }
    serverNonce = new byte[AuthenticationProtocol.NONCE_BYTES];
    frame.getBytes(frame.readerIndex() + 1, serverNonce);
    clientNonce = AuthenticationProtocol.nonce();
    context.writeAndFlush(AuthenticationProtocol.frame(context.alloc(), AuthenticationProtocol.RESPONSE,
        clientNonce, protocol.clientProof(serverNonce, clientNonce)));
  }

  private void confirm(ChannelHandlerContext context, ByteBuf frame) {
    if (!AuthenticationProtocol.is(frame, AuthenticationProtocol.CONFIRMATION, AuthenticationProtocol.CONFIRMATION_BYTES)) {
      fail(context, "the server did not confirm the authentication");
      return;
    }
    byte[] proof = new byte[AuthenticationProtocol.PROOF_BYTES];
    frame.getBytes(frame.readerIndex() + 1, proof);
    if (!AuthenticationProtocol.matches(protocol.serverProof(serverNonce, clientNonce), proof)) {
      fail(context, "the server's proof is wrong (it does not know ember.authenticate.secret)");
      return;
    }
    done = true;
    deadline.cancel(false);
    held.removeAndWriteAll();
    context.flush();
    context.pipeline().remove(this);
    context.fireUserEventTriggered(Authenticated.INSTANCE);
  }

  @Override
  public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
    if (done) {
      // Failed handshake: the channel is closing; nothing may go out.
      ReferenceCountUtil.release(message);
      promise.setFailure(new AuthenticationException("the connection failed authentication"));
      return;
    }
    held.add(message, promise);
  }

  @Override
  public void flush(ChannelHandlerContext context) {
    // Held writes are flushed when the server is proven; the handshake frames flush themselves.
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    deadline.cancel(false);
    if (!done) {
      done = true;
      held.removeAndFailAll(new AuthenticationException("the connection closed before authentication completed"));
    }
    context.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext context) {
    // Removed by the application without completing: release what is held.
    if (!held.isEmpty()) {
      held.removeAndFailAll(new AuthenticationException("authentication handler removed before it completed"));
    }
  }

  private void fail(ChannelHandlerContext context, String reason) {
    if (done) {
      return;
    }
    done = true;
    deadline.cancel(false);
    LOG.get().warn("Authentication with {} failed: {}", context.channel().remoteAddress(), reason);
    held.removeAndFailAll(new AuthenticationException(reason));
    context.close();
  }
}
