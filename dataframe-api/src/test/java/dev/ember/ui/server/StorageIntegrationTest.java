package dev.ember.ui.server;

import static dev.ember.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.EngineHygiene;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.StorageLevel;
import dev.ember.ui.api.RestApi;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Storage page and {@code /storage/rdd} show what the executors really cache, reported with
 * their task results: cached partitions, memory and disk bytes per block and the executors holding
 * them, in local mode and on a local cluster (executor processes); an unpersisted DataFrame leaves.
 */
@ExtendWith(EngineHygiene.class)
class StorageIntegrationTest {
  private static final int PARTITIONS = 4;

  private static Map<String, Object> onlyCache(String api) throws IOException {
    List<Object> caches = Http.array(Http.json(api + "/storage/rdd"));
    assertThat(caches).hasSize(1);
    return Http.object(caches.get(0));
  }

  private static String apiOf(EmberSession session) throws IOException {
    String base = session.uiWebUrl().orElseThrow() + RestApi.PREFIX + "/applications/";
    return base + Http.object(Http.array(Http.json(base)).get(0)).get("id");
  }

  /** Caches a DataFrame of {@code PARTITIONS} partitions at {@code level}, fills it, and checks the report. */
  private static Map<String, Object> cacheAndCheck(EmberSession session, StorageLevel level, Set<String> executorIds)
      throws IOException {
    DataFrame numbers = session.range(0, 40_000, 1, PARTITIONS).withColumn("square", col("id").multiply(col("id")));
    DataFrame cached = numbers.persist(level);
    assertThat(cached.count()).isEqualTo(40_000);
    assertThat(session.waitUntilListenerBusEmpty(Duration.ofSeconds(30))).isTrue();
    String api = apiOf(session);
    Map<String, Object> cache = onlyCache(api);
    assertThat(Http.integer(cache.get("numPartitions"))).isEqualTo(PARTITIONS);
    assertThat(Http.integer(cache.get("numCachedPartitions"))).isEqualTo(PARTITIONS);
    List<Object> partitions = Http.array(cache.get("partitions"));
    assertThat(partitions).hasSize(PARTITIONS);
    long memory = 0;
    long disk = 0;
    List<String> names = new ArrayList<>();
    for (Object partitionJson : partitions) {
      Map<String, Object> partition = Http.object(partitionJson);
      names.add((String) partition.get("blockName"));
      memory += ((Number) partition.get("memoryUsed")).longValue();
      disk += ((Number) partition.get("diskUsed")).longValue();
      assertThat(Http.array(partition.get("executors"))).hasSize(1).allMatch(executorIds::contains);
      // 10,000 rows of two longs each, in memory compressed (ids 2 bytes each, squares 4): at least
      // 60,000 bytes, wherever they are.
      assertThat(((Number) partition.get("memoryUsed")).longValue() + ((Number) partition.get("diskUsed")).longValue())
          .isGreaterThanOrEqualTo(10_000L * 6);
    }
    int id = Http.integer(cache.get("id"));
    assertThat(names).containsExactly("rdd_" + id + "_0", "rdd_" + id + "_1", "rdd_" + id + "_2", "rdd_" + id + "_3");
    assertThat(((Number) cache.get("memoryUsed")).longValue()).isEqualTo(memory);
    assertThat(((Number) cache.get("diskUsed")).longValue()).isEqualTo(disk);
    assertThat(Http.json(api + "/storage/rdd/" + id)).isEqualTo(cache);
    String page = Http.get(session.uiWebUrl().orElseThrow() + "/storage/").body();
    assertThat(page).contains("rdd_" + id + "_3").contains(PARTITIONS + " / " + PARTITIONS);

    cached.unpersist();
    assertThat(Http.array(Http.json(api + "/storage/rdd"))).isEmpty();
    return cache;
  }

  @Test
  void localModeReportsEachCachedBlockInMemoryOrOnDisk() throws IOException {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    try (EmberSession session = EmberSession.builder().appName("storage").master("local[2]")
        .config("ember.ui.port", "0").getOrCreate()) {
      Map<String, Object> inMemory = cacheAndCheck(session, StorageLevel.MEMORY_ONLY, Set.of("local"));
      assertThat(((Number) inMemory.get("memoryUsed")).longValue()).isPositive();
      assertThat(((Number) inMemory.get("diskUsed")).longValue()).isZero();
      assertThat(inMemory.get("storageLevel")).isEqualTo("MEMORY_ONLY");

      Map<String, Object> onDisk = cacheAndCheck(session, StorageLevel.DISK_ONLY, Set.of("local"));
      assertThat(((Number) onDisk.get("memoryUsed")).longValue()).isZero();
      assertThat(((Number) onDisk.get("diskUsed")).longValue()).isPositive();
      assertThat(onDisk.get("storageLevel")).isEqualTo("DISK_ONLY");
    }
  }

  @Test
  void executorProcessesOfALocalClusterReportTheirBlocks() throws IOException {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    try (EmberSession session = EmberSession.builder().appName("storage-cluster").master("local-cluster[2,1,512m]")
        .config("ember.ui.port", "0").config("ember.network.timeout", "60s")
        .config("ember.executor.heartbeatInterval", "1s").getOrCreate()) {
      Set<String> executors = new java.util.HashSet<>();
      for (Object executor : Http.array(Http.json(apiOf(session) + "/executors"))) {
        executors.add((String) Http.object(executor).get("id"));
      }
      assertThat(executors).hasSize(2);
      Map<String, Object> cache = cacheAndCheck(session, StorageLevel.MEMORY_AND_DISK, executors);
      assertThat(((Number) cache.get("memoryUsed")).longValue()).isPositive();
      // Operator metrics cross the wire from the executor processes too: the range that filled the cache.
      long rangeRows = -1;
      for (Object execution : Http.array(Http.json(apiOf(session) + "/sql"))) {
        for (Object node : Http.array(Http.object(execution).get("nodes"))) {
          if ("Range".equals(Http.object(node).get("nodeName"))) {
            for (Object metric : Http.array(Http.object(node).get("metrics"))) {
              if ("number of output rows".equals(Http.object(metric).get("name"))) {
                rangeRows = Long.parseLong((String) Http.object(metric).get("value"));
              }
            }
          }
        }
      }
      assertThat(rangeRows).isEqualTo(40_000);
    }
  }
}
