package dev.ember.core.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameEncoderTest {
  @Test
  void prefixesTheLengthAndRoundTripsThroughTheDecoder() {
    EmbeddedChannel sender = new EmbeddedChannel(new FrameEncoder(16));
    ByteBuf body = Unpooled.copiedBuffer("payload", StandardCharsets.UTF_8);
    assertThat(sender.writeOutbound(body)).isTrue();
    EmbeddedChannel receiver = new EmbeddedChannel(new FrameDecoder(16));
    ByteBuf header = sender.readOutbound();
    assertThat(header.getInt(header.readerIndex())).isEqualTo(7);
    receiver.writeInbound(header);
    receiver.writeInbound((ByteBuf) sender.readOutbound());
    ByteBuf frame = receiver.readInbound();
    assertThat(frame.toString(StandardCharsets.UTF_8)).isEqualTo("payload");
    frame.release();
    assertThat(body.refCnt()).isZero();
    assertThat(sender.finishAndReleaseAll()).isFalse();
    assertThat(receiver.finishAndReleaseAll()).isFalse();
  }

  @Test
  void anOversizedBodyFailsItsWriteOnlyAndIsReleased() {
    EmbeddedChannel sender = new EmbeddedChannel(new FrameEncoder(4));
    ByteBuf tooLarge = Unpooled.copiedBuffer("12345", StandardCharsets.UTF_8);
    ChannelFuture write = sender.writeAndFlush(tooLarge);
    assertThat(write.isSuccess()).isFalse();
    assertThat(write.cause()).isInstanceOf(EncoderException.class).hasMessageContaining("exceeds the maximum of 4");
    assertThat(tooLarge.refCnt()).isZero();
    assertThat(sender.isOpen()).isTrue();
    ByteBuf fits = Unpooled.copiedBuffer("1234", StandardCharsets.UTF_8);
    assertThat(sender.writeAndFlush(fits).isSuccess()).isTrue();
    assertThat(sender.outboundMessages()).hasSize(2);
    sender.finishAndReleaseAll();
    assertThat(fits.refCnt()).isZero();
  }
}
