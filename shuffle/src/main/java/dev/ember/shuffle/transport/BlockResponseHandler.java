package dev.ember.shuffle.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client side of one block connection: completes each pending request's future with its
 * response frame. Every inbound frame is released here, in {@link #channelRead}'s finally, after
 * its bytes were copied out; nothing else on the client holds Netty buffers.
 */
final class BlockResponseHandler extends ChannelInboundHandlerAdapter {
  private final Map<Long, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();

  /** Registers a request before it is written, so that its response cannot overtake it. */
  CompletableFuture<byte[]> expect(long requestId) {
    CompletableFuture<byte[]> response = new CompletableFuture<>();
    pending.put(requestId, response);
    return response;
  }

  void forget(long requestId) {
    pending.remove(requestId);
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object message) {
    try {
      if (!(message instanceof ByteBuf frame) || frame.readableBytes() < BlockTransferProtocol.RESPONSE_HEADER_BYTES) {
        failAll(new IOException("the block server sent a malformed response"));
        context.close();
        return;
      }
      byte status = frame.readByte();
      long requestId = frame.readLong();
      CompletableFuture<byte[]> response = pending.remove(requestId);
      if (response == null) {
        // A response to a request that timed out: dropped.
        return;
      }
      byte[] bytes = new byte[frame.readableBytes()];
      frame.readBytes(bytes);
      if (status == BlockTransferProtocol.OK) {
        response.complete(bytes);
      } else {
        response.completeExceptionally(new BlockNotServedException(new String(bytes, StandardCharsets.UTF_8)));
      }
    } finally {
      ReferenceCountUtil.release(message);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    failAll(new IOException("the connection to the block server " + context.channel().remoteAddress() + " closed"));
    context.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    failAll(new IOException("the connection to the block server failed: " + cause, cause));
    context.close();
  }

  private void failAll(IOException cause) {
    for (Long requestId : pending.keySet()) {
      CompletableFuture<byte[]> response = pending.remove(requestId);
      if (response != null) {
        response.completeExceptionally(cause);
      }
    }
  }

  /** The server answered that it does not have the blocks (lost, removed, or a bad range). */
  static final class BlockNotServedException extends RuntimeException {
    BlockNotServedException(String reason) {
      super(reason);
    }
  }
}
