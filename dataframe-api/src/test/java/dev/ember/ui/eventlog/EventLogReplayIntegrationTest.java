package dev.ember.ui.eventlog;

import static dev.ember.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.EngineHygiene;
import dev.ember.sql.EmberSession;
import dev.ember.ui.api.ApiResponse;
import dev.ember.ui.api.RestApi;
import dev.ember.ui.json.JsonReader;
import dev.ember.ui.status.AppStatusStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session with the event log on runs jobs (one with a task that fails once and is retried);
 * the log replayed into a fresh store must answer the REST API exactly as the live UI did.
 */
@ExtendWith(EngineHygiene.class)
class EventLogReplayIntegrationTest {
  @TempDir
  Path directory;

  private static String get(String url) throws IOException {
    try (InputStream input = URI.create(url).toURL().openStream()) {
      return new String(input.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aReplayedLogAnswersTheRestApiAsTheLiveRunDid() throws IOException {
    Path logs = directory.resolve("events");
    Map<String, String> live = new LinkedHashMap<>();
    String appId;
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    try (EmberSession session = EmberSession.builder().appName("replayed").master("local[2,2]")
        .config("ember.ui.port", "0").config("spark.eventLog.enabled", "true")
        .config("ember.eventLog.dir", logs.toString()).config("ember.sql.shuffle.partitions", "3")
        .config("test.ember.failTasks", "0:1:0").getOrCreate()) {
      // 3 tasks x 2,000 partial rows reach the sort: more than one batch, so it samples and all five stages run.
      assertThat(session.range(0, 6000, 1, 3).withColumn("k", col("id").mod(2000)).groupBy("k").count().orderBy("k")
          .collectAsList()).hasSize(2000);
      assertThat(session.range(0, 100, 1, 2).filter(col("id").gt(10)).count()).isEqualTo(89);
      assertThat(session.waitUntilListenerBusEmpty(Duration.ofSeconds(30))).isTrue();
      String base = session.uiWebUrl().orElseThrow() + RestApi.PREFIX + "/applications/";
      appId = ((Map<?, ?>) ((List<?>) JsonReader.parse(get(session.uiWebUrl().orElseThrow() + RestApi.PREFIX
          + "/applications"))).get(0)).get("id").toString();
      assertThat(Files.exists(logs.resolve(appId + ".jsonl.inprogress"))).isTrue();
      for (String resource : List.of("jobs", "jobs/0", "jobs/1", "stages", "stages/0", "stages/1", "stages/2",
          "stages/3", "stages/4", "stages/0/0", "jobs?status=succeeded")) {
        live.put(resource, get(base + appId + "/" + resource));
      }
    }
    Path log = logs.resolve(appId + ".jsonl");
    assertThat(log).exists();
    assertThat(logs.resolve(appId + ".jsonl.inprogress")).doesNotExist();

    List<AppStatusStore> replayed = EventLogReplay.replayDirectory(logs, 1000, 1000);
    assertThat(replayed).hasSize(1);
    assertThat(replayed.get(0).application().completed()).isTrue();
    RestApi api = new RestApi(() -> replayed);
    for (Map.Entry<String, String> entry : live.entrySet()) {
      String[] pathAndQuery = entry.getKey().split("\\?");
      Map<String, String> query = pathAndQuery.length > 1 ? Map.of("status", pathAndQuery[1].split("=")[1]) : Map.of();
      ApiResponse answer = api.get(RestApi.PREFIX + "/applications/" + appId + "/" + pathAndQuery[0], query);
      assertThat(answer.status()).as(entry.getKey()).isEqualTo(200);
      assertThat(answer.json()).as(entry.getKey()).isEqualTo(entry.getValue());
    }
    // The retried task: its failed first attempt is in the replayed stage as it was live.
    assertThat(live.get("stages/0")).contains("\"status\":\"FAILED\"").contains("injected failure");
    Map<?, ?> executor = (Map<?, ?>) ((List<?>) JsonReader.parse(
        api.get(RestApi.PREFIX + "/applications/" + appId + "/allexecutors", Map.of()).json())).get(0);
    assertThat(executor.get("id")).isEqualTo("local");
    assertThat(executor.get("isActive")).isEqualTo(false);
    assertThat(executor.get("removeReason")).isEqualTo("the application stopped");
  }

  @Test
  void aDamagedLogIsRefusedNamingTheFileAndLine() throws IOException {
    Path log = directory.resolve("app-1.jsonl");
    Files.writeString(log, "{\"Event\":\"ApplicationStart\",\"appId\":\"app-1\",\"appName\":\"a\",\"version\":\"v\",\"time\":1}\n"
        + "{\"Event\":\"JobStart\",\"jobId\":\n");
    assertThatThrownBy(() -> EventLogReplay.replay(log, 10, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("app-1.jsonl line 2");
    Files.writeString(log, "{\"Event\":\"Unknown\"}\n");
    assertThatThrownBy(() -> EventLogReplay.replay(log, 10, 10)).hasMessageContaining("line 1")
        .hasMessageContaining("ApplicationStart");
  }
}
