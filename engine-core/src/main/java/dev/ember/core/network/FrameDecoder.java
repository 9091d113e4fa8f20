package dev.ember.core.network;

import dev.ember.core.logging.LazyLogger;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the inbound stream into frames: a 4-byte big-endian length, then that many bytes. Emits
 * each frame's body as a {@link ByteBuf} (the next handler releases it). A negative length or one
 * above the maximum closes the connection at once, before the body arrives, so a peer cannot make
 * this process buffer more than one maximum frame.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
  /** Bytes of the length prefix. */
  public static final int LENGTH_BYTES = 4;
  private static final LazyLogger LOG = new LazyLogger(FrameDecoder.class);

  private final int maximumFrameBytes;
  private boolean refused;

  public FrameDecoder(int maximumFrameBytes) {
    if (maximumFrameBytes < 1) {
      throw new IllegalArgumentException("the maximum frame size must be positive, got " + maximumFrameBytes);
    }
    this.maximumFrameBytes = maximumFrameBytes;
  }

  @Override
  protected void decode(ChannelHandlerContext context, ByteBuf in, List<Object> out) {
    if (refused) {
      // The connection is closing; whatever else arrives is dropped.
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < LENGTH_BYTES) {
      return;
    }
    int length = in.getInt(in.readerIndex());
    if (length < 0 || length > maximumFrameBytes) {
      refused = true;
      in.skipBytes(in.readableBytes());
      LOG.get().warn("Closing the connection from {}: frame length {} is outside 0..{} bytes (ember.rpc.message.maxSize)",
          context.channel().remoteAddress(), Integer.toUnsignedString(length), maximumFrameBytes);
      context.close();
      return;
    }
    if (in.readableBytes() < LENGTH_BYTES + length) {
      return;
    }
    in.skipBytes(LENGTH_BYTES);
    out.add(in.readRetainedSlice(length));
  }
}
