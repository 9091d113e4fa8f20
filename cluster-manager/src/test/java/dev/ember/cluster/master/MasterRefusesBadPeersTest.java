package dev.ember.cluster.master;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.cluster.launch.ExecutorLauncher;
import dev.ember.cluster.worker.Worker;
import dev.ember.cluster.worker.WorkerSettings;
import dev.ember.core.network.NetworkSettings;
import dev.ember.core.network.SelfSignedKeyStores;
import dev.ember.core.network.SslSettings;
import dev.ember.core.testing.RawPeer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master with a secret, hit over real sockets by peers that do not follow the protocol: each
 * such connection is closed by the master, which goes on serving; a worker that knows the secret
 * registers afterwards.
 */
class MasterRefusesBadPeersTest {
  private static final NetworkSettings SECURED = new NetworkSettings(1 << 16,
      "the-secret".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
  private static final ExecutorLauncher NO_LAUNCHES = spec -> {
    throw new IOException("no executors in this test");
  };


  private static byte[] frame(byte[] body) {
    return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
  }

  @Test
  void randomBytesOversizedFramesAndUnauthenticatedMessagesAreRefusedAndTheMasterKeepsServing() throws Exception {
    try (Master master = Master.start("127.0.0.1", 0, SECURED, Duration.ofMillis(200))) {
      byte[] noise = new byte[4096];
      new Random(3).nextBytes(noise);
      assertThat(RawPeer.closesAfter(master.port(), noise)).as("random bytes").isTrue();
      assertThat(RawPeer.closesAfter(master.port(), ByteBuffer.allocate(8).putInt(1 << 30).putInt(0).array()))
          .as("an oversized frame").isTrue();
      // A well-formed control message from a peer that skipped the handshake (no secret configured).
      try (Worker unauthenticated = Worker.start(new WorkerSettings("no-secret", "127.0.0.1", master.port(),
          "127.0.0.1", 1, 64L << 20), NetworkSettings.defaults(), NO_LAUNCHES)) {
        assertThat(unauthenticated.terminated().get(10, TimeUnit.SECONDS)).isEqualTo("lost the master");
      }
      assertThat(RawPeer.closesAfter(master.port(), frame(new byte[] {2, 1, 2, 3}))).as("a malformed handshake").isTrue();
      assertThat(master.workerIds()).isEmpty();

      try (Worker legitimate = Worker.start(new WorkerSettings("legitimate", "127.0.0.1", master.port(),
          "127.0.0.1", 1, 64L << 20), SECURED, NO_LAUNCHES)) {
        assertThat(legitimate.registered().get(10, TimeUnit.SECONDS)).isEqualTo("legitimate");
        assertThat(master.workerIds()).containsExactly("legitimate");
      }
    }
  }

  /**
   * A master with TLS and a secret: random bytes and a plaintext worker that knows the secret are
   * refused; a worker with the cluster's key stores registers afterwards.
   */
  @Test
  void aTlsMasterRefusesPlaintextPeersAndAcceptsATlsWorker(@TempDir Path directory) throws Exception {
    SslSettings ssl = SelfSignedKeyStores.create(directory, "master").sslSettings();
    NetworkSettings tls = SECURED.withSsl(ssl);
    try (Master master = Master.start("127.0.0.1", 0, tls, Duration.ofMillis(200))) {
      byte[] noise = new byte[4096];
      new Random(4).nextBytes(noise);
      assertThat(RawPeer.closesAfter(master.port(), noise)).as("random bytes").isTrue();
      try (Worker plaintext = Worker.start(new WorkerSettings("plaintext", "127.0.0.1", master.port(),
          "127.0.0.1", 1, 64L << 20), SECURED, NO_LAUNCHES)) {
        assertThat(plaintext.terminated().get(10, TimeUnit.SECONDS)).isEqualTo("lost the master");
      }
      assertThat(master.workerIds()).isEmpty();

      try (Worker encrypted = Worker.start(new WorkerSettings("encrypted", "127.0.0.1", master.port(),
          "127.0.0.1", 1, 64L << 20), tls, NO_LAUNCHES)) {
        assertThat(encrypted.registered().get(10, TimeUnit.SECONDS)).isEqualTo("encrypted");
        assertThat(master.workerIds()).containsExactly("encrypted");
      }
    }
  }
}
