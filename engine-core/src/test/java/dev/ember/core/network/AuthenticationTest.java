package dev.ember.core.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.network.TestMessages.Ping;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Client and server pipelines on two embedded channels; {@link #shuttle} carries the bytes each
 * wrote to the other, as a TCP connection would.
 */
class AuthenticationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** The application's end of a pipeline: records messages and whether it saw {@link Authenticated}. */
  private static final class Application extends ChannelInboundHandlerAdapter {
    final List<Object> received = new ArrayList<>();
    boolean authenticated;

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
      received.add(message);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
      if (event == Authenticated.INSTANCE) {
        authenticated = true;
      }
    }
  }

  private static NetworkSettings settings(String secretOrNull) {
    return new NetworkSettings(1 << 16, secretOrNull == null ? null : secretOrNull.getBytes(StandardCharsets.UTF_8),
        TIMEOUT);
  }

  private static EmbeddedChannel channel(NetworkSettings settings, NetworkPipeline.Side side, Application application) {
    EmbeddedChannel channel = new EmbeddedChannel();
    NetworkPipeline.install(channel.pipeline(), settings, side, TestMessages.REGISTRY);
    channel.pipeline().addLast(application);
    return channel;
  }

  /** Moves everything {@code from} wrote into {@code to}; returns whether anything moved. */
  private static boolean shuttle(EmbeddedChannel from, EmbeddedChannel to) {
    boolean moved = false;
    for (ByteBuf bytes = from.readOutbound(); bytes != null; bytes = from.readOutbound()) {
      moved = true;
      if (to.isOpen()) {
        to.writeInbound(bytes);
      } else {
        bytes.release();
      }
    }
    return moved;
  }

  private static void converse(EmbeddedChannel client, EmbeddedChannel server) {
    boolean moved = true;
    while (moved) {
      moved = shuttle(server, client) | shuttle(client, server);
    }
  }

  @Test
  void theRightSecretAuthenticatesBothSidesAndHeldMessagesFollow() {
    Application clientApplication = new Application();
    Application serverApplication = new Application();
    EmbeddedChannel server = channel(settings("s3cret"), NetworkPipeline.Side.SERVER, serverApplication);
    EmbeddedChannel client = channel(settings("s3cret"), NetworkPipeline.Side.CLIENT, clientApplication);
    // Written before the handshake: held by the client until the server is proven.
    ChannelFuture early = client.writeAndFlush(new Ping(1, "early"));
    assertThat(early.isDone()).isFalse();
    converse(client, server);
    assertThat(early.isSuccess()).isTrue();
    assertThat(clientApplication.authenticated).isTrue();
    assertThat(serverApplication.authenticated).isTrue();
    assertThat(serverApplication.received).containsExactly(new Ping(1, "early"));
    assertThat(client.pipeline().get(ClientAuthentication.class)).isNull();
    assertThat(server.pipeline().get(ServerAuthentication.class)).isNull();
    server.writeAndFlush(new Ping(2, "answer"));
    client.writeAndFlush(new Ping(3, "later"));
    converse(client, server);
    assertThat(clientApplication.received).containsExactly(new Ping(2, "answer"));
    assertThat(serverApplication.received).containsExactly(new Ping(1, "early"), new Ping(3, "later"));
    assertThat(client.finishAndReleaseAll()).isFalse();
    assertThat(server.finishAndReleaseAll()).isFalse();
  }

  @Test
  void theSecretNeverCrossesTheWire() {
    String secret = "a-distinctive-secret-value";
    EmbeddedChannel server = channel(settings(secret), NetworkPipeline.Side.SERVER, new Application());
    EmbeddedChannel client = channel(settings(secret), NetworkPipeline.Side.CLIENT, new Application());
    StringBuilder wire = new StringBuilder();
    boolean moved = true;
    while (moved) {
      moved = false;
      for (EmbeddedChannel[] pair : new EmbeddedChannel[][] {{server, client}, {client, server}}) {
        for (ByteBuf bytes = pair[0].readOutbound(); bytes != null; bytes = pair[0].readOutbound()) {
          moved = true;
          wire.append(bytes.toString(StandardCharsets.ISO_8859_1));
          pair[1].writeInbound(bytes);
        }
      }
    }
    assertThat(wire.length()).isGreaterThan(2 * AuthenticationProtocol.NONCE_BYTES);
    assertThat(wire.toString()).doesNotContain(secret);
    client.finishAndReleaseAll();
    server.finishAndReleaseAll();
  }

  @Test
  void aWrongSecretIsRefusedAndHeldWritesFail() {
    Application serverApplication = new Application();
    Application clientApplication = new Application();
    EmbeddedChannel server = channel(settings("right"), NetworkPipeline.Side.SERVER, serverApplication);
    EmbeddedChannel client = channel(settings("wrong"), NetworkPipeline.Side.CLIENT, clientApplication);
    ChannelFuture early = client.writeAndFlush(new Ping(1, "let me in"));
    converse(client, server);
    assertThat(server.isOpen()).isFalse();
    assertThat(serverApplication.authenticated).isFalse();
    assertThat(serverApplication.received).isEmpty();
    // The server closed without confirming; on a real socket the client sees the close.
    client.close();
    assertThat(early.cause()).isInstanceOf(AuthenticationException.class);
    assertThat(clientApplication.authenticated).isFalse();
    client.finishAndReleaseAll();
    server.finishAndReleaseAll();
  }

  @Test
  void aMessageBeforeAuthenticationIsRefusedAndNotProcessed() {
    Application serverApplication = new Application();
    EmbeddedChannel server = channel(settings("s3cret"), NetworkPipeline.Side.SERVER, serverApplication);
    // A client without the secret speaks the message protocol at once.
    EmbeddedChannel client = channel(settings(null), NetworkPipeline.Side.CLIENT, new Application());
    client.writeAndFlush(new Ping(1, "hello?"));
    shuttle(client, server);
    assertThat(server.isOpen()).isFalse();
    assertThat(serverApplication.received).isEmpty();
    client.finishAndReleaseAll();
    server.finishAndReleaseAll();
  }

  @Test
  void randomBytesAndOversizedFramesBeforeAuthenticationAreRefused() {
    for (byte[] garbage : new byte[][] {
        // An HTTP request: "GET " read as a length is about 1.2 GB, above the maximum.
        "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
        // A complete frame tagged as a response, but too short to be one.
        {0, 0, 0, 4, AuthenticationProtocol.RESPONSE, 1, 2, 3},
        {0x7f, 0, 0, 0}}) {
      Application serverApplication = new Application();
      EmbeddedChannel server = channel(settings("s3cret"), NetworkPipeline.Side.SERVER, serverApplication);
      ByteBuf input = Unpooled.wrappedBuffer(garbage);
      server.writeInbound(input);
      assertThat(input.refCnt()).isZero();
      assertThat(serverApplication.received).isEmpty();
      assertThat(serverApplication.authenticated).isFalse();
      assertThat(server.isOpen()).as(new String(garbage, StandardCharsets.ISO_8859_1)).isFalse();
      server.finishAndReleaseAll();
    }
  }

  @Test
  void aForgedResponseWithTheRightShapeIsRefused() {
    Application serverApplication = new Application();
    EmbeddedChannel server = channel(settings("s3cret"), NetworkPipeline.Side.SERVER, serverApplication);
    ByteBuf forged = Unpooled.buffer().writeInt(AuthenticationProtocol.RESPONSE_BYTES)
        .writeByte(AuthenticationProtocol.RESPONSE)
        .writeZero(AuthenticationProtocol.NONCE_BYTES + AuthenticationProtocol.PROOF_BYTES);
    server.writeInbound(forged);
    assertThat(server.isOpen()).isFalse();
    assertThat(serverApplication.authenticated).isFalse();
    server.finishAndReleaseAll();
  }

  @Test
  void aSilentPeerIsRefusedAtTheTimeout() throws InterruptedException {
    EmbeddedChannel patient = channel(settings("s3cret"), NetworkPipeline.Side.SERVER, new Application());
    patient.runPendingTasks();
    assertThat(patient.isOpen()).as("well before the timeout").isTrue();
    patient.finishAndReleaseAll();

    NetworkSettings quick = new NetworkSettings(1 << 16, "s3cret".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(30));
    EmbeddedChannel server = channel(quick, NetworkPipeline.Side.SERVER, new Application());
    EmbeddedChannel client = channel(quick, NetworkPipeline.Side.CLIENT, new Application());
    ChannelFuture held = client.writeAndFlush(new Ping(1, "waiting"));
    Thread.sleep(100);
    server.runPendingTasks();
    client.runPendingTasks();
    assertThat(server.isOpen()).isFalse();
    assertThat(client.isOpen()).isFalse();
    assertThat(held.cause()).isInstanceOf(AuthenticationException.class).hasMessageContaining("no authentication");
    client.finishAndReleaseAll();
    server.finishAndReleaseAll();
  }

  @Test
  void aClientRefusesAServerThatDoesNotKnowTheSecret() {
    Application clientApplication = new Application();
    EmbeddedChannel client = channel(settings("s3cret"), NetworkPipeline.Side.CLIENT, clientApplication);
    ChannelFuture held = client.writeAndFlush(new Ping(1, "for the real server only"));
    // An impostor challenges, then confirms with a made-up proof.
    client.writeInbound(Unpooled.buffer().writeInt(AuthenticationProtocol.CHALLENGE_BYTES)
        .writeByte(AuthenticationProtocol.CHALLENGE).writeZero(AuthenticationProtocol.NONCE_BYTES));
    ByteBuf response = client.readOutbound();
    assertThat(response).isNotNull();
    response.release();
    ByteBuf body = client.readOutbound();
    body.release();
    client.writeInbound(Unpooled.buffer().writeInt(AuthenticationProtocol.CONFIRMATION_BYTES)
        .writeByte(AuthenticationProtocol.CONFIRMATION).writeZero(AuthenticationProtocol.PROOF_BYTES));
    assertThat(client.isOpen()).isFalse();
    assertThat(held.cause()).isInstanceOf(AuthenticationException.class).hasMessageContaining("proof is wrong");
    assertThat(clientApplication.authenticated).isFalse();
    assertThat((Object) client.readOutbound()).as("the held message never left").isNull();
    client.finishAndReleaseAll();
  }
}
