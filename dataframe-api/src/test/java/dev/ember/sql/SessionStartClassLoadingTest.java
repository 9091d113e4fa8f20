package dev.ember.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local session's start and its first small query leave out the JDK and library set-ups that cost
 * a fresh JVM tens of milliseconds each and that they do not need: SLF4J's binding (nothing is
 * logged), {@link ProcessHandle} (this process's id and start are read from {@code /proc}) and the
 * console (the progress bar is off by default). Proved in a forked JVM whose class loading is logged.
 */
class SessionStartClassLoadingTest {
  private static final List<String> NOT_LOADED =
      List.of("org.slf4j.LoggerFactory", "java.lang.ProcessHandleImpl", "jdk.internal.io.JdkConsoleProvider");

  /**
   * The bootstraps of a record's generated equals, hashCode and toString and of a pattern switch:
   * each spins classes when first linked, tens of milliseconds of a fresh JVM's CPU that the start's
   * threads (the caller, the scheduler, the reclaim scan) would compete for.
   */
  private static final List<String> SPINNING_BOOTSTRAPS =
      List.of("java.lang.runtime.ObjectMethods", "java.lang.runtime.SwitchBootstraps");

  @TempDir
  Path localDirectory;

  /** Runs in the forked JVM: starts a session, prints a mark, runs a query, prints a second mark. */
  public static final class StartAndQuery {
    public static void main(String[] arguments) {
      try (EmberSession session = EmberSession.builder().master("local[2]").config("ember.ui.enabled", "false")
          .config("ember.local.dir", arguments[0]).getOrCreate()) {
        System.out.println("MARK session started");
        // The start's own threads (the scheduler registering executors, the reclaim scan) finish
        // their first work well within this; their class loading is then in the log.
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        System.out.println("MARK settled");
        long rows = session.range(1_000).filter(functions.col("id").gt(functions.lit(10))).groupBy("id").count().count();
        System.out.println("MARK queried " + rows);
      }
    }
  }

  @Test
  void aLocalSessionStartsAndQueriesWithoutLoggingProcessHandlesOrTheConsole() throws Exception {
    List<String> lines = runLoggingClassLoads();
    int started = lines.indexOf("MARK session started");
    int queried = lines.indexOf("MARK queried 989");
    assertThat(lines.indexOf("MARK settled")).as("the start's threads settled").isGreaterThan(started);
    assertThat(started).as("the session started").isPositive();
    assertThat(queried).as("the query ran").isGreaterThan(started);
    List<String> loadedThrough = lines.subList(0, queried);
    assertThat(loadedThrough).as("a class of the start's own classes loads (the log works)")
        .anyMatch(line -> line.contains(" dev.ember.sql.EmberSession "));
    for (String className : NOT_LOADED) {
      assertThat(loadedThrough).as(className).noneMatch(line -> line.contains(" " + className + " "));
    }
    List<String> loadedByTheStart = lines.subList(0, lines.indexOf("MARK settled"));
    for (String className : SPINNING_BOOTSTRAPS) {
      assertThat(loadedByTheStart).as(className).noneMatch(line -> line.contains(" " + className + " "));
    }
  }

  private List<String> runLoggingClassLoads() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xlog:class+load=info:stdout", "-cp", System.getProperty("java.class.path"),
        StartAndQuery.class.getName(), localDirectory.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the forked JVM ends").isTrue();
    assertThat(process.exitValue()).as("exit code of the forked JVM; its output: %s", output).isZero();
    return output.lines().toList();
  }
}
