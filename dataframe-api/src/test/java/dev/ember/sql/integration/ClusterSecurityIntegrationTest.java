package dev.ember.sql.integration;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ember.cluster.rpc.ControlMessage;
import dev.ember.core.network.MessageRegistry;
import dev.ember.core.network.NetworkPipeline;
import dev.ember.core.network.NetworkSettings;
import dev.ember.core.network.SelfSignedKeyStores;
import dev.ember.core.testing.RawPeer;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.shuffle.transport.BlockTransferClient;
import dev.ember.shuffle.transport.OpenBlocks;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code local-cluster} with {@code ember.authenticate.secret} set as a session key (Spark's name
 * for one run), with and without TLS: jobs give the right answer; no process's command line holds
 * a secret; random bytes, an oversized frame and a well-formed message without the handshake (or,
 * with TLS, in plaintext) sent to the master and to every executor's block server each lose their
 * connection, the processes keep serving, and the next job is right again.
 */
@Tag("integration")
class ClusterSecurityIntegrationTest {
  private static final String SECRET = "cluster-security-secret-7d1f";

  @TempDir
  Path directory;

  /** Join (shuffled), aggregate, sort: remote block fetches between the two executors. */
  private static List<Row> job(EmberSession session) {
    DataFrame orders = session.range(0, 20_000).select(col("id").as("order"), col("id").mod(499).as("customer"),
        col("id").mod(13).as("amount"));
    DataFrame customers = session.range(0, 499).select(col("id").as("customer"), col("id").mod(11).as("region"));
    return orders.join(customers, "customer").groupBy("region")
        .agg(count("order").as("orders"), sum("amount").as("total")).orderBy("region").collectAsList();
  }

  /** The job's answer by plain Java. */
  private static List<Row> expected() {
    Map<Long, long[]> byRegion = new TreeMap<>();
    for (long order = 0; order < 20_000; order++) {
      long[] totals = byRegion.computeIfAbsent((order % 499) % 11, region -> new long[2]);
      totals[0]++;
      totals[1] += order % 13;
    }
    List<Row> rows = new ArrayList<>();
    byRegion.forEach((region, totals) -> rows.add(RowFactory.create(region, totals[0], totals[1])));
    return rows;
  }

  @ParameterizedTest(name = "tls {0}")
  @ValueSource(booleans = {false, true})
  void badPeersAreRefusedByTheMasterAndTheBlockServersAndTheNextJobSucceeds(boolean tls) throws Exception {
    assumeTrue(ClusterProcesses.canListPorts(), "needs Linux /proc to find the processes' listening ports");
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    EmberSession.Builder builder = EmberSession.builder().master("local-cluster[2,1,512m]")
        .config("ember.network.timeout", "60s").config("ember.executor.heartbeatInterval", "1s")
        .config("ember.sql.autoBroadcastJoinThreshold", "-1").config("ember.sql.shuffle.partitions", "4");
    SelfSignedKeyStores stores = null;
    if (tls) {
      stores = SelfSignedKeyStores.create(directory, "cluster");
      stores.settings().forEach((key, value) -> builder.config(key.replace("ember.", "spark."), value));
      builder.config("ember.authenticate.secret", SECRET);
    } else {
      builder.config("spark.authenticate.secret", SECRET);
    }
    try (EmberSession session = builder.getOrCreate()) {
      assertThat(job(session)).isEqualTo(expected());
      for (String commandLine : ClusterProcesses.commandLines()) {
        assertThat(commandLine).doesNotContain(SECRET);
        if (stores != null) {
          assertThat(commandLine).doesNotContain(stores.password());
        }
      }

      List<ProcessHandle> masters = ClusterProcesses.running("EmberMaster");
      List<ProcessHandle> executors = ClusterProcesses.running("EmberExecutor");
      assertThat(masters).hasSize(1);
      assertThat(executors).hasSize(2);
      List<Integer> masterPorts = ClusterProcesses.listeningPorts(masters.get(0));
      assertThat(masterPorts).hasSize(1);
      assertRefusesBadPeers("the master", masterPorts.get(0), controlMessage());
      for (ProcessHandle executor : executors) {
        List<Integer> blockServerPorts = ClusterProcesses.listeningPorts(executor);
        assertThat(blockServerPorts).as("an executor listens for block fetches only").hasSize(1);
        assertRefusesBadPeers("executor " + executor.pid() + "'s block server", blockServerPorts.get(0),
            blockRequest());
        if (tls) {
          // Knows the secret but does not speak TLS.
          NetworkSettings plaintext = new NetworkSettings(NetworkSettings.DEFAULT_MAXIMUM_FRAME_BYTES,
              SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(3));
          try (BlockTransferClient client = new BlockTransferClient(plaintext)) {
            assertThatThrownBy(() -> client.fetch(new InetSocketAddress("127.0.0.1", blockServerPorts.get(0)),
                0, 0, 0, 1, Duration.ofSeconds(5))).isInstanceOf(Exception.class);
          }
        }
      }

      assertThat(masters).allMatch(ProcessHandle::isAlive);
      assertThat(executors).allMatch(ProcessHandle::isAlive);
      assertThat(job(session)).as("the next job").isEqualTo(expected());
    }
  }

  private static void assertRefusesBadPeers(String what, int port, byte[] unauthenticatedMessage) throws IOException {
    byte[] noise = new byte[4096];
    new Random(port).nextBytes(noise);
    // A whole frame of noise: random leading bytes would, now and then, announce a frame longer than
    // the noise, which the server rightly waits for.
    ByteBuffer.wrap(noise).putInt(noise.length - 4);
    // With TLS on, the server's SslHandler reads the first bytes as a record header; a 5th byte of 2
    // or 3 makes them an SSLv2 hello, for which it rightly waits (up to its 10 s handshake timeout)
    // rather than closing at once. Noise that is no hello of any version keeps the check sharp.
    if (noise[4] == 2 || noise[4] == 3) {
      noise[4] = 0x55;
    }
    assertThat(RawPeer.closesAfter(port, noise)).as(what + " closes on random bytes").isTrue();
    assertThat(RawPeer.closesAfter(port, ByteBuffer.allocate(8).putInt(1 << 30).putInt(0).array()))
        .as(what + " closes on an oversized frame").isTrue();
    assertThat(RawPeer.closesAfter(port, unauthenticatedMessage)).as(what + " closes on a message without the handshake").isTrue();
  }


  /** A well-formed control message (a worker's registration) in a frame, as a peer without the secret sends it. */
  private static byte[] controlMessage() {
    List<Class<? extends Record>> types = new ArrayList<>();
    for (Class<?> type : ControlMessage.class.getPermittedSubclasses()) {
      types.add(type.asSubclass(Record.class));
    }
    return encoded(MessageRegistry.of(types), new ControlMessage.RegisterWorker("intruder", "127.0.0.1", 8, 1L << 30));
  }

  private static byte[] blockRequest() {
    return encoded(MessageRegistry.of(List.of(OpenBlocks.class)), new OpenBlocks(1, 0, 0, 0, 1));
  }

  private static byte[] encoded(MessageRegistry registry, Record message) {
    EmbeddedChannel channel = new EmbeddedChannel();
    NetworkPipeline.install(channel.pipeline(), NetworkSettings.defaults(), NetworkPipeline.Side.CLIENT, registry);
    channel.writeAndFlush(message);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (ByteBuf buffer = channel.readOutbound(); buffer != null; buffer = channel.readOutbound()) {
      bytes.writeBytes(io.netty.buffer.ByteBufUtil.getBytes(buffer));
      buffer.release();
    }
    channel.finishAndReleaseAll();
    return bytes.toByteArray();
  }
}
