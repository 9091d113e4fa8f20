package dev.ember.benchmarks;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.memory.TaskMemory;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.network.NetworkSettings;
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
 * from the writer's Netty block server ({@code remote}); both decode every batch. One thread, so
 * {@code megabytes} is MB/s of batch values per reading core.
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
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    reader.close();
    server.close();
    writer.close();
    Files.deleteIfExists(directory);
  }

  private long readAll(DiskShuffleManager manager, Throughput throughput) {
    long rows = 0;
    for (int reducer = 0; reducer < reducers; reducer++) {
      try (Operator operator = manager.reader(0, reducer, written, new TaskMetrics())) {
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
    return readAll(writer, throughput);
  }

  /** Every reduce partition fetched from the writer's block server (zero-copy file regions) by another executor. */
  @Benchmark
  public long remote(Throughput throughput) {
    return readAll(reader, throughput);
  }
}
