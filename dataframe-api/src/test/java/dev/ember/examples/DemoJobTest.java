package dev.ember.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.EmberSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo teaches what it is for: narrow and wide in the plan, stage kinds named right, rows moved. */
class DemoJobTest {
  @Test
  void theDemoNamesNarrowAndWideAndEachStageKindWithItsRows() {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (PrintStream printer = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(printer);
      DemoJob.main(new String[] {"20000"});
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);

    assertThat(output).contains("[narrow]  runs inside a task, pipelined").contains("[wide]    an exchange")
        .contains("a new stage starts after it").contains("Reading the plan: ");
    assertThat(output).doesNotContain("a new stage starts at every shuffle");
    List<String> stageLines = output.lines()
        .dropWhile(line -> !line.startsWith("Stages the job ran")).skip(2)
        .takeWhile(line -> !line.isBlank()).toList();
    assertThat(stageLines).extracting(line -> line.trim().split(" +")[1])
        .containsExactly("broadcast", "shuffle-map", "sample", "shuffle-map", "result");
    // The orderBy's input is a few dozen groups: its sample stage is skipped, and the table says why.
    assertThat(stageLines.get(2)).containsPattern("skipped: [0-9,]+ rows fit one partition, no range bounds needed");
    assertThat(output).contains("the orderBy skipped sampling its keys");
    for (String line : stageLines) {
      if (line.contains("skipped")) {
        continue;
      }
      String[] fields = line.trim().split(" +");
      // stage, kind, tasks, parents (may hold ", "), rows read, rows written: the numbers before the description.
      String written = line.replaceAll("^.*?\\s([0-9,]+)\\s+([0-9,]+)\\s+[a-z].*$", "$2");
      assertThat(Long.parseLong(written.replace(",", ""))).as("rows written by %s", fields[1]).isPositive();
    }
    // The filtered orders are the smaller estimated join side (20,000 rows * 0.1 * 1/3): they are
    // broadcast, and the customers are scanned and probed in stage 1.
    assertThat(stageLines.get(0)).as("the orders scan, broadcast").contains("20,000");
  }

  /** {@code --master} picks the master, and the demo says which executor ran each stage's tasks. */
  @Test
  void theMasterFlagChoosesTheMasterAndTheDemoNamesTheExecutorOfEveryTask() {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (PrintStream printer = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(printer);
      DemoJob.main(new String[] {"--master", "local[2]", "3000"});
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    assertThat(output).contains("3000 orders").contains("master local[2]");
    List<String> whereLines = output.lines()
        .dropWhile(line -> !line.startsWith("Where the tasks ran")).skip(1)
        .takeWhile(line -> !line.isBlank()).toList();
    // Five stages, four of them ran tasks: the sample stage was skipped (a few groups fit one partition).
    assertThat(whereLines).hasSize(4);
    // The result stage runs one task per shuffle partition (2 by default here), all on the local executor.
    assertThat(whereLines).allMatch(line -> line.matches("  stage [0-9]+ +executor local: [0-9]+"));
  }

  @Test
  void clusterExecutorsAreNamedWithTheirAddress() {
    DemoJob.StageRecorder recorder = new DemoJob.StageRecorder();
    recorder.onStageCompleted(new dev.ember.core.scheduler.listener.StageCompletedEvent(4, 0, 1, true, null,
        new dev.ember.core.metrics.TaskMetrics(), 10, 0, 0));
    for (String executor : List.of("0", "1", "0")) {
      recorder.onTaskEnd(new dev.ember.core.scheduler.listener.TaskEndEvent(1, 4, 0, 0, 0, executor, true, null,
          new dev.ember.core.metrics.TaskMetrics(), 0, 0, "10.0.0." + executor + ":4040" + executor));
    }
    recorder.onTaskEnd(new dev.ember.core.scheduler.listener.TaskEndEvent(2, 4, 0, 1, 0, "1", false,
        new IllegalStateException("lost"), new dev.ember.core.metrics.TaskMetrics(), 0, 0, "10.0.0.1:40401"));
    assertThatDemoSays(DemoJob.whereTasksRan(recorder),
        "Where the tasks ran (executor: tasks):\n  stage 4   executor 0 (10.0.0.0:40400): 2, executor 1 (10.0.0.1:40401): 1");
  }

  private static void assertThatDemoSays(String actual, String expected) {
    assertThat(actual.replace(System.lineSeparator(), "\n")).isEqualTo(expected);
  }
}
