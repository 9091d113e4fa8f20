package dev.ember.cluster.local;

import static dev.ember.cluster.local.Plans.K;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.cluster.ExecutionEngines;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.ProjectExec;
import dev.ember.core.scheduler.DagScheduler;
import dev.ember.core.scheduler.JobFailedException;
import dev.ember.core.scheduler.JobRunner;
import dev.ember.core.scheduler.SchedulerSettings;
import dev.ember.core.scheduler.listener.JobEndEvent;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.task.InjectedTaskFailureException;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.task.RemoteTaskException;
import dev.ember.core.result.ResultAction;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.shuffle.sort.DiskShuffleManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFailuresTest {
  @TempDir
  Path localDirectory;

  private final List<JobRunner> runners = new ArrayList<>();

  private DagScheduler start(int threads, Map<String, String> settings, RecordingListener listener) {
    DagScheduler runner = new DagScheduler(
        LocalBackends.backend(threads, LocalBackends.diskShuffle(localDirectory)), SchedulerSettings.from(settings));
    listener.listenTo(runner);
    runners.add(runner);
    return runner;
  }

  @AfterEach
  void closeAll() {
    runners.forEach(JobRunner::close);
  }

  private static PhysicalPlan hashJob(InMemoryScanExec scan) {
    return new ExchangeExec(scan, new Partitioning.Hash(List.of(K), 3));
  }

  private static List<PartitionResult> collect(JobRunner runner, PhysicalPlan plan) {
    return runner.runJob(plan, new ResultAction.Collect(), "test");
  }

  @Test
  void aTaskThatFailsOnceIsRetriedAndTheJobSucceeds() {
    RecordingListener listener = new RecordingListener();
    DagScheduler runner = start(2, Map.of("test.ember.failTasks", "0:1:0"), listener);
    InMemoryScanExec scan = Plans.scan(1, 3, 1000);
    assertThat(Plans.sorted(Plans.all(collect(runner, hashJob(scan))))).isEqualTo(Plans.sorted(Plans.rows(scan)));
    List<TaskEndEvent> partitionOne = listener.of(TaskEndEvent.class).stream()
        .filter(end -> end.stageId() == 0 && end.partition() == 1).toList();
    assertThat(partitionOne).extracting(TaskEndEvent::attempt).containsExactly(0, 1);
    assertThat(partitionOne).extracting(TaskEndEvent::succeeded).containsExactly(false, true);
    RemoteTaskException failure = (RemoteTaskException) partitionOne.get(0).failure();
    assertThat(failure.originalClassName()).isEqualTo(InjectedTaskFailureException.class.getName());
    assertThat(failure.getMessage()).contains("stage 0 partition 1 attempt 0");
    assertThat(listener.of(StageSubmittedEvent.class)).hasSize(2);
    assertThat(listener.of(JobEndEvent.class).get(0).succeeded()).isTrue();
    LocalJobsTest.assertEventOrder(listener.events(), 2);
  }

  @Test
  void aTaskThatAlwaysFailsFailsTheJobClearlyAndTheNextJobRuns() {
    RecordingListener listener = new RecordingListener();
    DagScheduler runner = start(2, Map.of("test.ember.failTasks", "1:0:*"), listener);
    InMemoryScanExec scan = Plans.scan(2, 3, 1000);
    assertThatThrownBy(() -> collect(runner, hashJob(scan)))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("partition 0 of stage 1")
        .hasMessageContaining("failed 4 times")
        .hasMessageContaining(InjectedTaskFailureException.class.getName())
        .cause()
        .isInstanceOfSatisfying(RemoteTaskException.class, cause -> {
          assertThat(cause.originalClassName()).isEqualTo(InjectedTaskFailureException.class.getName());
          assertThat(cause.originalMessage()).contains("stage 1 partition 0 attempt 3");
        });
    assertThat(listener.of(TaskEndEvent.class).stream().filter(end -> end.stageId() == 1 && end.partition() == 0))
        .extracting(TaskEndEvent::attempt).containsExactly(0, 1, 2, 3);
    JobEndEvent end = listener.of(JobEndEvent.class).get(0);
    assertThat(end.succeeded()).isFalse();
    assertThat(end.failure()).isInstanceOf(JobFailedException.class);
    List<StageCompletedEvent> completed = listener.of(StageCompletedEvent.class);
    assertThat(completed.get(completed.size() - 1).succeeded()).isFalse();
    LocalJobsTest.assertEventOrder(listener.events(), 2);
    assertThat(runner.mapOutputTracker().isTracked(0)).as("the failed job's shuffle is forgotten").isFalse();

    // The next job (stages 2 and 3) runs normally on the same runner.
    assertThat(Plans.sorted(Plans.all(collect(runner, hashJob(scan))))).isEqualTo(Plans.sorted(Plans.rows(scan)));
  }

  @Test
  void aRealTaskErrorKeepsItsClassAndMaxFailuresIsRead() {
    RecordingListener listener = new RecordingListener();
    DagScheduler runner = start(1, Map.of("ember.task.maxFailures", "2"), listener);
    // A reference past the input's last column fails in every attempt, when the task compiles it.
    PhysicalPlan broken = new ProjectExec(Plans.scan(3, 1, 10), List.of(new BoundReference(9, K.type(), true)),
        Schema.of(Field.of("missing", K.type())));
    assertThatThrownBy(() -> collect(runner, broken))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("failed 2 times")
        .hasMessageContaining("java.lang.IllegalStateException")
        .cause()
        .isInstanceOfSatisfying(RemoteTaskException.class, cause -> {
          assertThat(cause.originalClassName()).isEqualTo("java.lang.IllegalStateException");
          assertThat(cause.getStackTrace()).isNotEmpty();
        });
    assertThat(listener.of(TaskEndEvent.class)).hasSize(2);
  }

  @Test
  void aLostMapOutputMakesTheParentStageRecomputeJustThatMap() {
    RecordingListener listener = new RecordingListener();
    DiskShuffleManager shuffle = LocalBackends.diskShuffle(localDirectory);
    DagScheduler runner = new DagScheduler(LocalBackends.backend(2, shuffle), SchedulerSettings.defaults());
    runners.add(runner);
    listener.listenTo(runner);
    AtomicBoolean dropped = new AtomicBoolean();
    runner.addSchedulingListener(new JobListener() {
      @Override
      public void onStageCompleted(StageCompletedEvent event) {
        if (event.stageId() == 0 && dropped.compareAndSet(false, true)) {
          assertThat(shuffle.removeMapOutput(0, 1)).isTrue();
        }
      }
    });
    InMemoryScanExec scan = Plans.scan(4, 3, 1000);
    assertThat(Plans.sorted(Plans.all(collect(runner, hashJob(scan))))).isEqualTo(Plans.sorted(Plans.rows(scan)));

    List<StageSubmittedEvent> submitted = listener.of(StageSubmittedEvent.class);
    assertThat(submitted).extracting(event -> event.stageId() + "." + event.attempt())
        .containsExactly("0.0", "1.0", "0.1", "1.1");
    List<StageCompletedEvent> completed = listener.of(StageCompletedEvent.class);
    assertThat(completed).extracting(StageCompletedEvent::succeeded).containsExactly(true, false, true, true);
    assertThat(completed.get(1).failure()).contains("shuffle 0 map 1");
    List<TaskEndEvent> rerun = listener.of(TaskEndEvent.class).stream()
        .filter(end -> end.stageId() == 0 && end.stageAttempt() == 1).toList();
    assertThat(rerun).extracting(TaskEndEvent::partition).containsExactly(1);
    // A task failed on the lost output; a sibling still running when its stage failed may be killed instead.
    List<String> failures = listener.of(TaskEndEvent.class).stream().filter(end -> !end.succeeded())
        .map(end -> ((RemoteTaskException) end.failure()).originalClassName()).toList();
    assertThat(failures).contains("dev.ember.core.shuffle.FetchFailedException");
    assertThat(failures).allSatisfy(name -> assertThat(name)
        .isIn("dev.ember.core.shuffle.FetchFailedException", "java.util.concurrent.CancellationException"));
    assertThat(shuffle.shuffleIds()).isEmpty();
  }

  @Test
  void mapOutputsLostOverAndOverFailTheJobAfterFourStageAttempts() {
    RecordingListener listener = new RecordingListener();
    DiskShuffleManager shuffle = LocalBackends.diskShuffle(localDirectory);
    DagScheduler runner = new DagScheduler(LocalBackends.backend(2, shuffle), SchedulerSettings.defaults());
    runners.add(runner);
    listener.listenTo(runner);
    runner.addSchedulingListener(new JobListener() {
      @Override
      public void onStageCompleted(StageCompletedEvent event) {
        if (event.stageId() == 0) {
          shuffle.removeMapOutput(0, 0);
        }
      }
    });
    assertThatThrownBy(() -> collect(runner, hashJob(Plans.scan(5, 2, 100))))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("stage 1 failed 4 times because map outputs were lost");
    assertThat(listener.of(StageSubmittedEvent.class).stream().filter(event -> event.stageId() == 1)).hasSize(4);
  }

  @Test
  void jobsFromSeveralThreadsAreAllCorrect() throws Exception {
    RecordingListener listener = new RecordingListener();
    DagScheduler runner = start(2, Map.of(), listener);
    ExecutorService drivers = Executors.newFixedThreadPool(3);
    try {
      List<Future<Boolean>> outcomes = new ArrayList<>();
      for (int thread = 0; thread < 3; thread++) {
        int seed = thread;
        outcomes.add(drivers.submit(() -> {
          for (int job = 0; job < 3; job++) {
            InMemoryScanExec scan = Plans.scan(seed * 10 + job, 3, 500);
            if (!Plans.sorted(Plans.all(collect(runner, hashJob(scan)))).equals(Plans.sorted(Plans.rows(scan)))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> outcome : outcomes) {
        assertThat(outcome.get()).isTrue();
      }
    } finally {
      drivers.shutdown();
    }
    assertThat(listener.of(JobEndEvent.class)).hasSize(9).allMatch(JobEndEvent::succeeded);
  }

  @Test
  void closeEndsEveryExecutorThreadAndLaterJobsAreRefused() {
    JobRunner runner = ExecutionEngines.start("local[3]", Map.of());
    InMemoryScanExec scan = Plans.scan(6, 3, 100);
    assertThat(Plans.all(collect(runner, hashJob(scan)))).hasSameSizeAs(Plans.rows(scan));
    assertThat(executorThreads()).isPositive();
    runner.close();
    assertThat(executorThreads()).isZero();
    assertThatThrownBy(() -> collect(runner, scan)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    runner.close();
  }

  @Test
  void closingTheRunnerDuringAJobFailsThatJobWithoutHanging() {
    RecordingListener listener = new RecordingListener();
    DagScheduler runner = start(1, Map.of(), listener);
    runner.addSchedulingListener(new JobListener() {
      @Override
      public void onTaskStart(dev.ember.core.scheduler.listener.TaskStartEvent event) {
        if (event.taskId() == 0) {
          runner.close();
        }
      }
    });
    assertThatThrownBy(() -> collect(runner, hashJob(Plans.scan(8, 3, 100))))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("closed");
    assertThat(listener.of(JobEndEvent.class)).singleElement().matches(end -> !end.succeeded());
    assertThat(executorThreads()).isZero();
  }

  private static long executorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith(LocalBackend.THREAD_PREFIX) && thread.isAlive())
        .count();
  }

  @Test
  void aFailingListenerDoesNotHurtTheJob() {
    RecordingListener listener = new RecordingListener();
    DagScheduler runner = start(1, Map.of(), listener);
    runner.addListener(new JobListener() {
      @Override
      public void onTaskEnd(TaskEndEvent event) {
        throw new IllegalStateException("listener bug");
      }
    });
    InMemoryScanExec scan = Plans.scan(7, 2, 100);
    assertThat(Plans.sorted(Plans.all(collect(runner, hashJob(scan))))).isEqualTo(Plans.sorted(Plans.rows(scan)));
    assertThat(listener.of(JobEndEvent.class).get(0).succeeded()).isTrue();
  }
}
