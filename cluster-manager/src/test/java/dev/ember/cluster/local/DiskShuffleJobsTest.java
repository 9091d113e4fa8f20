package dev.ember.cluster.local;

import static dev.ember.cluster.local.Plans.K;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.cluster.ExecutionEngines;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.scheduler.JobFailedException;
import dev.ember.core.scheduler.DagScheduler;
import dev.ember.core.scheduler.JobRunner;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.task.RemoteTaskException;
import dev.ember.core.result.ResultAction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Jobs on the production engine ({@link ExecutionEngines#start}): local mode with the disk shuffle. */
class DiskShuffleJobsTest {
  @TempDir
  Path localDirectory;

  private final List<JobRunner> runners = new ArrayList<>();

  @AfterEach
  void closeAll() {
    runners.forEach(JobRunner::close);
  }

  private JobRunner start(Map<String, String> extra, RecordingListener listener) {
    Map<String, String> settings = new java.util.HashMap<>(extra);
    settings.put(ExecutionEngines.LOCAL_DIR, localDirectory.toString());
    // These tests delete and damage shuffle files: every map output goes to files unless a test says otherwise.
    settings.putIfAbsent(ExecutionEngines.SHUFFLE_IN_MEMORY_OUTPUT_BYTES, "0");
    // The encoded path of executors in other processes (InProcessJobsTest covers local mode's default).
    settings.putIfAbsent(ExecutionEngines.SHUFFLE_IN_PROCESS, "false");
    // Four attempts per task, as the failure tests expect (local[2] alone makes one, as Spark's).
    JobRunner runner = ExecutionEngines.start("local[2,4]", settings);
    listener.listenTo(runner);
    runners.add(runner);
    return runner;
  }

  private static PhysicalPlan hashJob(InMemoryScanExec scan, int reducers) {
    return new ExchangeExec(scan, new Partitioning.Hash(List.of(K), reducers));
  }

  private static List<PartitionResult> collect(JobRunner runner, PhysicalPlan plan) {
    return runner.runJob(plan, new ResultAction.Collect(), "test");
  }

  private List<Path> filesNamed(String name) {
    try (Stream<Path> walk = Files.walk(localDirectory)) {
      return walk.filter(path -> path.getFileName().toString().equals(name)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Path> everything() throws IOException {
    try (Stream<Path> walk = Files.walk(localDirectory)) {
      return walk.filter(path -> !path.equals(localDirectory)).toList();
    }
  }

  /** Damages map 1's data file of shuffle 0 once, right after stage 0 (the map stage) completed. */
  private static JobListener damageOnce(DiskShuffleJobsTest test, boolean delete, AtomicReference<String> problem) {
    return new JobListener() {
      private boolean done;

      @Override
      public void onStageCompleted(StageCompletedEvent event) {
        if (event.stageId() != 0 || done) {
          return;
        }
        done = true;
        List<Path> files = test.filesNamed("shuffle_0_1_0.data");
        if (files.size() != 1) {
          problem.set("expected one data file of map 1, found " + files);
          return;
        }
        try {
          if (delete) {
            Files.delete(files.get(0));
          } else {
            byte[] bytes = Files.readAllBytes(files.get(0));
            for (int i = 20; i < bytes.length; i += 97) {
              bytes[i] ^= 0x5A;
            }
            Files.write(files.get(0), bytes);
          }
        } catch (IOException e) {
          problem.set(e.toString());
        }
      }
    };
  }

  @Test
  void smallMapOutputsStayInMemoryAndMakeNoShuffleFile() throws IOException {
    RecordingListener listener = new RecordingListener();
    JobRunner runner = start(Map.of(ExecutionEngines.SHUFFLE_IN_MEMORY_OUTPUT_BYTES, "1m"), listener);
    List<Path> during = new java.util.concurrent.CopyOnWriteArrayList<>();
    // On the scheduling thread: the files must be seen while the job still runs.
    ((DagScheduler) runner).addSchedulingListener(new JobListener() {
      @Override
      public void onStageCompleted(StageCompletedEvent event) {
        try (Stream<Path> walk = Files.walk(localDirectory)) {
          walk.filter(Files::isRegularFile).forEach(during::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    });
    InMemoryScanExec scan = Plans.scan(4, 3, 1500);
    assertThat(Plans.sorted(Plans.all(collect(runner, hashJob(scan, 3))))).isEqualTo(Plans.sorted(Plans.rows(scan)));
    assertThat(during).as("no file while the job ran").isEmpty();
    assertThat(everything()).noneMatch(Files::isRegularFile);
  }

  @ParameterizedTest(name = "delete={0}")
  @ValueSource(booleans = {true, false})
  void aDeletedOrDamagedShuffleFileMakesTheParentStageRunAgainAndTheAnswerIsRight(boolean delete) {
    RecordingListener listener = new RecordingListener();
    JobRunner runner = start(Map.of(), listener);
    AtomicReference<String> problem = new AtomicReference<>();
    // Fault injection must act before the next stage starts: on the scheduling thread.
    ((DagScheduler) runner).addSchedulingListener(damageOnce(this, delete, problem));
    InMemoryScanExec scan = Plans.scan(4, 3, 1500);
    assertThat(Plans.sorted(Plans.all(collect(runner, hashJob(scan, 3))))).isEqualTo(Plans.sorted(Plans.rows(scan)));
    assertThat(problem.get()).isNull();

    assertThat(listener.of(StageSubmittedEvent.class)).extracting(event -> event.stageId() + "." + event.attempt())
        .containsExactly("0.0", "1.0", "0.1", "1.1");
    List<StageCompletedEvent> completed = listener.of(StageCompletedEvent.class);
    assertThat(completed).extracting(StageCompletedEvent::succeeded).containsExactly(true, false, true, true);
    assertThat(completed.get(1).failure()).contains("shuffle 0 map 1");
    assertThat(listener.of(TaskEndEvent.class).stream().filter(end -> end.stageId() == 0 && end.stageAttempt() == 1))
        .extracting(TaskEndEvent::partition).containsExactly(1);
    assertThat(listener.of(TaskEndEvent.class).stream().filter(end -> !end.succeeded()))
        .isNotEmpty()
        .allSatisfy(end -> {
          RemoteTaskException failure = (RemoteTaskException) end.failure();
          assertThat(failure.originalClassName()).isEqualTo("dev.ember.core.shuffle.FetchFailedException");
          assertThat(failure.getMessage()).contains(delete ? "missing" : "damaged block");
        });
    assertThat(filesNamed("shuffle_0_1_0.data")).as("the job's shuffle files are removed when it ends").isEmpty();
  }

  @ParameterizedTest(name = "compress={0}")
  @ValueSource(strings = {"true", "false"})
  void shuffleMetricsCountWhatWasWrittenAndReadAndTheLocalDirectoryIsEmptyAfterClose(String compress)
      throws IOException {
    RecordingListener listener = new RecordingListener();
    JobRunner runner = start(Map.of(ExecutionEngines.SHUFFLE_COMPRESS, compress), listener);
    InMemoryScanExec scan = Plans.scan(5, 4, 2000);
    long rows = Plans.rows(scan).size();
    // 3 reducers take the bypass path, 100 the sort path.
    assertThat(Plans.sorted(Plans.all(collect(runner, hashJob(scan, 3))))).isEqualTo(Plans.sorted(Plans.rows(scan)));
    assertThat(Plans.sorted(Plans.all(collect(runner, hashJob(scan, 100))))).isEqualTo(Plans.sorted(Plans.rows(scan)));
    List<StageCompletedEvent> completed = listener.of(StageCompletedEvent.class);
    assertThat(completed).hasSize(4);
    for (int job = 0; job < 2; job++) {
      StageCompletedEvent map = completed.get(2 * job);
      StageCompletedEvent reduce = completed.get(2 * job + 1);
      assertThat(map.metrics().shuffleRecordsWritten()).isEqualTo(rows);
      assertThat(map.metrics().shuffleBytesWritten()).isPositive();
      assertThat(reduce.metrics().shuffleRecordsRead()).isEqualTo(rows);
      assertThat(reduce.metrics().shuffleBytesRead()).isEqualTo(map.metrics().shuffleBytesWritten());
    }
    assertThat(everything()).as("only the executor's directory is left between jobs").hasSize(1);
    runner.close();
    assertThat(everything()).isEmpty();
  }

  @Test
  void theLocalDirectoryIsEmptyAfterAFailedJobAndClose() throws IOException {
    RecordingListener listener = new RecordingListener();
    JobRunner runner = start(Map.of("test.ember.failTasks", "1:0:*"), listener);
    InMemoryScanExec scan = Plans.scan(6, 3, 1000);
    assertThatThrownBy(() -> collect(runner, hashJob(scan, 3)))
        .isInstanceOf(JobFailedException.class).hasMessageContaining("failed 4 times");
    assertThat(filesNamed("shuffle_0_0_0.data")).as("the failed job's shuffle files are removed").isEmpty();
    assertThat(everything()).hasSize(1);
    runner.close();
    assertThat(everything()).isEmpty();
  }
}
