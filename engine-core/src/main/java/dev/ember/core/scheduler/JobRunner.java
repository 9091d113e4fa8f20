package dev.ember.core.scheduler;

import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.result.ResultAction;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The driver's door to execution: runs a physical plan as a job (stages cut at exchanges, one
 * task per partition) and returns each result partition's outcome. Thread-safe; jobs submitted
 * from several threads run one after another or side by side as the implementation allows.
 */
public interface JobRunner extends AutoCloseable {
  /** The number of task slots: the default partition count for shuffles in local mode. */
  int defaultParallelism();

  /**
   * Runs the job and returns one result per partition of {@code plan}, in partition order.
   *
   * @throws JobFailedException when a task failed more than {@code ember.task.maxFailures} times;
   *     its cause is the task's error
   */
  List<PartitionResult> runJob(PhysicalPlan plan, ResultAction action, String description);

  /**
   * {@link #runJob(PhysicalPlan, ResultAction, String)} with a description made only when something
   * shows it (a listener's event, a failure's message), at most once, on any thread: what makes it
   * must give the same text whenever it is asked (a call site captured when the action started).
   */
  default List<PartitionResult> runJob(PhysicalPlan plan, ResultAction action, Supplier<String> description) {
    return runJob(plan, action, description.get());
  }

  /** Whether a listener receives this runner's events (which carry each job's description). */
  default boolean hasListeners() {
    return true;
  }

  void addListener(JobListener listener);

  void removeListener(JobListener listener);

  /**
   * Waits until the listeners received every event posted so far (they arrive on the listener
   * bus's thread, after the job's action may have returned); false when {@code timeout} passed first.
   */
  default boolean waitUntilListenerBusEmpty(Duration timeout) {
    return true;
  }

  /** How many listener events were dropped because a listener fell behind and the bus's queue was full. */
  default long droppedListenerEventCount() {
    return 0;
  }

  /** Makes {@code observer} (null: none) hear of every cached block that changes on the executors. */
  default void setCachedBlockObserver(CachedBlockObserver observer) {}

  /** Drops the blocks cached under {@code cacheId} on the executors (unpersist). */
  default void removeCache(int cacheId) {}

  /** Stops executors and releases shuffle data; running jobs fail. */
  @Override
  void close();
}
