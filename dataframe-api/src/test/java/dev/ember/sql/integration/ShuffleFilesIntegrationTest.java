package dev.ember.sql.integration;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.scheduler.JobFailedException;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberException;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk shuffle seen from a session: shuffle files live under {@code ember.local.dir}, a lost
 * one is recomputed from lineage, and nothing is left there after {@code stop()}.
 */
@ExtendWith(EngineHygiene.class)
class ShuffleFilesIntegrationTest {
  private static final long ROWS = 20_000;
  private static final int KEYS = 97;

  @TempDir
  Path localDirectory;

  private EmberSession session;

  @AfterEach
  void stop() {
    if (session != null) {
      session.stop();
    }
  }

  private EmberSession start(Map<String, String> settings) {
    return start("local[2]", settings);
  }

  private EmberSession start(String master, Map<String, String> settings) {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    EmberSession.Builder builder = EmberSession.builder().appName("shuffle-files").master(master)
        .config("ember.sql.shuffle.partitions", "3")
        .config("ember.local.dir", localDirectory.toString())
        // These tests look at, delete and damage shuffle files: no map output stays in memory.
        .config("ember.shuffle.inMemoryOutputBytes", "0")
        .config("ember.shuffle.inProcess", "false");
    settings.forEach(builder::config);
    session = builder.getOrCreate();
    return session;
  }

  private static DataFrame sumsByKey(EmberSession session) {
    return session.range(0, ROWS, 1, 4)
        .withColumn("key", col("id").mod(lit(KEYS)))
        .groupBy(col("key"))
        .agg(count(col("id")).as("n"), sum(col("id")).as("total"));
  }

  private static Map<Long, List<Long>> actual(List<Row> rows) {
    Map<Long, List<Long>> result = new TreeMap<>();
    for (Row row : rows) {
      result.put(row.getLong(0), List.of(row.getLong(1), row.getLong(2)));
    }
    return result;
  }

  private static Map<Long, List<Long>> expected() {
    Map<Long, List<Long>> result = new TreeMap<>();
    for (long key = 0; key < KEYS; key++) {
      long n = 0;
      long total = 0;
      for (long id = key; id < ROWS; id += KEYS) {
        n++;
        total += id;
      }
      result.put(key, List.of(n, total));
    }
    return result;
  }

  private List<Path> files(String suffix) {
    try (Stream<Path> walk = Files.walk(localDirectory)) {
      return walk.filter(path -> path.getFileName().toString().endsWith(suffix)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Path> everything() throws IOException {
    try (Stream<Path> walk = Files.walk(localDirectory)) {
      return walk.filter(path -> !path.equals(localDirectory)).toList();
    }
  }

  @Test
  void aDeletedShuffleDataFileIsRecomputedAndTheAnswerIsRight() throws IOException {
    EmberSession session = start(Map.of());
    List<StageSubmittedEvent> submitted = Collections.synchronizedList(new ArrayList<>());
    List<String> deleted = Collections.synchronizedList(new ArrayList<>());
    // Fault injection must act before the next stage starts: on the scheduling thread.
    dev.ember.sql.SessionInternals.addSchedulingListener(session, new JobListener() {
      @Override
      public void onStageSubmitted(StageSubmittedEvent event) {
        submitted.add(event);
      }

      @Override
      public void onStageCompleted(StageCompletedEvent event) {
        if (deleted.isEmpty() && event.succeeded()) {
          // The first stage to complete is the map stage: lose map 1's data file.
          for (Path file : files("_1_0.data")) {
            try {
              Files.delete(file);
              deleted.add(file.getFileName().toString());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        }
      }
    });

    assertThat(actual(sumsByKey(session).collectAsList())).isEqualTo(expected());

    assertThat(deleted).hasSize(1);
    int mapStage = submitted.get(0).stageId();
    assertThat(submitted.stream().filter(event -> event.stageId() == mapStage))
        .as("the map stage ran again").extracting(StageSubmittedEvent::attempt).containsExactly(0, 1);
    assertThat(files(".data")).as("the job's shuffle files are gone once it ended").isEmpty();
    session.stop();
    assertThat(everything()).isEmpty();
  }

  @Test
  void theLocalDirectoryIsEmptyAfterStopAlsoAfterAFailedJob() throws IOException {
    EmberSession session = start("local[2,2]", Map.of("test.ember.failTasks", "1:*:*"));
    // Stage 1 is the first job's reduce stage: that job fails after its map stage wrote files.
    assertThatThrownBy(() -> sumsByKey(session).collectAsList()).isInstanceOf(EmberException.class).cause().isInstanceOf(JobFailedException.class);
    assertThat(files(".data")).isEmpty();
    assertThat(actual(sumsByKey(session).collectAsList())).isEqualTo(expected());
    session.stop();
    assertThat(everything()).isEmpty();
  }
}
