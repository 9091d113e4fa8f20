package dev.ember.core.scheduler;

import dev.ember.core.expression.SortOrder;
import dev.ember.core.plan.NodeDescription;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.scheduler.RangeBounds.PartitionSample;
import dev.ember.core.scheduler.TaskScheduler.Completion;
import dev.ember.core.scheduler.listener.ExecutorAddedEvent;
import dev.ember.core.scheduler.listener.ExecutorRemovedEvent;
import dev.ember.core.scheduler.listener.JobEndEvent;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.JobStartEvent;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.StageKind;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.scheduler.listener.TaskStartEvent;
import dev.ember.core.serialization.EmberSerializer;
import dev.ember.core.shuffle.MapOutputTracker;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.shuffle.ShuffleDependency;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.task.RangeSampleTask;
import dev.ember.core.task.RemoteTaskException;
import dev.ember.core.result.ResultAction;
import dev.ember.core.task.ResultTask;
import dev.ember.core.task.ShuffleMapTask;
import dev.ember.core.task.Task;
import dev.ember.core.task.TaskFailure;
import dev.ember.core.task.TaskInfo;
import dev.ember.core.task.TaskInputs;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.task.TaskOutput;
import dev.ember.core.task.TaskResult;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's scheduler: cuts each job's plan into stages at exchanges ({@link StageBuilder}, the
 * walk explain shows; a stage's session-wide id is the job's first stage id plus its key there),
 * runs parent stages before the stages that read them, hands each stage attempt's tasks to the
 * {@link TaskScheduler}, retries failed tasks, recomputes lost map outputs, and reports every step
 * to the job listeners.
 *
 * <p><b>Lifecycle.</b> A stage runs when all its parents' outputs are available: a map stage's in
 * the {@link MapOutputTracker}, a broadcast stage's collected rows on the driver, a sample stage's
 * range bounds. A stage attempt submits one task per partition still missing; a failed task is
 * retried (attempt 1, 2, ...) until {@code ember.task.maxFailures} attempts failed, which fails the
 * job. A fetch failure ends the stage attempt: the lost map output is unregistered, the parent
 * stage recomputes the missing maps, and the stage runs again for its missing partitions (at most
 * {@code maxStageAttempts} fetch-failed attempts). When the job ends, successfully or not, tasks
 * still in flight are killed and awaited, and the job's shuffles are removed everywhere.
 *
 * <p><b>Threads.</b> Jobs run one at a time (a fair lock): the thread that calls {@link #runJob}
 * is the job's scheduling thread; it owns the job's stages, the task scheduler's bookkeeping and
 * posts all job, stage and task events to the asynchronous {@link ListenerBus}, which delivers them
 * on its own thread. Backend threads only enqueue task completions. The map-output tracker and the
 * listener list are thread-safe. Independent parent stages run one after another.
 */
public final class DagScheduler implements JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(DagScheduler.class);
  /** Sample rows per map partition and reduce partition of a range exchange (Spark's 20), capped. */
  static final int SAMPLE_ROWS_PER_REDUCER = 20;
  static final int MAX_SAMPLE_ROWS_PER_PARTITION = 10_000;
  private static final long[] NO_SIZES = new long[0];
  private static final Duration LISTENER_STOP_TIMEOUT = Duration.ofSeconds(10);

  private final SchedulerBackend backend;
  private final SchedulerSettings settings;
  private final TaskScheduler taskScheduler;
  private final MapOutputTracker mapOutputTracker = new MapOutputTracker();
  private final ListenerBus listeners = new ListenerBus();
  private final ReentrantLock jobLock = new ReentrantLock(true);
  private final AtomicInteger nextJobId = new AtomicInteger();
  private final AtomicInteger nextStageId = new AtomicInteger();
  private final AtomicInteger nextShuffleId = new AtomicInteger();
  private final AtomicInteger nextBroadcastId = new AtomicInteger();
  private final AtomicLong nextTaskId = new AtomicLong();
  private volatile boolean closed;

  public DagScheduler(SchedulerBackend backend, SchedulerSettings settings) {
    this(backend, settings, EmberSerializer.shared());
  }

  public DagScheduler(SchedulerBackend backend, SchedulerSettings settings, EmberSerializer serializer) {
    this.backend = Objects.requireNonNull(backend, "backend is null");
    this.settings = Objects.requireNonNull(settings, "settings is null");
    this.taskScheduler = new TaskScheduler(backend, Objects.requireNonNull(serializer, "serializer is null"));
  }

  @Override
  public int defaultParallelism() {
    return backend.totalSlots();
  }

  public SchedulerSettings settings() {
    return settings;
  }

  /** Where the map outputs of running jobs are (their shuffles are removed when the job ends). */
  public MapOutputTracker mapOutputTracker() {
    return mapOutputTracker;
  }

  @Override
  public List<PartitionResult> runJob(PhysicalPlan plan, ResultAction action, String description) {
    Objects.requireNonNull(plan, "plan is null");
    Objects.requireNonNull(action, "action is null");
    if (jobLock.isHeldByCurrentThread() || listeners.isDispatchThread()) {
      throw new IllegalStateException("a job cannot be started from inside another job (for example by a job listener)");
    }
    jobLock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the job runner is closed; cannot run job '" + description + "'");
      }
      return new JobExecution(nextJobId.getAndIncrement(), plan, action, description == null ? "" : description).run();
    } finally {
      if (closed) {
        // Closed while this job ran (its end event is queued): the bus delivers it, then stops.
        stopListenerBus();
      }
      jobLock.unlock();
    }
  }

  @Override
  public void addListener(JobListener listener) {
    listeners.add(listener);
  }

  /**
   * Registers a listener called on the job's scheduling thread when each event is posted, before
   * the job goes on (the listener bus's synchronous path). For fault injection in tests and hooks
   * that must act before the next stage starts; it slows every job by its own time, so the web UI,
   * the event log and user listeners use {@link #addListener}.
   */
  public void addSchedulingListener(JobListener listener) {
    listeners.addScheduling(listener);
  }

  @Override
  public void removeListener(JobListener listener) {
    listeners.remove(listener);
  }

  @Override
  public void removeCache(int cacheId) {
    backend.removeCache(cacheId);
  }

  /**
   * Posts that an executor joined (local mode's at start; a cluster backend's as they register).
   * Listeners added later still receive it while the executor lives.
   */
  public void executorAdded(String executorId, String host, int totalCores, long maxMemoryBytes) {
    listeners.post(new ExecutorAddedEvent(executorId, host, totalCores, maxMemoryBytes, System.currentTimeMillis()));
  }

  /** Posts that an executor left the application, saying why. */
  public void executorRemoved(String executorId, String reason) {
    listeners.post(new ExecutorRemovedEvent(executorId, reason, System.currentTimeMillis()));
  }

  @Override
  public boolean waitUntilListenerBusEmpty(Duration timeout) {
    try {
      return listeners.waitUntilEmpty(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public long droppedListenerEventCount() {
    return listeners.droppedEventCount();
  }

  /**
   * Stops the backend (a running job fails because its tasks are lost), then delivers the events
   * still queued, among them the removal of the executors, and ends the listener bus's thread.
   */
  @Override
  public void close() {
    closed = true;
    try {
      backend.close();
    } finally {
      if (listeners.isDispatchThread()) {
        // A listener closed the runner: the bus cannot wait for the job, whose events it must deliver.
        stopListenerBus();
      } else if (!jobLock.isHeldByCurrentThread()) {
        // A running job fails now that its executors are gone; its last events come before the bus stops.
        jobLock.lock();
        try {
          stopListenerBus();
        } finally {
          jobLock.unlock();
        }
      }
    }
  }

  /** Posts the removal of the executors still alive, delivers what is queued and ends the bus thread. */
  private void stopListenerBus() {
    for (String executorId : listeners.liveExecutorIds()) {
      executorRemoved(executorId, "the application stopped");
    }
    listeners.stop(LISTENER_STOP_TIMEOUT);
  }

  /** One job's state, owned by its scheduling thread. */
  private final class JobExecution {
    private final int jobId;
    private final String description;
    private final ResultAction action;
    private final PhysicalPlan plan;
    /** Parents first, the result stage last. */
    private final List<Stage> stages;
    private final Stage resultStage;
    private final PartitionResult[] results;
    private final Map<Integer, List<Batch>> broadcastValues = new HashMap<>();
    private final Map<Stage, List<Batch>[]> broadcastParts = new HashMap<>();
    private final Map<Stage, PartitionSample[]> samples = new HashMap<>();
    /** When each task in flight was launched, for its end event. */
    private final Map<Long, Long> launchTimes = new HashMap<>();

    JobExecution(int jobId, PhysicalPlan plan, ResultAction action, String description) {
      this.jobId = jobId;
      this.description = description;
      this.action = action;
      this.plan = plan;
      // The walk is pure: a first cut counts the ids the job needs, which are then reserved in one
      // step each, so the job's ids stay contiguous even without the job lock.
      JobStages counted = StageBuilder.build(plan);
      JobStages cut = StageBuilder.build(plan, nextShuffleId.getAndAdd(counted.shuffleCount()),
          nextBroadcastId.getAndAdd(counted.broadcastCount()));
      this.stages = Stage.forJob(cut, nextStageId.getAndAdd(cut.stages().size()));
      this.resultStage = stages.get(stages.size() - 1);
      this.results = new PartitionResult[resultStage.partitionCount];
    }

    List<PartitionResult> run() {
      long started = System.nanoTime();
      List<Integer> stageIds = stages.stream().map(stage -> stage.id).toList();
      listeners.post(new JobStartEvent(jobId, description, stageIds, System.currentTimeMillis(), plan));
      JobFailedException failure = null;
      try {
        for (Stage stage : stages) {
          if (stage.kind == StageKind.SHUFFLE_MAP) {
            mapOutputTracker.registerShuffle(stage.shuffleId, stage.partitionCount);
          }
        }
        runStage(resultStage);
        return List.of(results);
      } catch (JobFailedException e) {
        failure = e;
        throw e;
      } catch (RuntimeException e) {
        failure = new JobFailedException("Job " + jobId + " (" + description + ") failed: " + e, e);
        throw failure;
      } catch (Error e) {
        // Reported as a failed job, and rethrown as it is.
        failure = new JobFailedException("Job " + jobId + " (" + description + ") failed: " + e, e);
        throw e;
      } finally {
        cleanUp();
        JobFailedException reported = failure;
        long duration = System.nanoTime() - started;
        listeners.post(new JobEndEvent(jobId, reported == null, reported, duration, System.currentTimeMillis()));
      }
    }

    /** Kills and awaits the tasks still in flight, then removes the job's shuffles. */
    private void cleanUp() {
      // An interrupted driver thread still waits for its killed tasks, then keeps its interrupt.
      boolean interrupted = Thread.interrupted();
      try {
        taskScheduler.killAll();
        while (taskScheduler.inFlightCount() > 0) {
          Completion completion = taskScheduler.take();
          postTaskEnd(completion);
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
      try {
        backend.jobEnded(jobId);
      } catch (RuntimeException e) {
        LOG.warn("could not release the executors' tables of job {}", jobId, e);
      }
      for (Stage stage : stages) {
        if (stage.kind == StageKind.SHUFFLE_MAP) {
          mapOutputTracker.removeShuffle(stage.shuffleId);
          try {
            backend.removeShuffle(stage.shuffleId);
          } catch (RuntimeException e) {
            LOG.warn("could not remove shuffle {} of job {}", stage.shuffleId, jobId, e);
          }
        }
      }
    }

    private boolean isAvailable(Stage stage) {
      return pendingPartitions(stage).isEmpty() && isFinished(stage);
    }

    private boolean isFinished(Stage stage) {
      return switch (stage.kind) {
        case BROADCAST -> broadcastValues.containsKey(stage.broadcastId);
        case SAMPLE -> stage.sampledStage.dependency != null;
        case SHUFFLE_MAP, RESULT -> true;
      };
    }

    private List<Integer> pendingPartitions(Stage stage) {
      return switch (stage.kind) {
        case SHUFFLE_MAP -> mapOutputTracker.missingMaps(stage.shuffleId);
        case BROADCAST -> broadcastValues.containsKey(stage.broadcastId)
            ? List.of()
            : missing(broadcastParts.computeIfAbsent(stage, s -> newBatchLists(s.partitionCount)));
        case SAMPLE -> stage.sampledStage.dependency != null
            ? List.of()
            : missing(samples.computeIfAbsent(stage, s -> new PartitionSample[s.partitionCount]));
        case RESULT -> missing(results);
      };
    }

    @SuppressWarnings("unchecked")
    private static List<Batch>[] newBatchLists(int count) {
      return (List<Batch>[]) new List<?>[count];
    }

    private static List<Integer> missing(Object[] outputs) {
      List<Integer> missing = new ArrayList<>();
      for (int i = 0; i < outputs.length; i++) {
        if (outputs[i] == null) {
          missing.add(i);
        }
      }
      return missing;
    }

    /** Runs the stage (and, first, whatever of its parents is missing) until all its partitions are done. */
    private void runStage(Stage stage) {
      while (true) {
        List<Integer> pending = pendingPartitions(stage);
        if (pending.isEmpty()) {
          finish(stage);
          return;
        }
        for (Stage parent : stage.parents) {
          if (!isAvailable(parent)) {
            runStage(parent);
          }
        }
        TaskFailure.FetchFailure fetchFailure = runStageAttempt(stage, pending);
        if (fetchFailure != null) {
          mapOutputTracker.unregisterMapOutput(fetchFailure.shuffleId(), fetchFailure.mapId());
          stage.fetchFailedAttempts++;
          if (stage.fetchFailedAttempts >= settings.maxStageAttempts()) {
            throw new JobFailedException("Job " + jobId + " aborted: stage " + stage.id + " failed "
                + stage.fetchFailedAttempts + " times because map outputs were lost (last: shuffle "
                + fetchFailure.shuffleId() + " map " + fetchFailure.mapId() + ")", null);
          }
        }
      }
    }

    /** Turns a finished stage's task outputs into its stage output, once. */
    private void finish(Stage stage) {
      switch (stage.kind) {
        case BROADCAST -> {
          if (!broadcastValues.containsKey(stage.broadcastId)) {
            List<Batch> all = new ArrayList<>();
            for (List<Batch> part : broadcastParts.remove(stage)) {
              all.addAll(part);
            }
            broadcastValues.put(stage.broadcastId, List.copyOf(all));
          }
        }
        case SAMPLE -> {
          Stage mapStage = stage.sampledStage;
          if (mapStage.dependency == null) {
            Partitioning.Range range = (Partitioning.Range) mapStage.partitioning;
            Batch bounds = RangeBounds.compute(
                Arrays.asList(samples.remove(stage)), range.orders(), keySchema(range.orders()), range.partitionCount());
            mapStage.dependency = new ShuffleDependency(
                mapStage.shuffleId, mapStage.partitionCount, range, mapStage.outputSchema, bounds);
          }
        }
        case SHUFFLE_MAP, RESULT -> {}
      }
    }

    /** Runs one attempt of the stage for the pending partitions; returns the first fetch failure, or null. */
    private TaskFailure.FetchFailure runStageAttempt(Stage stage, List<Integer> pending) {
      int attempt = stage.nextAttempt++;
      long started = System.nanoTime();
      String planDescription = NodeDescription.outline(stage.plan);
      listeners.post(new StageSubmittedEvent(stage.id, attempt, jobId, stage.kind, stage.partitionCount,
          stage.parentIds(), planDescription, stage.key, System.currentTimeMillis()));
      TaskInputs inputs = inputsFor(stage);
      ArrayDeque<int[]> queue = new ArrayDeque<>();
      for (int partition : pending) {
        queue.add(new int[] {partition, 0});
      }
      Map<Integer, Integer> failures = new HashMap<>();
      TaskMetrics metrics = new TaskMetrics();
      TaskFailure.FetchFailure fetchFailure = null;
      while (true) {
        while (fetchFailure == null && !queue.isEmpty() && taskScheduler.hasFreeSlot()) {
          int[] next = queue.poll();
          TaskInfo info = new TaskInfo(nextTaskId.getAndIncrement(), jobId, stage.id, attempt, next[0], next[1]);
          String executorId = taskScheduler.launch(newTask(stage, info, inputs));
          long launched = System.currentTimeMillis();
          launchTimes.put(info.taskId(), launched);
          listeners.post(new TaskStartEvent(
              info.taskId(), info.stageId(), info.stageAttempt(), info.partition(), info.attempt(), executorId, launched));
        }
        if (taskScheduler.inFlightCount() == 0) {
          break;
        }
        Completion completion = taskScheduler.take();
        TaskInfo info = completion.task().info();
        switch (completion.result()) {
          case TaskResult.Succeeded succeeded -> {
            metrics.add(succeeded.metrics());
            record(stage, info.partition(), succeeded.output());
            postTaskEnd(completion);
          }
          case TaskResult.Failed failed -> {
            postTaskEnd(completion);
            TaskFailure taskFailure = failed.failure();
            if (taskFailure.isFetchFailure()) {
              if (fetchFailure == null) {
                fetchFailure = taskFailure.fetchFailure();
              }
            } else {
              int count = failures.merge(info.partition(), 1, Integer::sum);
              // A deterministic error (bad input under FAILFAST, a bad pattern) would only repeat: no retry.
              if (taskFailure.deterministic() || count >= settings.maxTaskFailures()) {
                String why = taskFailure.deterministic()
                    ? " failed with an error that does not go away on retry"
                    : " failed " + count + " times (" + SchedulerSettings.MAX_TASK_FAILURES + " = " + settings.maxTaskFailures() + ")";
                String message = "Job " + jobId + " aborted: task for partition " + info.partition() + " of stage "
                    + stage.id + " (stage attempt " + attempt + ")" + why + "; most recent failure: " + taskFailure.summary();
                postStageCompleted(stage, attempt, false, message, metrics, started);
                throw new JobFailedException(message, taskFailure.toException());
              }
              queue.add(new int[] {info.partition(), info.attempt() + 1});
            }
          }
        }
      }
      String failure = fetchFailure == null ? null : "fetch failed: shuffle " + fetchFailure.shuffleId() + " map "
          + fetchFailure.mapId() + " reduce " + fetchFailure.reduceId();
      postStageCompleted(stage, attempt, fetchFailure == null, failure, metrics, started);
      return fetchFailure;
    }

    private void postStageCompleted(
        Stage stage, int attempt, boolean succeeded, String failure, TaskMetrics metrics, long started) {
      long duration = System.nanoTime() - started;
      listeners.post(new StageCompletedEvent(
          stage.id, attempt, jobId, succeeded, failure, metrics, duration, stage.key, System.currentTimeMillis()));
    }

    private void postTaskEnd(Completion completion) {
      TaskInfo info = completion.task().info();
      TaskResult result = completion.result();
      RemoteTaskException error = result instanceof TaskResult.Failed failed ? failed.failure().toException() : null;
      long now = System.currentTimeMillis();
      Long launched = launchTimes.remove(info.taskId());
      listeners.post(new TaskEndEvent(info.taskId(), info.stageId(), info.stageAttempt(), info.partition(),
          info.attempt(), completion.executorId(), error == null, error, result.metrics(),
          launched == null ? now : launched, now));
    }

    private TaskInputs inputsFor(Stage stage) {
      Map<Integer, List<Batch>> broadcasts = new HashMap<>();
      for (int broadcastId : stage.broadcastsRead()) {
        List<Batch> value = broadcastValues.get(broadcastId);
        if (value == null) {
          throw new IllegalStateException(stage + " reads broadcast " + broadcastId + " before it was computed");
        }
        broadcasts.put(broadcastId, value);
      }
      Map<Integer, List<MapStatus>> shuffles = new HashMap<>();
      for (int shuffleId : stage.shufflesRead()) {
        // Locations only: with every block size in every task, a stage would ship maps x reducers^2 numbers.
        List<MapStatus> locations = new ArrayList<>();
        for (MapStatus status : mapOutputTracker.statuses(shuffleId)) {
          locations.add(status.withSizes(NO_SIZES, NO_SIZES));
        }
        shuffles.put(shuffleId, locations);
      }
      return new TaskInputs(broadcasts, shuffles);
    }

    private Task newTask(Stage stage, TaskInfo info, TaskInputs inputs) {
      String injected = settings.faultInjection().failureFor(info);
      PhysicalPlan plan = PartitionPruning.forPartition(stage.plan, info.partition());
      return switch (stage.kind) {
        case SHUFFLE_MAP -> new ShuffleMapTask(info, plan, stage.dependency, inputs, injected);
        case BROADCAST -> new ResultTask(info, plan, new ResultAction.Collect(), inputs, injected);
        case RESULT -> new ResultTask(info, plan, action, inputs, injected);
        case SAMPLE -> {
          Partitioning.Range range = (Partitioning.Range) stage.partitioning;
          int sampleSize = (int) Math.min(
              MAX_SAMPLE_ROWS_PER_PARTITION, (long) SAMPLE_ROWS_PER_REDUCER * range.partitionCount());
          yield new RangeSampleTask(info, plan, range.orders(), sampleSize, inputs, injected);
        }
      };
    }

    private void record(Stage stage, int partition, TaskOutput output) {
      switch (output) {
        case TaskOutput.MapOutput map -> {
          requireKind(stage, StageKind.SHUFFLE_MAP, output);
          mapOutputTracker.registerMapOutput(map.status());
        }
        case TaskOutput.ResultOutput result -> {
          if (stage.kind == StageKind.RESULT) {
            results[partition] = result.result();
          } else {
            requireKind(stage, StageKind.BROADCAST, output);
            if (!(result.result() instanceof PartitionResult.Collected collected)) {
              throw new IllegalStateException(stage + " returned " + result.result() + " instead of collected rows");
            }
            broadcastParts.get(stage)[partition] = collected.batches();
          }
        }
        case TaskOutput.SampleOutput sample -> {
          requireKind(stage, StageKind.SAMPLE, output);
          samples.get(stage)[partition] = new PartitionSample(sample.sample(), sample.rowCount());
        }
      }
    }

    private static void requireKind(Stage stage, dev.ember.core.scheduler.listener.StageKind kind, TaskOutput output) {
      if (stage.kind != kind) {
        throw new IllegalStateException(stage + " got a " + output.getClass().getSimpleName() + " from a task");
      }
    }

    private static Schema keySchema(List<SortOrder> orders) {
      List<Field> fields = new ArrayList<>();
      for (int i = 0; i < orders.size(); i++) {
        fields.add(Field.of("key" + i, orders.get(i).child().type()));
      }
      return new Schema(fields);
    }
  }
}
