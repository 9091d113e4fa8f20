package dev.ember.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.JobStartEvent;
import dev.ember.core.testing.EngineHygiene;
import example.callsite.UserProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's description is the same text whether it is made at once (a listener will show it) or
 * later from the stack captured when the action started (nobody looks unless the job fails).
 */
@ExtendWith(EngineHygiene.class)
class JobDescriptionsTest {
  private static final String USER_SITE = "collect at example.callsite.UserProgram.collect(UserProgram.java:"
      + UserProgram.COLLECT_LINE + ")";

  @TempDir
  Path directory;

  @Test
  void aDescriptionMadeLaterEqualsOneMadeAtOnceFromTheSameLine() {
    // Both on one line: the same call site (this class is Ember's, so the first user frame is JUnit's).
    String[] both = {JobDescriptions.describe("count", null), JobDescriptions.describeLater("count", null).get()};
    assertThat(both[1]).isEqualTo(both[0]).startsWith("count at org.junit.");
    String sql = "SELECT  a,\n  b FROM t";
    assertThat(JobDescriptions.describeLater("collect", sql).get())
        .isEqualTo(JobDescriptions.describe("collect", sql)).isEqualTo("collect: SELECT a, b FROM t");
  }

  @Test
  void aDescriptionMadeLaterNamesTheFrameOfItsCaptureNotOfItsReading() {
    Supplier<String> captured = captureHere();
    String readElsewhere = readFromAnotherThread(captured);
    assertThat(readElsewhere).isEqualTo(captured.get()).startsWith("show at org.junit.");
  }

  private static Supplier<String> captureHere() {
    return JobDescriptions.describeLater("show", null);
  }

  private static String readFromAnotherThread(Supplier<String> description) {
    String[] text = new String[1];
    Thread reader = new Thread(() -> text[0] = description.get());
    reader.start();
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return text[0];
  }

  @Test
  void theFirstFrameOutsideEmberAndTheJdkIsTheCallSiteFormattedAsAWalkFormatsIt() {
    StackTraceElement[] frames = {
        new StackTraceElement("dev.ember.sql.QueryExecution", "run", "QueryExecution.java", 80),
        new StackTraceElement("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", null, -1),
        new StackTraceElement("java.lang.reflect.Method", "invoke", "Method.java", 580),
        new StackTraceElement("com.acme.Report", "main", null, -1),
        new StackTraceElement("com.acme.Launcher", "run", "Launcher.java", 9)};
    assertThat(JobDescriptions.callSite(frames)).contains("com.acme.Report.main(Unknown Source)");
    StackTraceElement[] example = {
        new StackTraceElement("dev.ember.sql.DataFrame", "count", "DataFrame.java", 400),
        new StackTraceElement("dev.ember.examples.Demo", "main", "Demo.java", 42)};
    assertThat(JobDescriptions.callSite(example)).contains("dev.ember.examples.Demo.main(Demo.java:42)");
    StackTraceElement[] emberOnly = {new StackTraceElement("dev.ember.sql.DataFrame", "count", "DataFrame.java", 1)};
    assertThat(JobDescriptions.callSite(emberOnly)).isEmpty();
    assertThat(JobDescriptions.callSite(new StackTraceElement[0])).isEmpty();
  }

  @Test
  void aJobRunWithAndWithoutAListenerNamesTheUsersCallSite() throws IOException {
    Path csv = Files.writeString(directory.resolve("numbers.csv"), "x\n1\n2\n3\n");
    try (EmberSession session = EmberSession.builder().master("local[2]").config("ember.ui.enabled", "false")
        .getOrCreate()) {
      DataFrame frame = session.read().option("header", "true").schema("x INT").csv(csv.toString());
      // Nobody listens: the description would be made only if the job failed in a way that names it.
      assertThat(UserProgram.collect(frame)).hasSize(3);

      // A listener: the description is made at once and its event carries the user's call site.
      List<String> started = new CopyOnWriteArrayList<>();
      JobListener listener = new JobListener() {
        @Override
        public void onJobStart(JobStartEvent event) {
          started.add(event.description());
        }
      };
      session.addJobListener(listener);
      assertThat(UserProgram.collect(frame)).hasSize(3);
      session.waitUntilListenerBusEmpty(Duration.ofSeconds(10));
      session.removeJobListener(listener);
      assertThat(started).containsExactly(USER_SITE);
    }
  }
}
