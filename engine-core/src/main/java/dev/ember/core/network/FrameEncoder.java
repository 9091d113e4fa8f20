package dev.ember.core.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Prefixes each outbound {@link ByteBuf} with its 4-byte length. The body is passed on as it is
 * (no copy). A body above the maximum fails its write: the peer would refuse it anyway, and the
 * connection stays usable.
 */
@Sharable
public final class FrameEncoder extends MessageToMessageEncoder<ByteBuf> {
  private final int maximumFrameBytes;

  public FrameEncoder(int maximumFrameBytes) {
    if (maximumFrameBytes < 1) {
      throw new IllegalArgumentException("the maximum frame size must be positive, got " + maximumFrameBytes);
    }
    this.maximumFrameBytes = maximumFrameBytes;
  }

  @Override
  protected void encode(ChannelHandlerContext context, ByteBuf body, List<Object> out) {
    int length = body.readableBytes();
    if (length > maximumFrameBytes) {
      // The superclass releases the body and fails the write's promise with this exception.
      throw new EncoderException("a frame of " + length + " bytes exceeds the maximum of " + maximumFrameBytes
          + " bytes (ember.rpc.message.maxSize)");
    }
    out.add(context.alloc().buffer(FrameDecoder.LENGTH_BYTES).writeInt(length));
    // The superclass releases the body after encode; the frame keeps its own reference.
    out.add(body.retain());
  }
}
