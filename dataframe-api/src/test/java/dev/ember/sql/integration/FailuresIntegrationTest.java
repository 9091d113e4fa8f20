package dev.ember.sql.integration;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.to_date;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.io.MalformedRecordException;
import dev.ember.core.scheduler.JobFailedException;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.task.InjectedTaskFailureException;
import dev.ember.core.task.RemoteTaskException;
import dev.ember.sql.AnalysisException;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberException;
import dev.ember.sql.EmberSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed jobs as a user sees them: one public {@link EmberException} whose message starts with the
 * root cause, task attempts as Spark counts them (local[N]: 1, local[N,F]: F), deterministic errors
 * never retried, and bad patterns rejected when the DataFrame is built.
 */
@ExtendWith(EngineHygiene.class)
@Tag("integration")
class FailuresIntegrationTest {
  @TempDir
  Path directory;

  private EmberSession session;
  private final List<TaskEndEvent> taskEnds = new CopyOnWriteArrayList<>();

  private EmberSession start(String master, Map<String, String> settings) {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    EmberSession.Builder builder = EmberSession.builder().appName("failures").master(master)
        .config("ember.sql.shuffle.partitions", "2");
    settings.forEach(builder::config);
    session = builder.getOrCreate();
    session.addJobListener(new JobListener() {
      @Override
      public void onTaskEnd(TaskEndEvent event) {
        taskEnds.add(event);
      }
    });
    return session;
  }

  @AfterEach
  void stop() {
    if (session != null) {
      session.stop();
    }
  }

  private List<Integer> failedAttemptsOf(int stageId, int partition) {
    assertThat(session.waitUntilListenerBusEmpty(java.time.Duration.ofSeconds(30))).isTrue();
    return taskEnds.stream()
        .filter(end -> end.stageId() == stageId && end.partition() == partition && !end.succeeded())
        .map(TaskEndEvent::attempt).toList();
  }

  @Test
  void aFailFastRecordFailsAtOnceWithTheFileLineAndValueFirst() throws IOException {
    Path csv = directory.resolve("bad.csv");
    Files.writeString(csv, "id,n\n1,10\n2,oops\n");
    // Four attempts allowed: the malformed record must still be tried only once.
    start("local[1,4]", Map.of());
    DataFrame failFast = session.read().option("header", "true").option("mode", "FAILFAST")
        .schema("id INT, n INT").csv(csv.toString());

    assertThatThrownBy(failFast::collectAsList)
        .isInstanceOfSatisfying(EmberException.class, error -> {
          assertThat(error.getMessage()).startsWith("Malformed CSV record in file:" + csv.toAbsolutePath() + " line 3");
          assertThat(error.getMessage()).contains("column \"n\"").contains("oops");
          assertThat(error.rootCauseClassName()).isEqualTo(MalformedRecordException.class.getName());
        })
        .cause().isInstanceOf(JobFailedException.class)
        .hasMessageContaining("does not go away on retry")
        .cause().isInstanceOfSatisfying(RemoteTaskException.class,
            remote -> assertThat(remote.originalClassName()).isEqualTo(MalformedRecordException.class.getName()));
    assertThat(session.waitUntilListenerBusEmpty(java.time.Duration.ofSeconds(30))).isTrue();
    assertThat(taskEnds).filteredOn(end -> !end.succeeded()).extracting(TaskEndEvent::attempt).containsExactly(0);
  }

  @Test
  void localNMakesOneAttemptAsSpark() {
    start("local[2]", Map.of("test.ember.failTasks", "0:1:*", "ember.task.maxFailures", "4"));
    assertThatThrownBy(() -> session.range(0, 100, 1, 2).count())
        .isInstanceOfSatisfying(EmberException.class, error -> {
          assertThat(error.getMessage()).startsWith("injected failure of stage 0 partition 1 attempt 0");
          assertThat(error.getMessage()).contains("failed 1 times");
          assertThat(error.rootCauseClassName()).isEqualTo(InjectedTaskFailureException.class.getName());
        });
    assertThat(failedAttemptsOf(0, 1)).containsExactly(0);
  }

  @Test
  void localNfMakesFAttempts() {
    start("local[2,3]", Map.of("test.ember.failTasks", "0:1:*"));
    assertThatThrownBy(() -> session.range(0, 100, 1, 2).count())
        .isInstanceOf(EmberException.class).hasMessageContaining("failed 3 times");
    assertThat(failedAttemptsOf(0, 1)).containsExactly(0, 1, 2);
  }

  @Test
  void aTransientFailureUnderLocalNfIsRetriedAndTheJobSucceeds() {
    start("local[2,2]", Map.of("test.ember.failTasks", "0:1:0"));
    assertThat(session.range(0, 100, 1, 2).count()).isEqualTo(100L);
    assertThat(failedAttemptsOf(0, 1)).containsExactly(0);
  }

  @Test
  void anInvalidToDatePatternFailsWhenTheDataFrameIsBuilt() {
    start("local[1]", Map.of());
    DataFrame strings = session.range(3).select(col("id").cast("string").as("s"));
    assertThatThrownBy(() -> strings.select(to_date(col("s"), "yyyy-MM-dd HHH")))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("'yyyy-MM-dd HHH'")
        .hasMessageContaining("is not a valid datetime pattern")
        .hasMessageContaining("Too many pattern letters: H");
    assertThatThrownBy(() -> strings.select(to_date(col("s"), "yyyy-MM-dd 'at")))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("'yyyy-MM-dd 'at'");
    assertThat(taskEnds).as("no job ran").isEmpty();
    // A valid pattern still builds and runs.
    assertThat(strings.select(to_date(col("s"), "yyyy-MM-dd")).count()).isEqualTo(3L);
  }
}
