package dev.ember.sql;

import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.scheduler.JobRunner;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.result.ResultAction;
import java.util.List;
import java.util.Map;

/** A job runner with a fixed slot count that runs nothing: for session tests without an engine. */
final class FakeJobRunner implements JobRunner {
  final int parallelism;
  String startedMaster;
  Map<String, String> startedSettings;
  int closeCount;

  FakeJobRunner(int parallelism) {
    this.parallelism = parallelism;
  }

  EmberSession.EngineStarter starter() {
    return (master, settings) -> {
      startedMaster = master;
      startedSettings = settings;
      return this;
    };
  }

  @Override
  public int defaultParallelism() {
    return parallelism;
  }

  @Override
  public List<PartitionResult> runJob(PhysicalPlan plan, ResultAction action, String description) {
    throw new UnsupportedOperationException("the fake job runner runs no jobs");
  }

  @Override
  public void addListener(JobListener listener) {}

  @Override
  public void removeListener(JobListener listener) {}

  @Override
  public void close() {
    closeCount++;
  }
}
