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
    for (String line : stageLines) {
      String[] fields = line.trim().split(" +");
      // stage, kind, tasks, parents (may hold ", "), rows read, rows written: the numbers before the description.
      String written = line.replaceAll("^.*?\\s([0-9,]+)\\s+([0-9,]+)\\s+[a-z].*$", "$2");
      assertThat(Long.parseLong(written.replace(",", ""))).as("rows written by %s", fields[1]).isPositive();
    }
    // The filtered orders are the smaller estimated join side (20,000 rows * 0.1 * 1/3): they are
    // broadcast, and the customers are scanned and probed in stage 1.
    assertThat(stageLines.get(0)).as("the orders scan, broadcast").contains("20,000");
  }
}
