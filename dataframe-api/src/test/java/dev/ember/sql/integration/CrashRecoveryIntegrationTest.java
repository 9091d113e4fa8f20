package dev.ember.sql.integration;

import static dev.ember.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.JobStartEvent;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.sql.EmberSession;
import dev.ember.sql.SessionInternals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL in the middle of a spilling job and an overwrite leaves its session
 * folder and a staging folder behind; the next session and the next write reclaim them, and the old
 * output stays as it was.
 */
@ExtendWith(EngineHygiene.class)
@Tag("integration")
class CrashRecoveryIntegrationTest {
  private static final long OLD_ROWS = 1_000;

  @TempDir Path directory;

  @Test
  void theNextSessionAndWriteReclaimWhatAKilledProcessLeftAndTheOldOutputIsIntact() throws Exception {
    Path localDirectory = directory.resolve("local");
    Path output = directory.resolve("output");
    try (EmberSession session = session(localDirectory)) {
      session.range(OLD_ROWS).write().csv(output.toString());
    }
    assertThat(entries(localDirectory)).as("a stopped session leaves nothing").isEmpty();

    Path ready = directory.resolve("ready");
    Process child = new ProcessBuilder(javaCommand(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        SpillAndOverwrite.class.getName(), localDirectory.toString(), output.toString(), ready.toString())
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("child.log").toFile())
        .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (!Files.exists(ready) && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(ready).as("the child reached the middle of its overwrite; its log:%n%s", log()).exists();
      assertThat(Long.parseLong(Files.readString(ready))).as("the child's sort spilled").isPositive();
    } finally {
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
      child.waitFor(30, TimeUnit.SECONDS);
    }

    assertThat(entries(localDirectory)).as("the killed session's folder, with shuffle files")
        .singleElement().satisfies(folder -> assertThat(filesUnder(folder)).isNotEmpty());
    assertThat(entries(directory)).as("a staging folder beside the output")
        .anyMatch(path -> path.getFileName().toString().startsWith(".output.ember-staging-"));

    try (EmberSession session = session(localDirectory)) {
      // The start reclaims beside itself, on a thread of the session: the check waits for it.
      assertThat(SessionInternals.awaitFolderReclaim(session, Duration.ofSeconds(30))).isTrue();
      assertThat(entries(localDirectory)).as("only the new session's folder").singleElement()
          .satisfies(folder -> assertThat(folder.getFileName().toString())
              .startsWith("ember-p" + ProcessHandle.current().pid() + "s"));
      assertThat(session.read().csv(output.toString()).count()).as("the old output is intact").isEqualTo(OLD_ROWS);

      session.range(10).write().mode("overwrite").csv(output.toString());

      assertThat(entries(directory)).extracting(path -> path.getFileName().toString())
          .as("nothing beside the output").containsExactlyInAnyOrder("local", "output", "ready", "child.log");
      assertThat(session.read().csv(output.toString()).count()).isEqualTo(10L);
    }
    assertThat(entries(localDirectory)).isEmpty();
  }

  private String log() throws IOException {
    Path log = directory.resolve("child.log");
    return Files.exists(log) ? Files.readString(log) : "(none)";
  }

  private static EmberSession session(Path localDirectory) {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    return EmberSession.builder().appName("crash-recovery").master("local[2]")
        .config("ember.local.dir", localDirectory.toString())
        .config("ember.sql.shuffle.partitions", "4")
        .getOrCreate();
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static List<Path> entries(Path folder) throws IOException {
    try (Stream<Path> listing = Files.list(folder)) {
      return listing.toList();
    }
  }

  private static List<Path> filesUnder(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  /**
   * The child process: a sort that spills under a small executor memory, written over the old
   * output; after the first part file is in the staging folder it signals the parent and waits to
   * be killed.
   */
  public static final class SpillAndOverwrite {
    private SpillAndOverwrite() {}

    public static void main(String[] arguments) throws Exception {
      Path localDirectory = Path.of(arguments[0]);
      String output = arguments[1];
      Path ready = Path.of(arguments[2]);
      EmberSession session = EmberSession.builder().appName("killed").master("local[2]")
          .config("ember.local.dir", localDirectory.toString())
          .config("ember.executor.memory", "64m")
          .config("ember.shuffle.inMemoryOutputBytes", "0")
          // The crash must leave shuffle files behind: through files, as executors of other processes shuffle.
          .config("ember.shuffle.inProcess", "false")
          .config("ember.sql.shuffle.partitions", "4")
          .getOrCreate();
      // The listener holds the job (sleeps in its last stage), so it runs on the scheduling thread.
      dev.ember.sql.SessionInternals.addSchedulingListener(session, new JobListener() {
        private volatile int resultStage = -1;
        private final java.util.concurrent.atomic.AtomicLong spills = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void onJobStart(JobStartEvent event) {
          if (event.description().startsWith("save csv")) {
            resultStage = event.stageIds().get(event.stageIds().size() - 1);
          }
        }

        @Override
        public void onTaskEnd(TaskEndEvent event) {
          spills.addAndGet(event.metrics().spillCount());
          if (event.stageId() == resultStage && event.succeeded()) {
            try {
              // Written to a temporary name first: the parent must never read a half-written count.
              Path counting = Path.of(ready + ".tmp");
              Files.writeString(counting, Long.toString(spills.get()));
              Files.move(counting, ready);
              Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            } catch (IOException | InterruptedException e) {
              throw new IllegalStateException(e);
            }
          }
        }
      });
      session.range(0, 2_000_000, 1, 4)
          .withColumn("key", col("id").multiply(7919).mod(1_000_003))
          .withColumn("text", col("id").cast("string"))
          .orderBy(col("key"))
          .write().mode("overwrite").csv(output);
      System.err.println("the write finished: the parent should have killed this process");
      System.exit(3);
    }
  }
}
