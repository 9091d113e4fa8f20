package dev.ember.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.network.TestMessages.Ping;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ember.ssl.*}: client and server pipelines on two embedded channels, bytes carried between
 * them as a socket would, with key stores made by keytool.
 */
class TlsPipelineTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final byte[] SECRET = "tls-and-secret".getBytes(StandardCharsets.UTF_8);

  @TempDir
  static Path directory;
  private static SelfSignedKeyStores cluster;
  private static SelfSignedKeyStores stranger;

  @BeforeAll
  static void keyStores() {
    cluster = SelfSignedKeyStores.create(directory, "cluster");
    stranger = SelfSignedKeyStores.create(directory, "stranger");
  }

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

  private static NetworkSettings settings(SslSettings sslOrNull, byte[] secretOrNull) {
    return new NetworkSettings(1 << 16, secretOrNull, TIMEOUT, sslOrNull);
  }

  private static EmbeddedChannel channel(NetworkSettings settings, NetworkPipeline.Side side, Application application) {
    EmbeddedChannel channel = new EmbeddedChannel();
    NetworkPipeline.install(channel.pipeline(), settings, side, TestMessages.REGISTRY);
    channel.pipeline().addLast(application);
    return channel;
  }

  /** Carries bytes both ways until neither side writes more; returns everything that crossed. */
  private static String converse(EmbeddedChannel client, EmbeddedChannel server) {
    StringBuilder wire = new StringBuilder();
    boolean moved = true;
    while (moved) {
      moved = false;
      for (EmbeddedChannel[] pair : new EmbeddedChannel[][] {{server, client}, {client, server}}) {
        for (ByteBuf bytes = pair[0].readOutbound(); bytes != null; bytes = pair[0].readOutbound()) {
          moved = true;
          wire.append(bytes.toString(StandardCharsets.ISO_8859_1));
          if (pair[1].isOpen()) {
            pair[1].writeInbound(bytes);
          } else {
            bytes.release();
          }
        }
      }
      client.runPendingTasks();
      server.runPendingTasks();
    }
    return wire.toString();
  }

  @Test
  void messagesCrossEncryptedAfterTheTlsAndSecretHandshakes() {
    Application serverApplication = new Application();
    Application clientApplication = new Application();
    EmbeddedChannel server = channel(settings(cluster.sslSettings(), SECRET), NetworkPipeline.Side.SERVER,
        serverApplication);
    EmbeddedChannel client = channel(settings(cluster.sslSettings(), SECRET), NetworkPipeline.Side.CLIENT,
        clientApplication);
    client.writeAndFlush(new Ping(1, "a-plaintext-marker-that-must-not-show"));
    String wire = converse(client, server);
    server.writeAndFlush(new Ping(2, "answer-marker-that-must-not-show"));
    wire += converse(client, server);

    assertThat(serverApplication.authenticated).isTrue();
    assertThat(clientApplication.authenticated).isTrue();
    assertThat(serverApplication.received).containsExactly(new Ping(1, "a-plaintext-marker-that-must-not-show"));
    assertThat(clientApplication.received).containsExactly(new Ping(2, "answer-marker-that-must-not-show"));
    assertThat(NetworkPipeline.encrypts(server.pipeline())).isTrue();
    assertThat(wire).doesNotContain("plaintext-marker").doesNotContain("answer-marker");
    // Closing writes TLS close_notify records, released here.
    client.finishAndReleaseAll();
    server.finishAndReleaseAll();
  }

  @Test
  void aPlaintextPeerIsRefusedByATlsServer() {
    Application serverApplication = new Application();
    EmbeddedChannel server = channel(settings(cluster.sslSettings(), null), NetworkPipeline.Side.SERVER,
        serverApplication);
    EmbeddedChannel plaintextClient = channel(settings(null, null), NetworkPipeline.Side.CLIENT, new Application());
    plaintextClient.writeAndFlush(new Ping(1, "hello"));
    converse(plaintextClient, server);
    assertThat(server.isOpen()).isFalse();
    assertThat(serverApplication.received).isEmpty();
    plaintextClient.finishAndReleaseAll();
    server.finishAndReleaseAll();
  }

  @Test
  void randomBytesCloseATlsServerConnection() {
    Application serverApplication = new Application();
    EmbeddedChannel server = channel(settings(cluster.sslSettings(), null), NetworkPipeline.Side.SERVER,
        serverApplication);
    byte[] noise = new byte[512];
    new java.util.Random(7).nextBytes(noise);
    server.writeInbound(Unpooled.wrappedBuffer(noise));
    server.runPendingTasks();
    assertThat(server.isOpen()).isFalse();
    assertThat(serverApplication.received).isEmpty();
    server.finishAndReleaseAll();
  }

  @Test
  void aPeerWithACertificateOutsideTheTrustStoreIsRefused() {
    Application serverApplication = new Application();
    EmbeddedChannel server = channel(settings(cluster.sslSettings(), null), NetworkPipeline.Side.SERVER,
        serverApplication);
    // Trusts the cluster (so it would accept the server) but presents its own key.
    Map<String, String> mixed = new HashMap<>(stranger.settings());
    mixed.put(SslSettings.TRUST_STORE, cluster.trustStore().toString());
    mixed.put(SslSettings.TRUST_STORE_PASSWORD, cluster.password());
    EmbeddedChannel client = channel(settings(SslSettings.fromOrNull(mixed), null), NetworkPipeline.Side.CLIENT,
        new Application());
    client.writeAndFlush(new Ping(1, "let me in"));
    converse(client, server);
    assertThat(server.isOpen()).isFalse();
    assertThat(serverApplication.received).isEmpty();
    client.finishAndReleaseAll();
    server.finishAndReleaseAll();
  }

  @Test
  void sslIsOffUnlessEnabledAndBadSettingsNameTheirKey() {
    assertThat(NetworkSettings.from(Map.of()).encrypts()).isFalse();
    assertThat(NetworkSettings.from(cluster.settings()).encrypts()).isTrue();
    assertThat(NetworkSettings.from(cluster.settings()).toString()).doesNotContain(cluster.password());

    Map<String, String> noKeyStore = new HashMap<>(cluster.settings());
    noKeyStore.remove(SslSettings.KEY_STORE);
    assertThatThrownBy(() -> NetworkSettings.from(noKeyStore)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(SslSettings.KEY_STORE);

    Map<String, String> wrongPassword = new HashMap<>(cluster.settings());
    wrongPassword.put(SslSettings.KEY_STORE_PASSWORD, "not-the-password");
    assertThatThrownBy(() -> NetworkSettings.from(wrongPassword)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(SslSettings.KEY_STORE).hasMessageContaining(cluster.keyStore().toString())
        .hasMessageNotContaining("not-the-password");

    Map<String, String> missingFile = new HashMap<>(cluster.settings());
    missingFile.put(SslSettings.TRUST_STORE, directory.resolve("absent.p12").toString());
    assertThatThrownBy(() -> NetworkSettings.from(missingFile)).hasMessageContaining(SslSettings.TRUST_STORE);

    assertThatThrownBy(() -> NetworkSettings.from(Map.of(SslSettings.ENABLED, "yes")))
        .hasMessageContaining(SslSettings.ENABLED);
  }
}
