package dev.ember.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's proof: in a forked JVM with a 96 MB heap, a sort, an aggregation with many distinct
 * keys and a join each read about 11 times the 8 MB execution budget (about 90 MB of generated
 * rows each) and finish with results equal to a streaming reference, spill metrics above zero and
 * no OutOfMemoryError ({@link OutOfCoreMain} does the work and checks).
 */
class OutOfCoreForkedTest {
  private static final long BUDGET = 8L << 20;

  @TempDir
  Path directory;

  @Test
  void sortAggregateAndJoinOfTenTimesTheMemoryFinishInASmallHeap() throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Path spill = directory.resolve("spill");
    Path log = directory.resolve("output.txt");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx96m", "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), OutOfCoreMain.class.getName(), spill.toString(),
        Long.toString(BUDGET)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean ended = process.waitFor(150, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly().waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    // Kept in the test's output file: the spill counts and peak memory of each operator.
    System.out.println(output);

    assertThat(ended).as("finished in time; output:%n%s", output).isTrue();
    assertThat(output).doesNotContain("OutOfMemoryError");
    assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
    assertThat(output).contains("OK sort", "OK aggregate", "OK join", "OK all");
  }
}
