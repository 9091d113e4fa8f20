package dev.ember.shuffle.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.network.NetworkSettings;
import dev.ember.core.operator.Operator;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.shuffle.FetchFailedException;
import dev.ember.core.memory.TaskMemory;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.shuffle.ShuffleDependency;
import dev.ember.core.shuffle.ShuffleWriter;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.shuffle.TestBatches;
import dev.ember.shuffle.sort.DiskShuffleManager;
import dev.ember.shuffle.sort.DiskShuffleSettings;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two shuffle managers as two executors over real loopback sockets: executor "a" writes map
 * outputs and serves them, executor "b" reads them through the Netty fetcher and must see exactly
 * what "a" reads locally.
 */
class RemoteShuffleTest {
  private static final BoundReference KEY = new BoundReference(2, ColumnType.LONG, true);
  private static final int SHUFFLE = 3;
  private static final int MAPS = 4;
  private static final int REDUCERS = 6;
  private static final byte[] SECRET = "a shared secret".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path localDirectory;

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private <T extends AutoCloseable> T track(T resource) {
    resources.add(resource);
    return resource;
  }

  private static NetworkSettings network(byte[] secret) {
    return new NetworkSettings(NetworkSettings.DEFAULT_MAXIMUM_FRAME_BYTES, secret, Duration.ofSeconds(10));
  }

  private static FetchSettings fetchSettings(int maxRetries) {
    return new FetchSettings(maxRetries, Duration.ofMillis(20), Duration.ofSeconds(10));
  }

  private DiskShuffleManager writer(boolean inMemory) {
    DiskShuffleSettings settings = DiskShuffleSettings.defaults(localDirectory).withCompress(true);
    return track(new DiskShuffleManager("exec-a", inMemory ? settings : settings.withInMemoryOutputBytes(0)));
  }

  /** Map outputs with an empty map (the last) and skewed keys. */
  private static MapStatus[] writeShuffle(DiskShuffleManager manager) {
    ShuffleDependency dependency = new ShuffleDependency(SHUFFLE, MAPS,
        new Partitioning.Hash(List.of(KEY), REDUCERS), TestBatches.ALL_TYPES, null);
    MapStatus[] statuses = new MapStatus[MAPS];
    for (int map = 0; map < MAPS; map++) {
      Random random = new Random(map);
      List<List<Object>> rows = map == MAPS - 1 ? List.of() : TestBatches.rows(random, 1500, 6);
      try (ShuffleWriter writer = manager.writer(dependency, map, map, new TaskMetrics(), TaskMemory.UNLIMITED)) {
        for (Batch batch : TestBatches.batches(rows, random, 400)) {
          writer.write(batch);
        }
        statuses[map] = writer.commit();
      }
    }
    return statuses;
  }

  private static List<List<Object>> readAll(Operator reader) {
    List<List<Object>> rows = new ArrayList<>();
    try (reader) {
      for (Batch batch = reader.next(); batch != null; batch = reader.next()) {
        rows.addAll(batch.rows());
      }
    }
    return rows;
  }

  private NettyBlockFetcher fetcher(Map<String, InetSocketAddress> servers, byte[] secret, int maxRetries) {
    return track(new NettyBlockFetcher(servers::get, new BlockTransferClient(network(secret)), fetchSettings(maxRetries)));
  }

  @ParameterizedTest(name = "in memory {0}, authenticated {1}")
  @CsvSource({"false,false", "false,true", "true,false", "true,true"})
  void aReducerOnAnotherExecutorReadsExactlyTheRowsOfALocalRead(boolean inMemory, boolean authenticated) {
    byte[] secret = authenticated ? SECRET : null;
    DiskShuffleManager executorA = writer(inMemory);
    BlockServer server = track(BlockServer.start("127.0.0.1", 0, network(secret), executorA));
    executorA.serveBlocksAt("127.0.0.1", server.address().getPort());
    MapStatus[] statuses = writeShuffle(executorA);
    assertThat(executorA.isInMemory(SHUFFLE, 0)).isEqualTo(inMemory);
    assertThat(statuses[0].blockHost()).isEqualTo("127.0.0.1");
    assertThat(statuses[0].blockPort()).isEqualTo(server.address().getPort());
    // No executor-id lookup: the map statuses alone say where to fetch.
    NettyBlockFetcher fetcher = fetcher(Map.of(), secret, 0);
    DiskShuffleManager executorB = track(new DiskShuffleManager("exec-b",
        DiskShuffleSettings.defaults(localDirectory), fetcher));

    long expectedRemoteBytes = 0;
    int rows = 0;
    for (int reducer = 0; reducer < REDUCERS; reducer++) {
      List<List<Object>> local = readAll(executorA.reader(SHUFFLE, reducer, List.of(statuses), new TaskMetrics()));
      TaskMetrics metrics = new TaskMetrics();
      List<List<Object>> remote = readAll(executorB.reader(SHUFFLE, reducer, List.of(statuses), metrics));
      assertThat(remote).isEqualTo(local);
      assertThat(metrics.shuffleRecordsRead()).isEqualTo(local.size());
      rows += local.size();
      int nonEmpty = 0;
      for (MapStatus status : statuses) {
        // Blocks the map status knows to be empty are never asked for.
        expectedRemoteBytes += status.blockRecords()[reducer] == 0 ? 0 : status.blockSizes()[reducer];
        nonEmpty += status.blockRecords()[reducer] == 0 ? 0 : 1;
      }
      assertThat(metrics.shuffleRemoteBlocksRead()).isEqualTo(nonEmpty);
      assertThat(metrics.shuffleRemoteBytesRead()).isEqualTo(metrics.shuffleBytesRead());
    }
    assertThat(rows).isEqualTo(1500 * (MAPS - 1));
    assertThat(fetcher.remoteBytes()).isEqualTo(expectedRemoteBytes).isPositive();
    assertThat(fetcher.retries()).isZero();
  }

  @ParameterizedTest(name = "in memory {0}")
  @CsvSource({"false", "true"})
  void oneRequestFetchesSeveralConsecutiveBlocksAsTheirConcatenation(boolean inMemory) {
    DiskShuffleManager executorA = writer(inMemory);
    MapStatus[] statuses = writeShuffle(executorA);
    BlockServer server = track(BlockServer.start("127.0.0.1", 0, network(null), executorA));
    NettyBlockFetcher fetcher = fetcher(Map.of("exec-a", server.address()), null, 0);

    byte[] all = fetcher.fetchBytes("exec-a", SHUFFLE, 1, 0, REDUCERS);
    ByteArrayOutputStream oneByOne = new ByteArrayOutputStream();
    for (int reducer = 0; reducer < REDUCERS; reducer++) {
      oneByOne.writeBytes(fetcher.fetchBytes("exec-a", SHUFFLE, 1, reducer, reducer + 1));
    }
    long total = 0;
    for (long size : statuses[1].blockSizes()) {
      total += size;
    }
    assertThat(all).hasSize((int) total).isEqualTo(oneByOne.toByteArray());
  }

  @Test
  void aLostMapOutputFailsTheFetchAtOnceNamingTheMap() {
    DiskShuffleManager executorA = writer(false);
    MapStatus[] statuses = writeShuffle(executorA);
    BlockServer server = track(BlockServer.start("127.0.0.1", 0, network(null), executorA));
    NettyBlockFetcher fetcher = fetcher(Map.of("exec-a", server.address()), null, 3);
    DiskShuffleManager executorB = track(new DiskShuffleManager("exec-b",
        DiskShuffleSettings.defaults(localDirectory), fetcher));
    assertThat(executorA.removeMapOutput(SHUFFLE, 2)).isTrue();

    assertThatThrownBy(() -> readAll(executorB.reader(SHUFFLE, 0, List.of(statuses), new TaskMetrics())))
        .isInstanceOfSatisfying(FetchFailedException.class, failure -> {
          assertThat(failure.shuffleId()).isEqualTo(SHUFFLE);
          assertThat(failure.mapId()).isEqualTo(2);
          assertThat(failure.reduceId()).isZero();
        })
        .hasMessageContaining("missing");
    // The server answered: the output is gone, so retrying would only delay the recomputation.
    assertThat(fetcher.retries()).isZero();
    // The connection stays usable for the outputs that are there.
    assertThat(readAll(executorB.reader(SHUFFLE, 0, List.of(statuses[0]), new TaskMetrics()))).isNotEmpty();
  }

  @Test
  void anUnreachableServerIsRetriedThenBecomesAFetchFailure() {
    DiskShuffleManager executorA = writer(false);
    MapStatus[] statuses = writeShuffle(executorA);
    BlockServer server = BlockServer.start("127.0.0.1", 0, network(null), executorA);
    InetSocketAddress address = server.address();
    server.close();
    NettyBlockFetcher fetcher = fetcher(Map.of("exec-a", address), null, 2);

    assertThatThrownBy(() -> fetcher.fetchBytes("exec-a", SHUFFLE, 1, 0, 1))
        .isInstanceOfSatisfying(FetchFailedException.class, failure -> assertThat(failure.mapId()).isEqualTo(1))
        .hasMessageContaining("failed 3 times")
        .hasMessageContaining("ember.shuffle.io.maxRetries = 2");
    assertThat(fetcher.retries()).isEqualTo(2);
    assertThatThrownBy(() -> fetcher.fetch("exec-lost", new dev.ember.shuffle.fetch.ShuffleBlockId(SHUFFLE, 0, 0)))
        .isInstanceOf(FetchFailedException.class).hasMessageContaining("no known block server");
    assertThat(statuses).hasSize(MAPS);
  }

  @Test
  void aFetcherWithTheWrongSecretIsRefused() {
    DiskShuffleManager executorA = writer(false);
    writeShuffle(executorA);
    BlockServer server = track(BlockServer.start("127.0.0.1", 0, network(SECRET), executorA));
    NettyBlockFetcher wrong = fetcher(Map.of("exec-a", server.address()),
        "another secret".getBytes(StandardCharsets.UTF_8), 1);
    NettyBlockFetcher none = fetcher(Map.of("exec-a", server.address()), null, 0);
    NettyBlockFetcher right = fetcher(Map.of("exec-a", server.address()), SECRET, 0);

    assertThatThrownBy(() -> wrong.fetchBytes("exec-a", SHUFFLE, 0, 0, 1)).isInstanceOf(FetchFailedException.class);
    assertThatThrownBy(() -> none.fetchBytes("exec-a", SHUFFLE, 0, 0, 1)).isInstanceOf(FetchFailedException.class);
    assertThat(right.fetchBytes("exec-a", SHUFFLE, 0, 0, REDUCERS)).isNotEmpty();
  }

  @Test
  void settingsReadTheSparkKeysWithSparkDefaults() {
    FetchSettings defaults = FetchSettings.from(Map.of());
    assertThat(defaults.maxRetries()).isEqualTo(3);
    assertThat(defaults.retryWait()).isEqualTo(Duration.ofSeconds(5));
    FetchSettings chosen = FetchSettings.from(Map.of(FetchSettings.MAX_RETRIES, "7", FetchSettings.RETRY_WAIT, "250ms"));
    assertThat(chosen.maxRetries()).isEqualTo(7);
    assertThat(chosen.retryWait()).isEqualTo(Duration.ofMillis(250));
    assertThatThrownBy(() -> FetchSettings.from(Map.of(FetchSettings.MAX_RETRIES, "-1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ember.shuffle.io.maxRetries");
  }
}
