package dev.ember.core.network;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.ember.core.logging.LazyLogger;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageCodec;
import java.util.List;

/**
 * Frames to message records and back, with the Kryo of one {@link MessageRegistry}. A frame that
 * does not decode to exactly one registered message type, using all its bytes, closes the
 * connection. One instance per channel: Kryo keeps state.
 */
public final class MessageCodec extends MessageToMessageCodec<ByteBuf, Record> {
  private static final LazyLogger LOG = new LazyLogger(MessageCodec.class);
  private static final int INITIAL_OUTPUT_BYTES = 256;

  private final MessageRegistry registry;
  private final Kryo kryo;
  private final int maximumFrameBytes;
  private boolean refused;

  public MessageCodec(MessageRegistry registry, int maximumFrameBytes) {
    this.registry = registry;
    this.kryo = registry.newKryo();
    this.maximumFrameBytes = maximumFrameBytes;
  }

  @Override
  protected void encode(ChannelHandlerContext context, Record message, List<Object> out) {
    if (!registry.isMessageType(message.getClass())) {
      throw new EncoderException(message.getClass().getName() + " is not a message type of this connection's registry");
    }
    // Kryo's Output grows up to the maximum frame size and fails beyond it, so an oversized message fails its write.
    try (Output output = new Output(INITIAL_OUTPUT_BYTES, maximumFrameBytes)) {
      kryo.writeClassAndObject(output, message);
      out.add(context.alloc().buffer(output.position()).writeBytes(output.getBuffer(), 0, output.position()));
    }
  }

  @Override
  protected void decode(ChannelHandlerContext context, ByteBuf frame, List<Object> out) {
    if (refused) {
      return;
    }
    byte[] bytes = ByteBufUtil.getBytes(frame);
    Object message;
    try (Input input = new Input(bytes)) {
      message = kryo.readClassAndObject(input);
      if (input.position() != bytes.length) {
        throw new IllegalArgumentException((bytes.length - input.position()) + " bytes left after the message");
      }
    } catch (RuntimeException malformed) {
      // Kryo exceptions, a record's own argument checks, trailing bytes: the peer is not speaking this protocol.
      refuse(context, "a frame of " + bytes.length + " bytes does not decode: " + malformed.getMessage());
      return;
    }
    if (message == null || !registry.isMessageType(message.getClass())) {
      refuse(context, "a frame decodes to " + (message == null ? "null" : message.getClass().getName())
          + ", which is not a message type");
      return;
    }
    out.add(message);
  }

  private void refuse(ChannelHandlerContext context, String reason) {
    refused = true;
    LOG.get().warn("Closing the connection from {}: {}", context.channel().remoteAddress(), reason);
    context.close();
  }
}
