package dev.ember.ui.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.scheduler.listener.ExecutorAddedEvent;
import dev.ember.core.scheduler.listener.JobEndEvent;
import dev.ember.core.scheduler.listener.JobStartEvent;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.StageKind;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.scheduler.listener.TaskStartEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppStatusStoreTest {
  private static AppStatusStore store(int jobs, int stages) {
    return new AppStatusStore("app-1", "test", "0", 0, jobs, stages, 100, List::of);
  }

  @Test
  void onlyTheNewestJobsAndStagesAreKept() {
    AppStatusStore store = store(3, 4);
    for (int job = 0; job < 6; job++) {
      store.onJobStart(new JobStartEvent(job, "job " + job, List.of(job), job));
      store.onStageSubmitted(new StageSubmittedEvent(job, 0, job, StageKind.RESULT, 2, List.of(), "x", 0, job));
      store.onJobEnd(new JobEndEvent(job, true, null, 1, job));
    }
    assertThat(store.jobs()).extracting(JobData::jobId).containsExactly(5, 4, 3);
    assertThat(store.stages()).extracting(StageData::stageId).containsExactly(5, 4, 3, 2);
    assertThat(store.sizes()).containsEntry("jobs", 3).containsEntry("stages", 4);
  }

  @Test
  void countsFollowTheTasksAndAStageNotRunIsSkipped() {
    AppStatusStore store = store(10, 10);
    store.onExecutorAdded(new ExecutorAddedEvent("e1", "host", 2, 1 << 20, 0));
    store.onJobStart(new JobStartEvent(0, "collect", List.of(7, 8), 10));
    store.onStageSubmitted(new StageSubmittedEvent(8, 0, 0, StageKind.RESULT, 2, List.of(7), "Sort", 1, 11));
    store.onTaskStart(new TaskStartEvent(1, 8, 0, 0, 0, "e1", 12));
    store.onTaskStart(new TaskStartEvent(2, 8, 0, 1, 0, "e1", 12));
    JobData running = store.job(0).orElseThrow();
    assertThat(running.status()).isEqualTo(JobExecutionStatus.RUNNING);
    assertThat(running.numActiveTasks()).isEqualTo(2);
    assertThat(running.numActiveStages()).isEqualTo(1);
    TaskMetrics metrics = new TaskMetrics();
    metrics.addOutput(5, 50);
    metrics.addSpill(300);
    store.onTaskEnd(new TaskEndEvent(1, 8, 0, 0, 0, "e1", true, null, metrics, 12, 20));
    store.onTaskEnd(new TaskEndEvent(2, 8, 0, 1, 0, "e1", false, new IllegalStateException("boom"), null, 12, 30));
    store.onStageCompleted(new StageCompletedEvent(8, 0, 0, false, "task failed", metrics, 1, 1, 31));
    store.onJobEnd(new JobEndEvent(0, false, new IllegalStateException("job failed"), 1, 32));
    JobData ended = store.job(0).orElseThrow();
    assertThat(ended.status()).isEqualTo(JobExecutionStatus.FAILED);
    assertThat(ended.failureReason()).isEqualTo("job failed");
    assertThat(ended.numTasks()).isEqualTo(2);
    assertThat(ended.numCompletedTasks()).isEqualTo(1);
    assertThat(ended.numFailedTasks()).isEqualTo(1);
    assertThat(ended.numFailedStages()).isEqualTo(1);
    assertThat(ended.numSkippedStages()).as("stage 7 never ran").isEqualTo(1);
    StageData stage = store.stage(8).get(0);
    assertThat(stage.metrics().outputRecords()).isEqualTo(5);
    assertThat(stage.metrics().diskBytesSpilled()).isEqualTo(300);
    assertThat(stage.tasks()).extracting(TaskData::status).containsExactly("SUCCESS", "FAILED");
    assertThat(stage.tasks()).extracting(TaskData::duration).containsExactly(8L, 18L);
    assertThat(stage.tasks().get(1).errorMessage()).isEqualTo("boom");
    ExecutorSummary executor = store.executors().get(0);
    assertThat(executor.completedTasks()).isEqualTo(1);
    assertThat(executor.failedTasks()).isEqualTo(1);
    assertThat(executor.activeTasks()).isZero();
    assertThat(store.job(1)).isEmpty();
    assertThat(store.stage(99)).isEmpty();
  }
}
