package dev.ember.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.ember.core.network.TestMessages.Kind;
import dev.ember.core.network.TestMessages.NotRegistered;
import dev.ember.core.network.TestMessages.Payload;
import dev.ember.core.network.TestMessages.Ping;
import dev.ember.core.network.TestMessages.WithList;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
  private static final int MAXIMUM = 1 << 16;
  private final List<ByteBuf> inputs = new ArrayList<>();

  @AfterEach
  void everyInputWasReleased() {
    for (ByteBuf input : inputs) {
      assertThat(input.refCnt()).as("input buffer leaked").isZero();
    }
  }

  private ByteBuf input(byte[] bytes) {
    ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
    inputs.add(buffer);
    return buffer;
  }

  private static EmbeddedChannel codecChannel() {
    return new EmbeddedChannel(new MessageCodec(TestMessages.REGISTRY, MAXIMUM));
  }

  /** Encodes {@code message} on one channel and returns the frame's bytes. */
  private static byte[] encoded(Record message) {
    EmbeddedChannel sender = codecChannel();
    sender.writeOutbound(message);
    ByteBuf frame = sender.readOutbound();
    byte[] bytes = new byte[frame.readableBytes()];
    frame.readBytes(bytes);
    frame.release();
    sender.finishAndReleaseAll();
    return bytes;
  }

  @Test
  void messagesRoundTrip() {
    EmbeddedChannel receiver = codecChannel();
    Payload payload = new Payload(new byte[] {1, 2, 3}, Kind.LARGE, new Ping(7, "inner é"));
    receiver.writeInbound(input(encoded(new Ping(1, "hello"))));
    receiver.writeInbound(input(encoded(payload)));
    receiver.writeInbound(input(encoded(new Ping(2, null))));
    assertThat((Object) receiver.readInbound()).isEqualTo(new Ping(1, "hello"));
    Payload decoded = receiver.readInbound();
    assertThat(decoded.bytes()).containsExactly(1, 2, 3);
    assertThat(decoded.kind()).isEqualTo(Kind.LARGE);
    assertThat(decoded.inner()).isEqualTo(new Ping(7, "inner é"));
    assertThat((Object) receiver.readInbound()).isEqualTo(new Ping(2, null));
    assertThat(receiver.isOpen()).isTrue();
    assertThat(receiver.finishAndReleaseAll()).isFalse();
  }

  @Test
  void thePipelineCarriesMessagesOverSplitFrames() {
    NetworkSettings settings = new NetworkSettings(MAXIMUM, null, NetworkSettings.DEFAULT_TIMEOUT);
    EmbeddedChannel sender = new EmbeddedChannel();
    NetworkPipeline.install(sender.pipeline(), settings, NetworkPipeline.Side.CLIENT, TestMessages.REGISTRY);
    EmbeddedChannel receiver = new EmbeddedChannel();
    NetworkPipeline.install(receiver.pipeline(), settings, NetworkPipeline.Side.SERVER, TestMessages.REGISTRY);
    sender.writeOutbound(new Ping(1, "a"), new Ping(2, "b".repeat(1000)));
    ByteBuf stream = Unpooled.buffer();
    for (ByteBuf part = sender.readOutbound(); part != null; part = sender.readOutbound()) {
      stream.writeBytes(part);
      part.release();
    }
    while (stream.isReadable()) {
      receiver.writeInbound(stream.readRetainedSlice(Math.min(3, stream.readableBytes())));
    }
    stream.release();
    assertThat((Object) receiver.readInbound()).isEqualTo(new Ping(1, "a"));
    assertThat((Object) receiver.readInbound()).isEqualTo(new Ping(2, "b".repeat(1000)));
    assertThat(sender.finishAndReleaseAll()).isFalse();
    assertThat(receiver.finishAndReleaseAll()).isFalse();
  }

  @Test
  void anUnregisteredTypeIsNotSent() {
    EmbeddedChannel sender = codecChannel();
    ChannelFuture write = sender.writeAndFlush(new NotRegistered(1));
    assertThat(write.cause()).hasMessageContaining("not a message type");
    assertThat(sender.isOpen()).isTrue();
    assertThat(sender.finishAndReleaseAll()).isFalse();
  }

  @Test
  void aMessageAboveTheMaximumIsNotSent() {
    EmbeddedChannel sender = new EmbeddedChannel(new MessageCodec(TestMessages.REGISTRY, 64));
    ChannelFuture write = sender.writeAndFlush(new Payload(new byte[100], Kind.SMALL, new Ping(0, "")));
    assertThat(write.isSuccess()).isFalse();
    assertThat(sender.isOpen()).isTrue();
    assertThat(sender.finishAndReleaseAll()).isFalse();
  }

  @Test
  void aFrameOfAnUnregisteredClassClosesTheConnection() {
    // A Kryo that knows NotRegistered under an id the receiver does not have.
    Kryo foreign = TestMessages.REGISTRY.newKryo();
    foreign.register(NotRegistered.class, new com.esotericsoftware.kryo.serializers.RecordSerializer<>(NotRegistered.class), 90);
    Output output = new Output(64);
    foreign.writeClassAndObject(output, new NotRegistered(5));
    EmbeddedChannel receiver = codecChannel();
    receiver.writeInbound(input(output.toBytes()));
    assertThat((Object) receiver.readInbound()).isNull();
    assertThat(receiver.isOpen()).isFalse();
    receiver.finishAndReleaseAll();
  }

  @Test
  void aRegisteredButNonMessageValueClosesTheConnection() {
    // Kryo's default int registration decodes, but an int is not a message.
    Output output = new Output(16);
    TestMessages.REGISTRY.newKryo().writeClassAndObject(output, 5);
    EmbeddedChannel receiver = codecChannel();
    receiver.writeInbound(input(output.toBytes()));
    assertThat((Object) receiver.readInbound()).isNull();
    assertThat(receiver.isOpen()).isFalse();
    receiver.finishAndReleaseAll();
  }

  @Test
  void trailingBytesCloseTheConnection() {
    byte[] message = encoded(new Ping(1, "x"));
    byte[] longer = java.util.Arrays.copyOf(message, message.length + 1);
    EmbeddedChannel receiver = codecChannel();
    receiver.writeInbound(input(longer));
    assertThat((Object) receiver.readInbound()).isNull();
    assertThat(receiver.isOpen()).isFalse();
    receiver.finishAndReleaseAll();
  }

  @Test
  void aRecordsOwnCheckFailingClosesTheConnection() {
    byte[] message = encoded(new Ping(1, "x"));
    EmbeddedChannel receiver = codecChannel();
    // Kryo writes the int component as a zig-zag varint right after the class id: 1 -> 2; make it -1 -> 1.
    int sequenceAt = 1;
    assertThat(message[sequenceAt]).isEqualTo((byte) 2);
    message[sequenceAt] = 1;
    receiver.writeInbound(input(message));
    assertThat((Object) receiver.readInbound()).isNull();
    assertThat(receiver.isOpen()).isFalse();
    receiver.finishAndReleaseAll();
  }

  @Test
  void aHugeClaimedLengthIsRefusedWithoutAllocating() {
    byte[] message = encoded(new Payload(new byte[] {9}, Kind.SMALL, new Ping(0, "")));
    // The byte array's varint length follows the class id and the not-null marker; claim ~2 GiB.
    Output output = new Output(32);
    output.writeBytes(message, 0, 2);
    output.writeVarInt(Integer.MAX_VALUE - 8, true);
    EmbeddedChannel receiver = codecChannel();
    receiver.writeInbound(input(output.toBytes()));
    assertThat((Object) receiver.readInbound()).isNull();
    assertThat(receiver.isOpen()).isFalse();
    receiver.finishAndReleaseAll();
  }

  @Test
  void randomBytesCloseTheConnectionOrDecodeToARegisteredMessage() {
    Random random = new Random(7);
    for (int trial = 0; trial < 500; trial++) {
      byte[] noise = new byte[1 + random.nextInt(40)];
      random.nextBytes(noise);
      EmbeddedChannel receiver = codecChannel();
      receiver.writeInbound(input(noise));
      Object decoded = receiver.readInbound();
      if (decoded != null) {
        assertThat(decoded).isInstanceOfAny(Ping.class, Payload.class);
      } else {
        assertThat(receiver.isOpen()).isFalse();
      }
      receiver.finishAndReleaseAll();
    }
  }

  @Test
  void theRegistryRefusesPartsThatCannotTravelSafely() {
    assertThatThrownBy(() -> MessageRegistry.of(List.of(WithList.class)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.util.List");
    assertThat(TestMessages.REGISTRY.types()).containsExactly(Ping.class, Payload.class, Kind.class);
    assertThat(TestMessages.REGISTRY.isMessageType(Ping.class)).isTrue();
    assertThat(TestMessages.REGISTRY.isMessageType(Kind.class)).isFalse();
  }
}
