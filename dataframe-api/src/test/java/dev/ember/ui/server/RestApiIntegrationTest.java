package dev.ember.ui.server;

import static dev.ember.sql.functions.col;
import static dev.ember.ui.server.Http.array;
import static dev.ember.ui.server.Http.integer;
import static dev.ember.ui.server.Http.json;
import static dev.ember.ui.server.Http.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.catalyst.explain.StageGraph;
import dev.ember.catalyst.explain.StageNode;
import dev.ember.core.testing.EngineHygiene;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import example.callsite.UserProgram;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a multi-stage job (aggregate, then a global sort: map, sample, map and result stages) and
 * reads it back through the REST API with Spark's field names: the job, its stages, their tasks and
 * the executor, checked against the job's stage graph and a plain-Java count.
 */
@ExtendWith(EngineHygiene.class)
class RestApiIntegrationTest {
  private static final int ROWS = 5_000;
  /** More groups than one batch of partial rows reach the sort (4 tasks x 1,250 keys), so it samples: every stage kind runs. */
  private static final int KEYS = 2_000;

  private static EmberSession start(String appName) {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    return EmberSession.builder().appName(appName).master("local[2]")
        .config("ember.ui.port", "0")
        .config("ember.sql.shuffle.partitions", "3")
        .config("ember.sql.autoBroadcastJoinThreshold", "-1")
        .getOrCreate();
  }

  private static DataFrame countsByKey(EmberSession session) {
    return session.range(0, ROWS, 1, 4).withColumn("k", col("id").mod(KEYS)).groupBy("k").count().orderBy("k");
  }

  @Test
  void theRestApiShowsAMultiStageJobWithItsStagesTasksAndExecutor() throws IOException {
    try (EmberSession session = start("rest-test")) {
      DataFrame frame = countsByKey(session);
      StageGraph graph = frame.stages();
      List<Row> rows = UserProgram.collect(frame);
      Map<Long, Long> expected = new TreeMap<>();
      for (long id = 0; id < ROWS; id++) {
        expected.merge(id % KEYS, 1L, Long::sum);
      }
      Map<Long, Long> actual = new TreeMap<>();
      rows.forEach(row -> actual.put(row.getLong(0), row.getLong(1)));
      assertThat(actual).isEqualTo(expected);
      assertThat(session.waitUntilListenerBusEmpty(Duration.ofSeconds(30))).isTrue();

      String api = session.uiWebUrl().orElseThrow() + "/api/v1";
      List<Object> apps = array(json(api + "/applications"));
      assertThat(apps).hasSize(1);
      Map<String, Object> app = object(apps.get(0));
      assertThat(app.get("name")).isEqualTo("rest-test");
      assertThat(app.get("id").toString()).startsWith("local-");
      Map<String, Object> attempt = object(array(app.get("attempts")).get(0));
      assertThat(attempt).containsKeys("startTime", "endTime", "lastUpdated", "duration", "sparkUser", "appSparkVersion");
      assertThat(attempt.get("completed")).isEqualTo(false);
      String appApi = api + "/applications/" + app.get("id");

      List<Object> jobs = array(json(appApi + "/jobs"));
      assertThat(jobs).hasSize(1);
      Map<String, Object> job = object(jobs.get(0));
      assertThat(job).containsKeys("jobId", "name", "submissionTime", "completionTime", "stageIds", "status", "numTasks",
          "numActiveTasks", "numCompletedTasks", "numSkippedTasks", "numFailedTasks", "numActiveStages",
          "numCompletedStages", "numSkippedStages", "numFailedStages");
      assertThat(job.get("status")).isEqualTo("SUCCEEDED");
      assertThat(job.get("name")).isEqualTo(
          "collect at example.callsite.UserProgram.collect(UserProgram.java:" + UserProgram.COLLECT_LINE + ")");
      int expectedTasks = graph.stages().stream().mapToInt(StageNode::partitionCount).sum();
      assertThat(integer(job.get("numTasks"))).isEqualTo(expectedTasks);
      assertThat(integer(job.get("numCompletedTasks"))).isEqualTo(expectedTasks);
      assertThat(integer(job.get("numFailedTasks"))).isZero();
      assertThat(integer(job.get("numActiveTasks"))).isZero();
      assertThat(integer(job.get("numCompletedStages"))).isEqualTo(graph.stages().size());
      List<Object> stageIds = array(job.get("stageIds"));
      assertThat(stageIds).hasSize(graph.stages().size()).hasSizeGreaterThanOrEqualTo(4);
      assertThat(object(json(appApi + "/jobs/" + job.get("jobId")))).isEqualTo(job);

      long shuffleWriteRecords = 0;
      for (int key = 0; key < stageIds.size(); key++) {
        StageNode planned = graph.stage(key);
        List<Object> attempts = array(json(appApi + "/stages/" + stageIds.get(key)));
        assertThat(attempts).as("attempts of stage key %d", key).hasSize(1);
        Map<String, Object> stage = object(attempts.get(0));
        assertThat(stage).containsKeys("status", "stageId", "attemptId", "numTasks", "numCompleteTasks",
            "numFailedTasks", "executorRunTime", "submissionTime", "completionTime", "outputRecords",
            "shuffleReadBytes", "shuffleReadRecords", "shuffleWriteBytes", "shuffleWriteRecords", "memoryBytesSpilled",
            "diskBytesSpilled", "name", "details", "tasks");
        assertThat(stage.get("status")).isEqualTo("COMPLETE");
        assertThat(stage.get("kind")).isEqualTo(planned.kind().name());
        assertThat(integer(stage.get("stageKey"))).isEqualTo(key);
        assertThat(integer(stage.get("numTasks"))).isEqualTo(planned.partitionCount());
        assertThat(integer(stage.get("numCompleteTasks"))).isEqualTo(planned.partitionCount());
        Map<String, Object> tasks = object(stage.get("tasks"));
        assertThat(tasks).hasSize(planned.partitionCount());
        assertThat(tasks.values()).map(Http::object).allSatisfy(task -> {
          assertThat(task).containsKeys("taskId", "index", "attempt", "launchTime", "duration", "executorId", "host",
              "status", "taskMetrics");
          assertThat(task.get("status")).isEqualTo("SUCCESS");
          assertThat(task.get("executorId")).isEqualTo("local");
          assertThat(object(task.get("taskMetrics"))).containsKeys("executorRunTime", "shuffleReadMetrics",
              "shuffleWriteMetrics", "outputMetrics", "memoryBytesSpilled", "diskBytesSpilled");
        });
        assertThat(tasks.values()).map(task -> integer(object(task).get("index")))
            .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, planned.partitionCount()).boxed().toList());
        if (planned.kind() == dev.ember.core.scheduler.listener.StageKind.RESULT) {
          assertThat(((Number) stage.get("outputRecords")).longValue()).isEqualTo(KEYS);
        }
        shuffleWriteRecords += ((Number) stage.get("shuffleWriteRecords")).longValue();
      }
      // Two map stages: the aggregate's partial rows (at most KEYS per input partition), then the groups.
      assertThat(shuffleWriteRecords).isBetween((long) KEYS + KEYS, 4L * KEYS + KEYS);
      assertThat(array(json(appApi + "/stages"))).hasSize(stageIds.size());

      List<Object> executors = array(json(appApi + "/executors"));
      assertThat(executors).hasSize(1);
      Map<String, Object> executor = object(executors.get(0));
      assertThat(executor.get("id")).isEqualTo("local");
      assertThat(executor.get("isActive")).isEqualTo(true);
      assertThat(integer(executor.get("totalCores"))).isEqualTo(2);
      assertThat(integer(executor.get("completedTasks"))).isEqualTo(expectedTasks);
      assertThat(executor).containsKeys("hostPort", "maxMemory", "addTime", "totalShuffleRead", "totalShuffleWrite");

      assertThat(Http.get(appApi + "/jobs/999").status()).isEqualTo(404);
      assertThat(Http.get(appApi + "/stages/abc").status()).isEqualTo(400);
      assertThat(Http.get(api + "/applications/nope/jobs").status()).isEqualTo(404);
    }
  }

  @Test
  void sqlJobsAreNamedByTheirStatementAndCachedDataFramesAreListed() throws IOException {
    try (EmberSession session = start("rest-sql")) {
      countsByKey(session).createOrReplaceTempView("counts");
      List<Row> rows = session.sql("SELECT k,\n   count FROM counts WHERE k > 2").collectAsList();
      assertThat(rows).hasSize(KEYS - 3);
      DataFrame cached = session.range(0, 100, 1, 2).cache();
      assertThat(cached.count()).isEqualTo(100);
      assertThat(session.waitUntilListenerBusEmpty(Duration.ofSeconds(30))).isTrue();
      String appApi = session.uiWebUrl().orElseThrow() + "/api/v1/applications/"
          + object(array(json(session.uiWebUrl().orElseThrow() + "/api/v1/applications")).get(0)).get("id");
      List<Object> jobs = array(json(appApi + "/jobs"));
      assertThat(jobs).map(job -> object(job).get("name"))
          .contains("collect: SELECT k, count FROM counts WHERE k > 2");
      List<Object> cachedFrames = array(json(appApi + "/storage/rdd"));
      assertThat(cachedFrames).hasSize(1);
      assertThat(object(cachedFrames.get(0))).containsEntry("storageLevel", "MEMORY_AND_DISK")
          .containsEntry("numPartitions", 2L).containsKeys("id", "name", "memoryUsed", "diskUsed");
      assertThat(array(json(appApi + "/jobs?status=failed"))).isEmpty();
    }
  }

  @Test
  void stoppingTheSessionClosesTheServerAndADisabledUiStartsNone() throws IOException {
    String url;
    try (EmberSession session = start("rest-stop")) {
      url = session.uiWebUrl().orElseThrow();
      assertThat(Http.get(url + "/jobs/").status()).isEqualTo(200);
    }
    assertThatThrownBy(() -> Http.get(url + "/api/v1/applications")).isInstanceOf(IOException.class);
    try (EmberSession session = EmberSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate()) {
      assertThat(session.uiWebUrl()).isEmpty();
      assertThat(session.range(10).count()).isEqualTo(10);
    }
  }
}
