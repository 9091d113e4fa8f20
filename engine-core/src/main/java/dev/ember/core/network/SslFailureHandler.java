package dev.ember.core.network;

import dev.ember.core.logging.LazyLogger;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * Sits right after the {@link io.netty.handler.ssl.SslHandler}: a failed TLS handshake (a peer that
 * speaks plaintext, an untrusted certificate, a timeout) or undecryptable bytes close that
 * connection, logged once with the peer's address, and go no further down the pipeline.
 * Runs on the channel's event loop only.
 */
final class SslFailureHandler extends ChannelInboundHandlerAdapter {
  private static final LazyLogger LOG = new LazyLogger(SslFailureHandler.class);

  private boolean refused;

  @Override
  public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
    if (event instanceof SslHandshakeCompletionEvent completion) {
      if (!completion.isSuccess()) {
        refuse(context, "TLS handshake failed: " + completion.cause());
      }
      return;
    }
    super.userEventTriggered(context, event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    refuse(context, "TLS failed: " + cause);
  }

  private void refuse(ChannelHandlerContext context, String reason) {
    if (!refused) {
      refused = true;
      LOG.get().warn("Refused the connection with {}: {}", context.channel().remoteAddress(), reason);
    }
    context.close();
  }
}
