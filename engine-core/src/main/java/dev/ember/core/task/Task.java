package dev.ember.core.task;

import dev.ember.core.plan.PhysicalPlan;

/**
 * One unit of work: a stage's plan (exchanges already replaced by read leaves) computed for one
 * partition. Tasks are plain data and always travel serialized, also in local mode.
 *
 * <p>{@code injectedFailure} is the fault-injection hook for tests: when not null the executor
 * fails the attempt with an {@link InjectedTaskFailureException} carrying that message before it
 * runs anything. The driver sets it from the {@code test.ember.failTasks} setting, so it works the
 * same on any backend.
 */
public sealed interface Task permits ShuffleMapTask, ResultTask, RangeSampleTask {
  TaskInfo info();

  PhysicalPlan plan();

  TaskInputs inputs();

  String injectedFailure();
}
