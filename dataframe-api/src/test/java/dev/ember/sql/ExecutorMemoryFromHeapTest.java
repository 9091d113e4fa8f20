package dev.ember.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.memory.UnifiedMemoryManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * In local mode an unset {@code ember.executor.memory} follows the JVM's max heap, as Spark's local
 * mode does: proved in JVMs forked with a chosen {@code -Xmx}, since the test JVM's own heap is fixed.
 */
class ExecutorMemoryFromHeapTest {

  /** Runs in the forked JVM: prints the heap, the session's executor memory and the engine's unified region. */
  public static final class PrintExecutorMemory {
    public static void main(String[] arguments) {
      try (EmberSession session = EmberSession.builder().master("local[1]").getOrCreate()) {
        // A job proves the session's engine starts with this sizing.
        long rows = session.range(10).count();
        System.out.println(Runtime.getRuntime().maxMemory() + " " + session.conf().get("ember.executor.memory") + " "
            + UnifiedMemoryManager.fromSettings(Map.of()).maxMemory() + " " + rows);
      }
    }
  }

  @Test
  void theDefaultFollowsTheMaxHeapOfTheJvm() throws Exception {
    for (String maxHeap : List.of("768m", "2g")) {
      String[] printed = runWithMaxHeap(maxHeap).trim().split(" ");
      long heap = Long.parseLong(printed[0]);
      long expectedHeap = maxHeap.equals("2g") ? 2048L << 20 : 768L << 20;
      // Runtime.maxMemory() may leave out a survivor space, depending on the collector.
      assertThat(heap).isBetween(expectedHeap * 9 / 10, expectedHeap);
      assertThat(printed[1]).isEqualTo((heap >> 20) + "m");
      long reserve = Math.min(300L << 20, heap / 5);
      assertThat(Long.parseLong(printed[2])).isEqualTo((long) ((heap - reserve) * 0.6));
      assertThat(printed[3]).isEqualTo("10");
    }
  }

  private static String runWithMaxHeap(String maxHeap) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"),
        PrintExecutorMemory.class.getName())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the forked JVM ends").isTrue();
    assertThat(process.exitValue()).as("exit code of the forked JVM; its output: %s", output).isZero();
    return output.lines().reduce((first, second) -> second).orElseThrow();
  }
}
