package dev.ember.ui.server;

import static dev.ember.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.EngineHygiene;
import dev.ember.sql.EmberSession;
import dev.ember.ui.api.RestApi;
import dev.ember.ui.eventlog.EventLogDirectory;
import dev.ember.ui.status.AppStatusStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history server rescans its directory: an application that starts, runs and finishes after
 * the server started shows up running, then completed, without a restart; the directory scan
 * replays only the logs that changed, leaves out damaged ones and tolerates the unfinished last
 * line of a running application's log.
 */
@ExtendWith(EngineHygiene.class)
class HistoryServerTest {
  private static final String START = "{\"Event\":\"ApplicationStart\",\"appId\":\"%s\",\"appName\":\"a\","
      + "\"version\":\"v\",\"time\":%d}\n";
  private static final String END = "{\"Event\":\"ApplicationEnd\",\"time\":%d}\n";

  @TempDir
  Path directory;

  private static List<Object> applications(HistoryServer server) throws IOException {
    return Http.array(Http.json(server.url() + RestApi.PREFIX + "/applications"));
  }

  /** Polls until the server's applications satisfy {@code condition} (the refresh runs every 100 ms). */
  private static List<Object> awaitApplications(HistoryServer server, Predicate<List<Object>> condition)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<Object> apps = applications(server);
    while (!condition.test(apps) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      apps = applications(server);
    }
    return apps;
  }

  private static boolean completed(Object app) {
    return (Boolean) Http.object(Http.array(Http.object(app).get("attempts")).get(0)).get("completed");
  }

  @Test
  void applicationsThatStartRunAndFinishAfterTheServerStartedAppearWithoutARestart() throws Exception {
    Path logs = Files.createDirectories(directory.resolve("events"));
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    try (HistoryServer server = HistoryServer.start(logs, 0, Duration.ofMillis(100))) {
      assertThat(applications(server)).isEmpty();
      String appId;
      try (EmberSession session = EmberSession.builder().appName("watched").master("local[2]")
          .config("ember.ui.enabled", "false").config("ember.eventLog.enabled", "true")
          .config("ember.eventLog.dir", logs.toString()).getOrCreate()) {
        assertThat(session.range(0, 1000, 1, 2).filter(col("id").gt(10)).count()).isEqualTo(989);
        assertThat(session.waitUntilListenerBusEmpty(Duration.ofSeconds(30))).isTrue();
        List<Object> running = awaitApplications(server, apps -> apps.size() == 1);
        assertThat(running).hasSize(1);
        assertThat(completed(running.get(0))).as("the application still runs").isFalse();
        appId = Http.object(running.get(0)).get("id").toString();
        // The log is flushed at the job's end; a scan may have read it before: a later scan sees the job.
        String jobs = server.url() + RestApi.PREFIX + "/applications/" + appId + "/jobs";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Http.array(Http.json(jobs)).isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(Http.array(Http.json(jobs))).hasSize(1);
      }
      List<Object> finished = awaitApplications(server, apps -> apps.size() == 1 && completed(apps.get(0)));
      assertThat(completed(finished.get(0))).isTrue();
      assertThat(Http.object(finished.get(0)).get("id")).isEqualTo(appId);

      try (EmberSession second = EmberSession.builder().appName("second").master("local[1]")
          .config("ember.ui.enabled", "false").config("ember.eventLog.enabled", "true")
          .config("ember.eventLog.dir", logs.toString()).getOrCreate()) {
        assertThat(second.range(0, 10).count()).isEqualTo(10);
      }
      List<Object> both = awaitApplications(server, apps -> apps.size() == 2 && apps.stream().allMatch(HistoryServerTest::completed));
      assertThat(both).hasSize(2);
      assertThat(Http.get(server.url() + "/").body()).contains("/history/" + appId + "/jobs/");
    }
  }

  @Test
  void aScanReplaysOnlyChangedLogsDropsRemovedOnesAndLeavesOutDamagedOnes() throws IOException {
    Path finished = directory.resolve("app-1.jsonl");
    Files.writeString(finished, START.formatted("app-1", 1) + END.formatted(5));
    Path running = directory.resolve("app-2.jsonl.inprogress");
    // A running application's log whose last line is still being written.
    Files.writeString(running, START.formatted("app-2", 2) + "{\"Event\":\"JobSt");
    Path damaged = directory.resolve("app-3.jsonl");
    Files.writeString(damaged, START.formatted("app-3", 3) + "{\"Event\":\"JobSt\n" + END.formatted(7));
    EventLogDirectory logs = new EventLogDirectory(directory, 100, 100);

    List<AppStatusStore> first = logs.refresh();
    assertThat(first).extracting(store -> store.application().id()).containsExactly("app-1", "app-2");
    assertThat(first.get(1).application().completed()).isFalse();

    List<AppStatusStore> again = logs.refresh();
    assertThat(again.get(0)).as("an unchanged log keeps its store").isSameAs(first.get(0));

    // app-2 finishes: its log is renamed; app-1's log is removed.
    Files.writeString(running, "art\",\"jobId\":0,\"description\":\"d\",\"stageIds\":[],\"time\":3}\n" + END.formatted(9),
        java.nio.file.StandardOpenOption.APPEND);
    Files.move(running, directory.resolve("app-2.jsonl"));
    Files.delete(finished);
    List<AppStatusStore> later = logs.refresh();
    assertThat(later).extracting(store -> store.application().id()).containsExactly("app-2");
    assertThat(later.get(0).application().completed()).isTrue();
    assertThat(later.get(0).jobs()).hasSize(1);
  }

  @Test
  void theUpdateIntervalIsReadFromEmbersKeyOrSparksWithSecondsByDefault() {
    assertThat(HistoryServer.updateInterval(Map.of())).isEqualTo(Duration.ofSeconds(10));
    assertThat(HistoryServer.updateInterval(Map.of("spark.history.fs.update.interval", "30"))).isEqualTo(Duration.ofSeconds(30));
    assertThat(HistoryServer.updateInterval(Map.of("ember.history.fs.update.interval", "500ms",
        "spark.history.fs.update.interval", "30s"))).isEqualTo(Duration.ofMillis(500));
    assertThatThrownBy(() -> HistoryServer.updateInterval(Map.of("ember.history.fs.update.interval", "soon")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ember.history.fs.update.interval");
  }
}
