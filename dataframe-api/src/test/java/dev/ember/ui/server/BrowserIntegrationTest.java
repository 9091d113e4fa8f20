package dev.ember.ui.server;

import static dev.ember.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ember.catalyst.explain.StageGraph;
import dev.ember.catalyst.explain.StageNode;
import dev.ember.core.scheduler.listener.StageKind;
import dev.ember.core.testing.EngineHygiene;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Loads the live web UI in headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs
 * it): the jobs page must list the job, the job's page must draw as many stage boxes and shuffle
 * edges as the job's stage graph has. Screenshots go to {@code target/ui-screenshots/}. Skipped,
 * saying so, where Chromium is not installed.
 */
@ExtendWith(EngineHygiene.class)
class BrowserIntegrationTest {
  private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

  private static String chromium() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return null;
  }

  /** Runs Chromium headless with {@code arguments} then {@code url}; returns its stdout. */
  private static String run(String browser, List<String> arguments, String url) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars", "--virtual-time-budget=4000"));
    command.addAll(arguments);
    command.add(url);
    Path errors = Files.createTempFile("chromium", ".log");
    try {
      Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
      byte[] output;
      try (var input = process.getInputStream()) {
        output = input.readAllBytes();
      }
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("chromium did not finish within 120 s: " + command);
      }
      return new String(output, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(errors);
    }
  }

  private static int count(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  @Test
  void theJobsPageListsTheJobAndItsDagShowsEveryStageAndShuffle() throws Exception {
    String browser = chromium();
    assumeTrue(browser != null, "Chromium is not installed (apt-get install -y chromium; .ci/run does): browser test skipped");
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    try (EmberSession session = EmberSession.builder().appName("browser-test").master("local[2]")
        .config("ember.ui.port", "0").config("ember.sql.shuffle.partitions", "3")
        .config("ember.sql.autoBroadcastJoinThreshold", "-1").getOrCreate()) {
      DataFrame left = session.range(0, 2000, 1, 3).withColumn("k", col("id").mod(10));
      DataFrame right = session.range(0, 10, 1, 2).withColumnRenamed("id", "k2");
      DataFrame frame = left.join(right, col("k").equalTo(col("k2"))).groupBy("k").count().orderBy("k");
      StageGraph graph = frame.stages();
      assertThat(frame.collectAsList()).hasSize(10);
      assertThat(session.waitUntilListenerBusEmpty(Duration.ofSeconds(30))).isTrue();
      int shuffleEdges = 0;
      for (StageNode stage : graph.stages()) {
        for (int parent : stage.parents()) {
          if (graph.stage(parent).kind() == StageKind.SHUFFLE_MAP) {
            shuffleEdges++;
          }
        }
      }
      assertThat(shuffleEdges).isGreaterThanOrEqualTo(3);
      String url = session.uiWebUrl().orElseThrow();
      Files.createDirectories(SCREENSHOTS);

      String jobs = run(browser, List.of("--dump-dom"), url + "/jobs/");
      assertThat(count(jobs, "<tr class=\"job succeeded\" data-job-id=\"0\"")).as(jobs).isEqualTo(1);
      assertThat(jobs).contains("collect at ");

      String dag = run(browser, List.of("--dump-dom"), url + "/jobs/job/?id=0");
      assertThat(count(dag, "<g class=\"stage [a-z]*\" data-stage-key=")).as("stage boxes").isEqualTo(graph.stages().size());
      assertThat(count(dag, "<g class=\"edge shuffle\"")).as("shuffle edges").isEqualTo(shuffleEdges);
      assertThat(count(dag, "<g class=\"stage complete\"")).as("stages drawn complete").isEqualTo(graph.stages().size());
      assertThat(dag).contains("Legend");

      for (String[] shot : new String[][] {{"jobs.png", "/jobs/"}, {"job-dag.png", "/jobs/job/?id=0"},
          {"stage.png", "/stages/stage/?id=" + (graph.stages().size() - 1)}, {"executors.png", "/executors/"}}) {
        Path file = SCREENSHOTS.resolve(shot[0]).toAbsolutePath();
        Files.deleteIfExists(file);
        run(browser, List.of("--screenshot=" + file, "--window-size=1400,1100"), url + shot[1]);
        assertThat(file).as("screenshot " + shot[0]).exists();
        assertThat(Files.size(file)).isGreaterThan(1000);
      }
    }
  }
}
