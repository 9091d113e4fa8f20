package dev.ember.cluster.local;

import static dev.ember.cluster.local.Plans.K;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.result.ResultAction;
import dev.ember.core.scheduler.DagScheduler;
import dev.ember.core.scheduler.JobFailedException;
import dev.ember.core.scheduler.JobRunner;
import dev.ember.core.scheduler.SchedulerSettings;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.shuffle.sort.DiskShuffleManager;
import dev.ember.shuffle.sort.DiskShuffleSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode's default exchange, end to end: map outputs held as batches while the job runs (no
 * file), their storage memory released when the job ends (succeeded or failed), a lost held output
 * recomputed from lineage, and under a small memory budget the same answers through files.
 */
class InProcessJobsTest {
  @TempDir
  Path localDirectory;

  private final List<JobRunner> runners = new ArrayList<>();
  private DiskShuffleManager shuffle;

  @AfterEach
  void closeAll() {
    runners.forEach(JobRunner::close);
    if (shuffle != null) {
      assertThat(shuffle.heldMemory().storageUsed()).as("storage memory after close").isZero();
      assertThat(shuffle.heldMemory().executionUsed()).as("execution memory after close").isZero();
    }
  }

  private DagScheduler start(long memoryBytes, Map<String, String> settings, RecordingListener listener) {
    shuffle = DiskShuffleManager.inProcess(LocalBackend.EXECUTOR_ID, DiskShuffleSettings.defaults(localDirectory),
        root -> UnifiedMemoryManager.forExecution(memoryBytes, root.resolve("spill")));
    DagScheduler runner = new DagScheduler(new LocalBackend(2, shuffle, shuffle.heldMemory()),
        SchedulerSettings.from(settings).withMaxTaskFailures(4));
    runner.addSchedulingListener(listener);
    runners.add(runner);
    return runner;
  }

  private static PhysicalPlan hashJob(InMemoryScanExec scan, int reducers) {
    return new ExchangeExec(scan, new Partitioning.Hash(List.of(K), reducers));
  }

  private static List<PartitionResult> collect(JobRunner runner, PhysicalPlan plan) {
    return runner.runJob(plan, new ResultAction.Collect(), "test");
  }

  private List<Path> regularFiles() {
    try (Stream<Path> walk = Files.walk(localDirectory)) {
      return walk.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void mapOutputsAreHeldAsBatchesWhileTheJobRunsAndReleasedWhenItEnds() {
    RecordingListener listener = new RecordingListener();
    DagScheduler runner = start(256L << 20, Map.of(), listener);
    List<Long> storageAfterMaps = new CopyOnWriteArrayList<>();
    List<Boolean> heldAfterMaps = new CopyOnWriteArrayList<>();
    List<Path> filesAfterMaps = new CopyOnWriteArrayList<>();
    runner.addSchedulingListener(new JobListener() {
      @Override
      public void onStageCompleted(StageCompletedEvent event) {
        if (event.stageId() == 0) {
          storageAfterMaps.add(shuffle.heldMemory().storageUsed());
          for (int map = 0; map < 4; map++) {
            heldAfterMaps.add(shuffle.isHeld(0, map));
          }
          filesAfterMaps.addAll(regularFiles());
        }
      }
    });
    InMemoryScanExec scan = Plans.scan(11, 4, 3000);
    assertThat(Plans.sorted(Plans.all(collect(runner, hashJob(scan, 5))))).isEqualTo(Plans.sorted(Plans.rows(scan)));
    assertThat(storageAfterMaps).singleElement().satisfies(bytes -> assertThat(bytes).isPositive());
    assertThat(heldAfterMaps).containsOnly(true).hasSize(4);
    assertThat(filesAfterMaps).as("no shuffle file in local mode").isEmpty();
    List<StageCompletedEvent> completed = listener.of(StageCompletedEvent.class);
    assertThat(completed.get(1).metrics().shuffleBytesRead()).isEqualTo(completed.get(0).metrics().shuffleBytesWritten());
    assertThat(completed.get(1).metrics().shuffleRecordsRead()).isEqualTo(Plans.rows(scan).size());

    assertThat(shuffle.heldMemory().storageUsed()).as("released at job end").isZero();
    assertThat(shuffle.shuffleIds()).isEmpty();
  }

  @Test
  void aLostHeldOutputIsRecomputedFromLineage() {
    RecordingListener listener = new RecordingListener();
    DagScheduler runner = start(256L << 20, Map.of(), listener);
    runner.addSchedulingListener(new JobListener() {
      private boolean done;

      @Override
      public void onStageCompleted(StageCompletedEvent event) {
        if (event.stageId() == 0 && !done) {
          done = true;
          assertThat(shuffle.removeMapOutput(0, 1)).isTrue();
        }
      }
    });
    InMemoryScanExec scan = Plans.scan(12, 3, 2000);
    assertThat(Plans.sorted(Plans.all(collect(runner, hashJob(scan, 3))))).isEqualTo(Plans.sorted(Plans.rows(scan)));
    assertThat(listener.of(StageSubmittedEvent.class)).extracting(event -> event.stageId() + "." + event.attempt())
        .containsExactly("0.0", "1.0", "0.1", "1.1");
    assertThat(shuffle.heldMemory().storageUsed()).isZero();
  }

  @Test
  void aFailedJobLeavesNoHeldOutputAndNoReservedMemory() {
    RecordingListener listener = new RecordingListener();
    DagScheduler runner = start(256L << 20, Map.of("test.ember.failTasks", "1:0:*"), listener);
    InMemoryScanExec scan = Plans.scan(13, 3, 1000);
    assertThatThrownBy(() -> collect(runner, hashJob(scan, 3)))
        .isInstanceOf(JobFailedException.class).hasMessageContaining("failed 4 times");
    assertThat(shuffle.heldMemory().storageUsed()).isZero();
    assertThat(shuffle.heldMemory().executionUsed()).isZero();
    assertThat(shuffle.shuffleIds()).isEmpty();
    assertThat(regularFiles()).isEmpty();
  }

  @Test
  void underASmallBudgetMapOutputsGoToFilesAndTheAnswerIsTheSame() {
    RecordingListener listener = new RecordingListener();
    DagScheduler runner = start(96L << 10, Map.of(), listener);
    List<Path> filesAfterMaps = new CopyOnWriteArrayList<>();
    runner.addSchedulingListener(new JobListener() {
      @Override
      public void onStageCompleted(StageCompletedEvent event) {
        if (event.stageId() == 0) {
          filesAfterMaps.addAll(regularFiles());
        }
      }
    });
    InMemoryScanExec scan = Plans.scan(14, 4, 20_000);
    assertThat(Plans.sorted(Plans.all(collect(runner, hashJob(scan, 4))))).isEqualTo(Plans.sorted(Plans.rows(scan)));
    assertThat(filesAfterMaps).as("memory ran short: some output went to files")
        .anyMatch(path -> path.getFileName().toString().endsWith(".data"));
    assertThat(shuffle.heldMemory().storageUsed()).isZero();
    assertThat(regularFiles()).as("the job's files are removed when it ends").isEmpty();
  }
}
