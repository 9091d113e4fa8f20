package dev.ember.benchmarks;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.memory.TaskMemory;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.network.NetworkSettings;
import dev.ember.core.network.SslSettings;
import dev.ember.core.operator.Operator;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.shuffle.ShuffleDependency;
import dev.ember.core.shuffle.ShuffleWriter;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BatchSizes;
import dev.ember.shuffle.sort.DiskShuffleManager;
import dev.ember.shuffle.sort.DiskShuffleSettings;
import dev.ember.shuffle.transport.BlockServer;
import dev.ember.shuffle.transport.BlockTransferClient;
import dev.ember.shuffle.transport.FetchSettings;
import dev.ember.shuffle.transport.NettyBlockFetcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 9: reading one map output's reduce partitions (TPC-H lineitem-like batches, LZ4) in the
 * executor that wrote them ({@code local}) against another executor fetching them over loopback
 * from the writer's Netty block server ({@code remote}, zero-copy file regions), and the same over
 * TLS ({@code remoteTls}: {@code ember.ssl.*}, the JDK provider, blocks read into buffers to be
 * encrypted); all decode every batch. One thread, so {@code megabytes} is MB/s of batch values per
 * reading core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
public class RemoteShuffleBenchmark {
  @Param({"16"})
  public int reducers;

  @Param({"50"})
  public int batches;

  private Path directory;
  private DiskShuffleManager writer;
  private BlockServer server;
  private DiskShuffleManager reader;
  private BlockServer tlsServer;
  private DiskShuffleManager tlsReader;
  private List<MapStatus> writtenForTls;
  private List<MapStatus> written;
  private double inputMegabytes;

  /** MB of batch values moved per second (JMH divides by the iteration time). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Throughput {
    public double megabytes;

    @Setup(Level.Iteration)
    public void reset() {
      megabytes = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    List<Batch> input = ShuffleBenchmark.lineitem(batches, 42);
    long bytes = 0;
    for (Batch batch : input) {
      bytes += BatchSizes.estimateBytes(batch);
    }
    inputMegabytes = bytes / 1e6;
    directory = Files.createTempDirectory("ember-remote-shuffle-benchmark");
    NetworkSettings network = NetworkSettings.defaults();
    writer = new DiskShuffleManager("writer", DiskShuffleSettings.defaults(directory).withInMemoryOutputBytes(0));
    server = BlockServer.start("127.0.0.1", 0, network, writer);
    writer.serveBlocksAt("127.0.0.1", server.address().getPort());
    reader = new DiskShuffleManager("reader", DiskShuffleSettings.defaults(directory),
        new NettyBlockFetcher(id -> null, new BlockTransferClient(network), FetchSettings.from(Map.of())));
    ShuffleDependency dependency = new ShuffleDependency(0, 1,
        new Partitioning.Hash(List.of(new BoundReference(0, ColumnType.LONG, false)), reducers),
        ShuffleBenchmark.LINEITEM, null);
    try (ShuffleWriter mapTask = writer.writer(dependency, 0, 0, new TaskMetrics(), TaskMemory.UNLIMITED)) {
      for (Batch batch : input) {
        mapTask.write(batch);
      }
      written = List.of(mapTask.commit());
    }
    // The same map output served by a second, TLS block server; its map status names that server.
    NetworkSettings tls = network.withSsl(SslSettings.fromOrNull(selfSignedStores(directory)));
    tlsServer = BlockServer.start("127.0.0.1", 0, tls, writer);
    MapStatus plain = written.get(0);
    writtenForTls = List.of(new MapStatus(plain.executorId(), plain.shuffleId(), plain.mapId(), plain.blockSizes(),
        plain.blockRecords(), "127.0.0.1", tlsServer.address().getPort()));
    tlsReader = new DiskShuffleManager("tls-reader", DiskShuffleSettings.defaults(directory),
        new NettyBlockFetcher(id -> null, new BlockTransferClient(tls), FetchSettings.from(Map.of())));
  }

  /** A self-signed key in a PKCS12 store and its certificate in a trust store, by the JDK's keytool. */
  static Map<String, String> selfSignedStores(Path directory) throws IOException {
    String password = "benchmark-password";
    Path keyStore = directory.resolve("keystore.p12");
    Path certificate = directory.resolve("benchmark.cer");
    Path trustStore = directory.resolve("truststore.p12");
    keytool("-genkeypair", "-alias", "benchmark", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
        "CN=ember-benchmark", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
        "-storepass", password, "-keypass", password);
    keytool("-exportcert", "-alias", "benchmark", "-keystore", keyStore.toString(), "-storepass", password,
        "-file", certificate.toString());
    keytool("-importcert", "-noprompt", "-alias", "benchmark", "-file", certificate.toString(), "-storetype",
        "PKCS12", "-keystore", trustStore.toString(), "-storepass", password);
    return Map.of(SslSettings.ENABLED, "true", SslSettings.KEY_STORE, keyStore.toString(),
        SslSettings.KEY_STORE_PASSWORD, password, SslSettings.TRUST_STORE, trustStore.toString(),
        SslSettings.TRUST_STORE_PASSWORD, password);
  }

  private static void keytool(String... arguments) throws IOException {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", interrupted);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    tlsReader.close();
    tlsServer.close();
    reader.close();
    server.close();
    writer.close();
    try (var files = Files.walk(directory)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  private long readAll(DiskShuffleManager manager, List<MapStatus> statuses, Throughput throughput) {
    long rows = 0;
    for (int reducer = 0; reducer < reducers; reducer++) {
      try (Operator operator = manager.reader(0, reducer, statuses, new TaskMetrics())) {
        for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
          rows += batch.rowCount();
        }
      }
    }
    throughput.megabytes += inputMegabytes;
    return rows;
  }

  /** Every reduce partition read from the writer's own files. */
  @Benchmark
  public long local(Throughput throughput) {
    return readAll(writer, written, throughput);
  }

  /** Every reduce partition fetched from the writer's block server (zero-copy file regions) by another executor. */
  @Benchmark
  public long remote(Throughput throughput) {
    return readAll(reader, written, throughput);
  }

  /** As {@link #remote}, over TLS (mutual, TLSv1.3, the JDK provider). */
  @Benchmark
  public long remoteTls(Throughput throughput) {
    return readAll(tlsReader, writtenForTls, throughput);
  }
}
