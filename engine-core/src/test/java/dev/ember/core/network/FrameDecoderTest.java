package dev.ember.core.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
  private static final int MAXIMUM = 64;
  private final List<ByteBuf> inputs = new ArrayList<>();

  @AfterEach
  void everyInputWasReleased() {
    for (ByteBuf input : inputs) {
      assertThat(input.refCnt()).as("input buffer leaked").isZero();
    }
  }

  private ByteBuf input(byte[] bytes) {
    ByteBuf buffer = Unpooled.buffer(bytes.length).writeBytes(bytes);
    inputs.add(buffer);
    return buffer;
  }

  private static byte[] frames(String... bodies) {
    ByteBuf stream = Unpooled.buffer();
    for (String body : bodies) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      stream.writeInt(bytes.length).writeBytes(bytes);
    }
    byte[] result = new byte[stream.readableBytes()];
    stream.readBytes(result);
    stream.release();
    return result;
  }

  private static List<String> drain(EmbeddedChannel channel) {
    List<String> bodies = new ArrayList<>();
    for (ByteBuf frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
      bodies.add(frame.toString(StandardCharsets.UTF_8));
      frame.release();
    }
    return bodies;
  }

  @Test
  void severalFramesInOneRead() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAXIMUM));
    channel.writeInbound(input(frames("one", "", "three")));
    assertThat(drain(channel)).containsExactly("one", "", "three");
    assertThat(channel.isOpen()).isTrue();
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void framesSplitAtEveryByte() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAXIMUM));
    byte[] stream = frames("hello", "world!");
    List<String> seen = new ArrayList<>();
    for (byte single : stream) {
      channel.writeInbound(input(new byte[] {single}));
      seen.addAll(drain(channel));
    }
    assertThat(seen).containsExactly("hello", "world!");
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void aFrameOfExactlyTheMaximumPasses() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAXIMUM));
    channel.writeInbound(input(frames("x".repeat(MAXIMUM))));
    assertThat(drain(channel)).containsExactly("x".repeat(MAXIMUM));
    assertThat(channel.isOpen()).isTrue();
    channel.finishAndReleaseAll();
  }

  @Test
  void anOversizedLengthClosesTheConnectionBeforeTheBodyArrives() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAXIMUM));
    channel.writeInbound(input(frames("ok")));
    // Only the prefix of a too-large frame: the decoder must not wait for (and buffer) its body.
    channel.writeInbound(input(ByteBuffer.allocate(4).putInt(MAXIMUM + 1).array()));
    assertThat(drain(channel)).containsExactly("ok");
    assertThat(channel.isOpen()).isFalse();
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void aNegativeLengthClosesTheConnection() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAXIMUM));
    channel.writeInbound(input(new byte[] {(byte) 0x80, 0, 0, 1, 'a', 'b'}));
    assertThat(drain(channel)).isEmpty();
    assertThat(channel.isOpen()).isFalse();
    channel.finishAndReleaseAll();
  }

  @Test
  void randomBytesNeverYieldAnOversizedFrameAndLeakNothing() {
    Random random = new Random(42);
    for (int trial = 0; trial < 200; trial++) {
      EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAXIMUM));
      byte[] noise = new byte[1 + random.nextInt(300)];
      random.nextBytes(noise);
      channel.writeInbound(input(noise));
      for (ByteBuf frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
        assertThat(frame.readableBytes()).isLessThanOrEqualTo(MAXIMUM);
        frame.release();
      }
      channel.finishAndReleaseAll();
    }
  }
}
