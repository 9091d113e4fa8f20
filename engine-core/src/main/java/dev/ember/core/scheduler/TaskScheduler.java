package dev.ember.core.scheduler;

import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.serialization.EmberSerializer;
import dev.ember.core.task.Task;
import dev.ember.core.task.TaskFailure;
import dev.ember.core.task.TaskInfo;
import dev.ember.core.task.TaskResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The tasks of every running stage attempt of every job: waiting for a slot (first in, first out
 * by job, then stage), or launched and in flight. It hands a task to the backend when it launches
 * it (serialized only for an executor in another process), never has more tasks in flight than the slots the executors offer, and turns the backend's callbacks
 * into {@link Completion}s for the DAG scheduler's event queue.
 *
 * <p>Thread ownership: everything here belongs to the DAG scheduler's event-loop thread; backend
 * threads only call the {@code completions} sink given at construction (the event queue).
 */
final class TaskScheduler {
  /**
   * A task that ended: its description, the executor, and its result (deserialized if it was sent). {@code lost}
   * when the backend reported it lost (killed, executor gone, or refused) rather than returning a result.
   */
  record Completion(TaskDescription task, String executorId, TaskResult result, boolean lost) {}

  /**
   * Oldest job first, then its parent stages (smaller ids) first, then task order. A class rather
   * than a chain of comparator lambdas: each lambda spins a class when a session starts.
   */
  private static final class Fifo implements Comparator<Task> {
    @Override
    public int compare(Task first, Task second) {
      TaskInfo a = first.info();
      TaskInfo b = second.info();
      if (a.jobId() != b.jobId()) {
        return Integer.compare(a.jobId(), b.jobId());
      }
      if (a.stageId() != b.stageId()) {
        return Integer.compare(a.stageId(), b.stageId());
      }
      return Long.compare(a.taskId(), b.taskId());
    }
  }

  private static final Comparator<Task> FIFO = new Fifo();

  private final SchedulerBackend backend;
  private final EmberSerializer serializer;
  private final Consumer<Completion> completions;
  private final PriorityQueue<Task> waiting = new PriorityQueue<>(FIFO);
  private final Map<Long, TaskDescription> inFlight = new HashMap<>();

  TaskScheduler(SchedulerBackend backend, EmberSerializer serializer, Consumer<Completion> completions) {
    this.backend = Objects.requireNonNull(backend, "backend is null");
    this.serializer = Objects.requireNonNull(serializer, "serializer is null");
    this.completions = Objects.requireNonNull(completions, "completions is null");
  }

  /** Queues a task until a slot is free. */
  void submit(Task task) {
    waiting.add(task);
  }

  /** The next task to launch if one of {@code slots} is free, or null. */
  Task nextToLaunch(int slots) {
    return inFlight.size() < slots ? waiting.poll() : null;
  }

  int inFlightCount() {
    return inFlight.size();
  }

  /**
   * Launches the task; returns the executor id it went to. The backend serializes it if its
   * executor is in another process (a failure to serialize is thrown here, on the loop thread).
   */
  String launch(Task task) {
    TaskDescription description = new TaskDescription(task, serializer);
    inFlight.put(description.taskId(), description);
    try {
      return backend.launch(description, new SchedulerBackend.TaskCallback() {
        @Override
        public void completed(TaskDescription finished, String executorId, byte[] serializedResult) {
          completions.accept(new Completion(finished, executorId, decode(finished, executorId, serializedResult), false));
        }

        @Override
        public void completed(TaskDescription finished, String executorId, TaskResult result) {
          completions.accept(new Completion(finished, executorId, result, false));
        }

        @Override
        public void lost(TaskDescription finished, String executorId, Throwable reason) {
          completions.accept(new Completion(finished, executorId,
              new TaskResult.Failed(finished.info(), executorId, TaskFailure.of(reason), new TaskMetrics()), true));
        }
      });
    } catch (RuntimeException e) {
      inFlight.remove(description.taskId());
      throw e;
    }
  }

  private TaskResult decode(TaskDescription task, String executorId, byte[] bytes) {
    try {
      return serializer.deserialize(bytes, TaskResult.class);
    } catch (RuntimeException e) {
      return new TaskResult.Failed(task.info(), executorId, TaskFailure.of(e), new TaskMetrics());
    }
  }

  /**
   * Takes a completion's task out of flight; false when it is not in flight, so the completion is
   * a duplicate or belongs to a task whose launch failed, and must be ignored.
   */
  boolean finished(Completion completion) {
    return inFlight.remove(completion.task().taskId()) != null;
  }

  /** Drops the job's tasks that wait for a slot (the job ends, or its stage attempt failed). */
  void dropWaiting(int jobId, int stageIdOrAll) {
    waiting.removeIf(task -> task.info().jobId() == jobId && (stageIdOrAll < 0 || task.info().stageId() == stageIdOrAll));
  }

  /** How many of the job's tasks are in flight. */
  int inFlightCount(int jobId) {
    int count = 0;
    for (TaskDescription task : inFlight.values()) {
      if (task.info().jobId() == jobId) {
        count++;
      }
    }
    return count;
  }

  /** Asks the executors to stop every task of the job in flight; their completions still come. */
  void killJob(int jobId) {
    List<Long> ids = new ArrayList<>();
    for (TaskDescription task : inFlight.values()) {
      if (task.info().jobId() == jobId) {
        ids.add(task.taskId());
      }
    }
    for (long taskId : ids) {
      backend.kill(taskId);
    }
  }

  /** Forgets the job's tasks in flight without waiting for them (the scheduler stops). */
  void forgetJob(int jobId) {
    inFlight.values().removeIf(task -> task.info().jobId() == jobId);
    dropWaiting(jobId, -1);
  }
}
