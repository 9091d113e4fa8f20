package dev.ember.sql.integration;

import static dev.ember.sql.functions.broadcast;
import static dev.ember.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A broadcast join on {@code local-cluster[2,1,512m]}: the answer equals local mode's and plain
 * Java's, and each executor process fetches the broadcast from the driver once per job however
 * many of its tasks read it (tasks carry its handle only).
 */
@Tag("integration")
class LocalClusterBroadcastTest {
  private static final int PROBE_ROWS = 30_000;
  private static final int BUILD_ROWS = 2_000;

  private static DataFrame job(EmberSession session) {
    DataFrame facts = session.range(0, PROBE_ROWS).repartition(8)
        .select(col("id").as("fact"), col("id").mod(2_500).as("key"));
    DataFrame dimension = session.range(0, BUILD_ROWS).select(col("id").as("key"), col("id").mod(17).as("region"));
    return facts.join(broadcast(dimension), "key");
  }

  private static List<String> rows(List<Row> rows) {
    List<String> text = new ArrayList<>();
    rows.forEach(row -> text.add("[" + row.mkString(",") + "]"));
    text.sort(null);
    return text;
  }

  /** The same join by a hash map: the output is key, fact, region. */
  private static List<String> expected() {
    Map<Long, Long> regionByKey = new HashMap<>();
    for (long id = 0; id < BUILD_ROWS; id++) {
      regionByKey.put(id, id % 17);
    }
    List<String> text = new ArrayList<>();
    for (long id = 0; id < PROBE_ROWS; id++) {
      Long region = regionByKey.get(id % 2_500);
      if (region != null) {
        text.add("[" + (id % 2_500) + "," + id + "," + region + "]");
      }
    }
    text.sort(null);
    return text;
  }

  @Test
  void eachExecutorFetchesTheBroadcastOncePerJobAndTheJoinEqualsLocalMode() {
    List<String> local;
    try (EmberSession session = EmberSession.builder().master("local[2]").getOrCreate()) {
      assertThat(job(session).explainString("simple")).contains("Broadcast");
      local = rows(job(session).collectAsList());
    }
    assertThat(local).hasSize(24_000).isEqualTo(expected());

    try (EmberSession session = EmberSession.builder().master("local-cluster[2,1,512m]")
        .config("ember.network.timeout", "60s").config("ember.executor.heartbeatInterval", "1s").getOrCreate()) {
      AtomicLong fetches = new AtomicLong();
      AtomicLong fetchedBytes = new AtomicLong();
      Map<Integer, AtomicLong> tasksByStage = new ConcurrentHashMap<>();
      Map<Integer, Set<String>> fetchingExecutorsByStage = new ConcurrentHashMap<>();
      session.addJobListener(new JobListener() {
        @Override
        public void onTaskEnd(TaskEndEvent event) {
          tasksByStage.computeIfAbsent(event.stageId(), ignored -> new AtomicLong()).incrementAndGet();
          fetches.addAndGet(event.metrics().broadcastsFetched());
          fetchedBytes.addAndGet(event.metrics().broadcastBytesFetched());
          if (event.metrics().broadcastsFetched() > 0) {
            fetchingExecutorsByStage.computeIfAbsent(event.stageId(), ignored -> ConcurrentHashMap.newKeySet())
                .add(event.executorId());
          }
        }
      });
      for (int run = 1; run <= 2; run++) {
        long fetchesBefore = fetches.get();
        assertThat(rows(job(session).collectAsList())).isEqualTo(local);
        // Eight join tasks over two executors: at most one fetch per executor; a new job fetches again.
        assertThat(fetches.get() - fetchesBefore).as("fetches in job %d", run).isBetween(1L, 2L);
      }
      assertThat(fetchedBytes.get()).isPositive();
      assertThat(fetchingExecutorsByStage).hasSize(2);
      fetchingExecutorsByStage.forEach((stage, executors) -> {
        assertThat(tasksByStage.get(stage).get()).as("tasks of join stage %d", stage).isEqualTo(8);
        assertThat(executors).hasSizeBetween(1, 2);
      });
    }
  }
}
