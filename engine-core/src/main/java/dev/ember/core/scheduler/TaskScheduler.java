package dev.ember.core.scheduler;

import dev.ember.core.serialization.EmberSerializer;
import dev.ember.core.task.Task;
import dev.ember.core.task.TaskFailure;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.task.TaskResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Hands serialized tasks to the backend, never more in flight than it has slots, and turns the
 * backend's callbacks into {@link Completion}s that the scheduling thread takes one at a time.
 *
 * <p>Thread ownership: everything except the completion queue belongs to the scheduling thread
 * (the one holding the DAG scheduler's job lock); backend threads only put into the queue.
 */
final class TaskScheduler {
  /** A task that ended: its description, the executor, and its deserialized result. */
  record Completion(TaskDescription task, String executorId, TaskResult result) {}

  private final SchedulerBackend backend;
  private final EmberSerializer serializer;
  private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
  private final Map<Long, TaskDescription> inFlight = new LinkedHashMap<>();

  TaskScheduler(SchedulerBackend backend, EmberSerializer serializer) {
    this.backend = Objects.requireNonNull(backend, "backend is null");
    this.serializer = Objects.requireNonNull(serializer, "serializer is null");
  }

  boolean hasFreeSlot() {
    return inFlight.size() < backend.totalSlots();
  }

  int inFlightCount() {
    return inFlight.size();
  }

  /** Serializes and launches the task; returns the executor id it went to. */
  String launch(Task task) {
    if (!hasFreeSlot()) {
      throw new IllegalStateException("no free slot for " + task.info() + ": " + inFlight.size() + " tasks in flight");
    }
    TaskDescription description = new TaskDescription(task.info(), serializer.serialize(task));
    inFlight.put(description.taskId(), description);
    try {
      return backend.launch(description, new SchedulerBackend.TaskCallback() {
        @Override
        public void completed(TaskDescription finished, String executorId, byte[] serializedResult) {
          completions.add(new Completion(finished, executorId, decode(finished, executorId, serializedResult)));
        }

        @Override
        public void lost(TaskDescription finished, String executorId, Throwable reason) {
          completions.add(new Completion(finished, executorId,
              new TaskResult.Failed(finished.info(), executorId, TaskFailure.of(reason), new TaskMetrics())));
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

  /** Waits for the next task to end. */
  Completion take() {
    if (inFlight.isEmpty()) {
      throw new IllegalStateException("no task in flight to wait for");
    }
    while (true) {
      Completion completion;
      try {
        completion = completions.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for tasks", e);
      }
      // A task whose launch failed may still be reported by a closing backend: not ours to count.
      if (inFlight.remove(completion.task().taskId()) != null) {
        return completion;
      }
    }
  }

  /** Asks every task in flight to stop. */
  void killAll() {
    for (Long taskId : inFlight.keySet()) {
      backend.kill(taskId);
    }
  }
}
