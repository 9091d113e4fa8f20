package dev.ember.core.scheduler;

import dev.ember.core.expression.SortOrder;
import dev.ember.core.logging.LazyLogger;
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
import dev.ember.core.task.BroadcastHandle;
import dev.ember.core.task.TaskInputs;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.task.TaskOutput;
import dev.ember.core.task.TaskResult;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The driver's scheduler: cuts each job's plan into stages at exchanges ({@link StageBuilder}, the
 * walk explain shows; a stage's session-wide id is the job's first stage id plus its key there),
 * submits every stage whose parents' outputs are available at once — so independent stages (both
 * sides of a shuffle join) and the stages of several jobs run side by side — hands their tasks to
 * the {@link TaskScheduler}, retries failed tasks, reacts to executors coming and going,
 * recomputes lost map outputs, and reports every step to the job listeners.
 *
 * <p><b>Event loop</b> (Spark's DAGSchedulerEventProcessLoop). One thread, {@value #LOOP_THREAD},
 * owns all scheduling state: the running jobs and their stages, the task scheduler's queues, the
 * live executors and their slots. Everything else only puts {@link Event}s into its queue: a
 * thread calling {@link #runJob} submits the job and waits for its outcome; backend threads report
 * task ends and executors added or lost. The loop handles one event at a time, then launches
 * waiting tasks on free slots. Listener events are posted from the loop thread, in order, to the
 * asynchronous {@link ListenerBus}, which delivers them on its own thread (scheduling listeners,
 * {@link #addSchedulingListener}, run on the loop thread before it goes on); job, stage and task
 * events are not even built while no listener is registered (a session without UI or event log).
 *
 * <p><b>Lifecycle of a stage.</b> A stage is submitted when all its parents' outputs are available:
 * a map stage's in the {@link MapOutputTracker}, a broadcast stage's collected rows on the driver,
 * a sample stage's range bounds. A stage attempt submits one task per partition still missing; a
 * failed task is retried (attempt 1, 2, ...) until {@code ember.task.maxFailures} attempts failed,
 * which fails the job; a task lost with its executor does not count. A fetch failure ends the
 * stage attempt: the lost map output is unregistered, the parent stage recomputes the missing
 * maps, and the stage runs again for its missing partitions (at most {@code maxStageAttempts}
 * fetch-failed attempts). When an executor is lost, its map outputs are unregistered at once and
 * any stage missing outputs runs again for just those partitions (attempt numbers in the stage
 * events show it); map outputs reported later by a lost executor are ignored. When a job ends,
 * its waiting tasks are dropped, its tasks in flight are killed and awaited, and its shuffles
 * are removed everywhere.
 *
 * <p><b>No executors.</b> While jobs run and no executor offers a slot (all were lost; a cluster
 * master may relaunch some), the loop logs Spark's "Initial job has not accepted any resources"
 * warning every {@code ember.starvation.timeout}, and after {@code ember.scheduler.noExecutorTimeout}
 * without any executor it fails those jobs with a {@link NoExecutorsException} cause.
 */
public final class DagScheduler implements JobRunner {
  private static final LazyLogger LOG = new LazyLogger(DagScheduler.class);
  static final String LOOP_THREAD = "ember-dag-scheduler";
  /** Sample rows per map partition and reduce partition of a range exchange (Spark's 20), capped. */
  static final int SAMPLE_ROWS_PER_REDUCER = 20;
  static final int MAX_SAMPLE_ROWS_PER_PARTITION = 10_000;
  private static final long[] NO_SIZES = new long[0];
  private static final AtomicInteger LOOP_COUNT = new AtomicInteger();
  private static final Duration LISTENER_STOP_TIMEOUT = Duration.ofSeconds(10);

  /** What the event loop reacts to. */
  private sealed interface Event {}

  private record JobSubmitted(JobExecution job) implements Event {}

  private record TaskEnded(Completion completion) implements Event {}

  private record ExecutorAdded(String executorId, int slots) implements Event {}

  private record ExecutorLost(String executorId, String reason) implements Event {}

  private record JobCancelled(int jobId, String reason) implements Event {}

  private record Stop() implements Event {}

  /** Nothing happened for a while: time to look again at jobs that have no executor. */
  private record ExecutorCheck() implements Event {}

  private final SchedulerBackend backend;
  private final SchedulerSettings settings;
  private final MapOutputTracker mapOutputTracker = new MapOutputTracker();
  private final ListenerBus listeners = new ListenerBus();
  /** Hears of cached blocks that changed (set by the session; read on the loop thread). */
  private volatile CachedBlockObserver cachedBlockObserver;
  private final AtomicInteger nextJobId = new AtomicInteger();
  private final AtomicInteger nextStageId = new AtomicInteger();
  private final AtomicInteger nextShuffleId = new AtomicInteger();
  private final AtomicInteger nextBroadcastId = new AtomicInteger();
  /** The loop's input; its monitor guards {@link #closed} with job submission, so no job is queued after the stop event. */
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Thread loop;
  private volatile boolean closed;

  // Owned by the event-loop thread.
  private final TaskScheduler taskScheduler;
  private final Map<Integer, JobExecution> activeJobs = new LinkedHashMap<>();
  private final Map<String, Integer> executorSlots = new LinkedHashMap<>();
  private final Set<String> lostExecutors = new HashSet<>();
  /** When each task in flight was launched, for its end event. */
  private final Map<Long, Long> launchTimes = new HashMap<>();
  private long nextTaskId;
  /** Since when running jobs have had no executor slot (0: they have one, or no job runs). */
  private long withoutExecutorsSinceNanos;
  private long lastStarvationWarningNanos;
  /** How many starvation warnings were logged (written by the loop, read by tests). */
  private volatile int starvationWarnings;

  public DagScheduler(SchedulerBackend backend, SchedulerSettings settings) {
    this(backend, settings, EmberSerializer.shared());
  }

  public DagScheduler(SchedulerBackend backend, SchedulerSettings settings, EmberSerializer serializer) {
    this.backend = Objects.requireNonNull(backend, "backend is null");
    this.settings = Objects.requireNonNull(settings, "settings is null");
    // Anonymous classes, not lambdas: a lambda spins a class when the session starts.
    this.taskScheduler = new TaskScheduler(backend, Objects.requireNonNull(serializer, "serializer is null"),
        new Consumer<Completion>() {
          @Override
          public void accept(Completion completion) {
            events.add(new TaskEnded(completion));
          }
        });
    this.loop = new Thread(new Runnable() {
      @Override
      public void run() {
        runLoop();
      }
    }, LOOP_THREAD + "-" + LOOP_COUNT.getAndIncrement());
    loop.setDaemon(true);
    loop.start();
    backend.setExecutorListener(new SchedulerBackend.ExecutorListener() {
      @Override
      public void executorAdded(String executorId, int slots) {
        events.add(new ExecutorAdded(executorId, slots));
      }

      @Override
      public void executorLost(String executorId, String reason) {
        events.add(new ExecutorLost(executorId, reason));
      }
    });
  }

  /** The backend's live slots, at least 1: the default partition count for shuffles. */
  @Override
  public int defaultParallelism() {
    return Math.max(1, backend.totalSlots());
  }

  /** How many times the driver warned that running jobs had no executor ({@code ember.starvation.timeout} apart). */
  int starvationWarnings() {
    return starvationWarnings;
  }

  public SchedulerSettings settings() {
    return settings;
  }

  /** The backend this scheduler launches tasks on (tests reach the executor through it). */
  public SchedulerBackend backend() {
    return backend;
  }

  /** Where the map outputs of running jobs are (their shuffles are removed when the job ends). */
  public MapOutputTracker mapOutputTracker() {
    return mapOutputTracker;
  }

  /**
   * Submits the job to the event loop and waits for it. An interrupt cancels the job: the thread
   * still waits until its tasks stopped, then keeps its interrupt and gets the job's failure.
   */
  @Override
  public List<PartitionResult> runJob(PhysicalPlan plan, ResultAction action, String description) {
    String text = description == null ? "" : description;
    return runJob(plan, action, new JobDescription(text));
  }

  /** As {@link #runJob(PhysicalPlan, ResultAction, String)}; the description is made when first shown. */
  @Override
  public List<PartitionResult> runJob(PhysicalPlan plan, ResultAction action, Supplier<String> description) {
    return runJob(plan, action, new JobDescription(Objects.requireNonNull(description, "description is null")));
  }

  @Override
  public boolean hasListeners() {
    return listeners.hasListeners();
  }

  private List<PartitionResult> runJob(PhysicalPlan plan, ResultAction action, JobDescription description) {
    Objects.requireNonNull(plan, "plan is null");
    Objects.requireNonNull(action, "action is null");
    if (Thread.currentThread() == loop || listeners.isDispatchThread()) {
      throw new IllegalStateException("a job cannot be started from inside another job (for example by a job listener)");
    }
    JobExecution job;
    synchronized (events) {
      if (closed) {
        throw new IllegalStateException("the job runner is closed; cannot run job '" + description.text() + "'");
      }
      job = new JobExecution(nextJobId.getAndIncrement(), plan, action, description);
      events.add(new JobSubmitted(job));
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return job.outcome.get();
        } catch (InterruptedException e) {
          if (!interrupted) {
            interrupted = true;
            events.add(new JobCancelled(job.jobId, "the thread that ran it was interrupted"));
          }
        } catch (ExecutionException e) {
          switch (e.getCause()) {
            case JobFailedException failed -> throw failed;
            case Error error -> throw error;
            case Throwable other -> throw new JobFailedException(
                "Job " + job.jobId + " (" + description.text() + ") failed: " + other, other);
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void addListener(JobListener listener) {
    listeners.add(listener);
  }

  /**
   * Registers a listener called on the event-loop thread when each event is posted, before the
   * scheduler goes on (the listener bus's synchronous path). For fault injection in tests and hooks
   * that must act before the next stage starts; it slows every job by its own time, so the web UI,
   * the event log and user listeners use {@link #addListener}.
   */
  public void addSchedulingListener(JobListener listener) {
    listeners.addScheduling(listener);
  }

  @Override
  public void setCachedBlockObserver(CachedBlockObserver observer) {
    cachedBlockObserver = observer;
  }

  @Override
  public void removeListener(JobListener listener) {
    listeners.remove(listener);
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

  @Override
  public void removeCache(int cacheId) {
    backend.removeCache(cacheId);
  }

  /**
   * Stops the backend, then the event loop (running jobs fail), then the listener bus once it
   * delivered what is queued, the executors' removal among it. May be called from a job listener.
   */
  @Override
  public void close() {
    synchronized (events) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      backend.close();
    } finally {
      events.add(new Stop());
      // A listener on the bus's thread cannot wait for the loop: the loop's last act waits for the bus.
      if (Thread.currentThread() != loop && !listeners.isDispatchThread()) {
        try {
          loop.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  // ---- The event loop: everything below runs on the loop thread. ----

  private void runLoop() {
    while (true) {
      Event event;
      try {
        event = nextEvent();
      } catch (InterruptedException e) {
        // Nobody interrupts the loop but a JVM shutting down; stop as close() would.
        event = new Stop();
      }
      if (event instanceof Stop) {
        stopJobs();
        stopListenerBus();
        return;
      }
      try {
        handle(event);
        launchTasks();
        checkExecutors();
      } catch (RuntimeException | Error e) {
        // A bug in the scheduler itself: every job fails rather than hangs.
        LOG.get().error("the DAG scheduler failed handling {}", event, e);
        for (JobExecution job : List.copyOf(activeJobs.values())) {
          job.fail(new JobFailedException("Job " + job.jobId + " (" + job.description.text() + ") failed: the scheduler failed: "
              + e, e));
        }
      }
    }
  }

  private void handle(Event event) {
    // An instanceof chain, not a pattern switch: the switch's bootstrap spins a class on the first
    // event, which a session's start (its executors' registration) would wait behind.
    if (event instanceof JobSubmitted submitted) {
      submitted.job.start();
    } else if (event instanceof TaskEnded ended) {
      taskEnded(ended.completion);
    } else if (event instanceof ExecutorAdded added) {
      executorAdded(added.executorId, added.slots);
    } else if (event instanceof ExecutorLost lost) {
      executorLost(lost.executorId, lost.reason);
    } else if (event instanceof JobCancelled cancelled) {
      JobExecution job = activeJobs.get(cancelled.jobId);
      if (job != null) {
        job.fail(new JobFailedException("Job " + job.jobId + " (" + job.description.text() + ") was cancelled: "
            + cancelled.reason, null));
      }
    } else if (event instanceof Stop) {
      throw new IllegalStateException("the stop event is handled by the loop itself");
    } else if (!(event instanceof ExecutorCheck)) {
      // checkExecutors() runs after every event, an ExecutorCheck's only purpose.
      throw new IllegalStateException("unknown scheduler event " + event);
    }
  }

  /** The next event; while jobs have no executor, an {@link ExecutorCheck} when the next warning or the timeout is due. */
  private Event nextEvent() throws InterruptedException {
    if (withoutExecutorsSinceNanos == 0) {
      return events.take();
    }
    long due = Math.min(lastStarvationWarningNanos + settings.starvationWarningInterval().toNanos(),
        withoutExecutorsSinceNanos + settings.noExecutorTimeout().toNanos());
    Event event = events.poll(Math.max(1, due - System.nanoTime()), TimeUnit.NANOSECONDS);
    return event == null ? new ExecutorCheck() : event;
  }

  /**
   * Running jobs with no executor slot: Spark's starvation warning every
   * {@code ember.starvation.timeout}, and after {@code ember.scheduler.noExecutorTimeout} without
   * any executor the jobs fail ({@link NoExecutorsException}) rather than wait forever.
   */
  private void checkExecutors() {
    if (activeJobs.isEmpty() || liveSlots() > 0) {
      withoutExecutorsSinceNanos = 0;
      return;
    }
    long now = System.nanoTime();
    if (withoutExecutorsSinceNanos == 0) {
      withoutExecutorsSinceNanos = now;
      lastStarvationWarningNanos = now;
      return;
    }
    long waited = now - withoutExecutorsSinceNanos;
    if (waited >= settings.noExecutorTimeout().toNanos()) {
      withoutExecutorsSinceNanos = 0;
      String reason = "no executor for " + TimeUnit.NANOSECONDS.toMillis(waited) + " ms ("
          + SchedulerSettings.NO_EXECUTOR_TIMEOUT + " is " + settings.noExecutorTimeout().toMillis()
          + " ms): every executor was lost and none joined; check that workers are registered with the master and"
          + " have free cores and memory";
      for (JobExecution job : List.copyOf(activeJobs.values())) {
        job.fail(new JobFailedException("Job " + job.jobId + " (" + job.description.text() + ") failed: " + reason,
            new NoExecutorsException(reason)));
      }
      return;
    }
    if (now - lastStarvationWarningNanos >= settings.starvationWarningInterval().toNanos()) {
      lastStarvationWarningNanos = now;
      starvationWarnings++;
      LOG.get().warn("Initial job has not accepted any resources; check your cluster UI to ensure that workers are"
          + " registered and have sufficient resources ({} ms without an executor; jobs fail after {})",
          TimeUnit.NANOSECONDS.toMillis(waited), SchedulerSettings.NO_EXECUTOR_TIMEOUT);
    }
  }

  private int liveSlots() {
    int slots = 0;
    for (int count : executorSlots.values()) {
      slots += count;
    }
    return slots;
  }

  /** Launches waiting tasks while slots are free. */
  private void launchTasks() {
    int slots = liveSlots();
    for (Task task = taskScheduler.nextToLaunch(slots); task != null; task = taskScheduler.nextToLaunch(slots)) {
      TaskInfo info = task.info();
      JobExecution job = activeJobs.get(info.jobId());
      if (job == null || job.ending) {
        continue;
      }
      String executorId;
      try {
        executorId = taskScheduler.launch(task);
      } catch (RuntimeException e) {
        job.fail(new JobFailedException("Job " + job.jobId + " (" + job.description.text() + ") failed: could not launch "
            + info + ": " + e.getMessage(), e));
        continue;
      }
      if (listeners.hasListeners()) {
        long launched = System.currentTimeMillis();
        launchTimes.put(info.taskId(), launched);
        listeners.post(new TaskStartEvent(
            info.taskId(), info.stageId(), info.stageAttempt(), info.partition(), info.attempt(), executorId, launched));
      }
    }
  }

  private void taskEnded(Completion completion) {
    if (!taskScheduler.finished(completion)) {
      // A duplicate report, or the report of a task whose launch failed: counted once already or never.
      return;
    }
    TaskInfo info = completion.task().info();
    JobExecution job = activeJobs.get(info.jobId());
    if (job == null) {
      return;
    }
    postTaskEnd(completion);
    reportCachedBlocks(completion.result().metrics());
    job.taskEnded(completion);
  }

  /** Passes the cached-block changes a task result carries to the observer, before the job can end. */
  private void reportCachedBlocks(TaskMetrics metrics) {
    CachedBlockObserver observer = cachedBlockObserver;
    if (observer == null || metrics == null) {
      return;
    }
    for (int i = 0; i < metrics.blockUpdateCount(); i++) {
      boolean present = metrics.blockUpdateMemoryBytes(i) > 0 || metrics.blockUpdateDiskBytes(i) > 0;
      observer.blockChanged(metrics.blockUpdateCacheId(i), metrics.blockUpdatePartition(i),
          present ? metrics.blockUpdateRows(i) : -1);
    }
  }

  private void executorAdded(String executorId, int slots) {
    lostExecutors.remove(executorId);
    executorSlots.put(executorId, slots);
    // No log line: the listener bus carries the event (web UI, event log), and a line here would start
    // the logging binding in every session's start (see LazyLogger).
    String address = backend.executorAddress(executorId);
    String host = address == null ? "localhost" : address.substring(0, Math.max(0, address.lastIndexOf(':')));
    listeners.post(new ExecutorAddedEvent(executorId, host, slots, backend.executorMemoryBytes(executorId),
        System.currentTimeMillis()));
  }

  private void executorLost(String executorId, String reason) {
    if (executorSlots.remove(executorId) == null && lostExecutors.contains(executorId)) {
      return;
    }
    lostExecutors.add(executorId);
    // Its shuffle files went with it: stages reading them must not be given these locations again.
    mapOutputTracker.unregisterExecutor(executorId);
    LOG.get().warn("executor {} lost ({}); its map outputs are unregistered, {} slots left", executorId, reason, liveSlots());
    listeners.post(new ExecutorRemovedEvent(executorId, reason, System.currentTimeMillis()));
    for (JobExecution job : List.copyOf(activeJobs.values())) {
      if (!job.ending) {
        job.resubmitWaitingStages();
      }
    }
  }

  /** Posts the removal of the executors still alive, delivers what is queued and ends the bus's thread. */
  private void stopListenerBus() {
    for (String executorId : listeners.liveExecutorIds()) {
      listeners.post(new ExecutorRemovedEvent(executorId, "the application stopped", System.currentTimeMillis()));
    }
    listeners.stop(LISTENER_STOP_TIMEOUT);
  }

  /** The loop stops: every job still running fails at once (the backend is closed, its tasks are gone). */
  private void stopJobs() {
    for (JobExecution job : List.copyOf(activeJobs.values())) {
      job.fail(new JobFailedException("Job " + job.jobId + " (" + job.description.text()
          + ") failed: the job runner was closed while it ran", null));
      taskScheduler.forgetJob(job.jobId);
      job.end();
    }
    // Jobs submitted after the loop's last look (none can be: see close()) would wait forever.
    for (Event event : events) {
      if (event instanceof JobSubmitted submitted) {
        submitted.job.outcome.completeExceptionally(new JobFailedException("Job " + submitted.job.jobId
            + " failed: the job runner was closed", null));
      }
    }
  }

  private void postTaskEnd(Completion completion) {
    TaskInfo info = completion.task().info();
    Long launched = launchTimes.remove(info.taskId());
    if (!listeners.hasListeners()) {
      return;
    }
    TaskResult result = completion.result();
    RemoteTaskException error = result instanceof TaskResult.Failed failed ? failed.failure().toException() : null;
    // Asked now, on the scheduling thread: a lost executor's address is gone by the time listeners run.
    String executorAddress = backend.executorAddress(completion.executorId());
    long now = System.currentTimeMillis();
    listeners.post(new TaskEndEvent(info.taskId(), info.stageId(), info.stageAttempt(), info.partition(),
        info.attempt(), completion.executorId(), error == null, error, result.metrics(),
        launched == null ? now : launched, now, executorAddress));
  }

  /** One stage attempt's bookkeeping: partitions whose task of this attempt has not succeeded, failures per partition. */
  private static final class StageAttempt {
    final int number;
    final Set<Integer> unfinished;
    final Map<Integer, Integer> failures = new HashMap<>();
    /** What its tasks read; a retried task reads the same (lost locations surface as fetch failures). */
    final TaskInputs inputs;
    final TaskMetrics metrics = new TaskMetrics();
    final long started = System.nanoTime();

    StageAttempt(int number, List<Integer> partitions, TaskInputs inputs) {
      this.number = number;
      this.unfinished = new LinkedHashSet<>(partitions);
      this.inputs = inputs;
    }
  }

  /**
   * One job's state, owned by the event-loop thread (built by the submitting thread under the
   * event queue's monitor, then handed over).
   */
  /**
   * A job's description, made from its source when first asked for (a listener's event, a failure's
   * message) and then kept: a small job with nobody looking pays nothing for it. The caller's
   * thread makes it, or the event loop's; the monitor makes it once.
   */
  private static final class JobDescription {
    private Supplier<String> source;
    private String text;

    JobDescription(String text) {
      this.text = text;
    }

    JobDescription(Supplier<String> source) {
      this.source = source;
    }

    synchronized String text() {
      if (text == null) {
        String made = source.get();
        text = made == null ? "" : made;
        source = null;
      }
      return text;
    }

    @Override
    public String toString() {
      return text();
    }
  }

  private final class JobExecution {
    private final int jobId;
    private final JobDescription description;
    private final ResultAction action;
    private final PhysicalPlan plan;
    /** Parents first, the result stage last. */
    private final List<Stage> stages;
    private final Map<Integer, Stage> stagesById = new HashMap<>();
    private final Stage resultStage;
    private final PartitionResult[] results;
    private final Map<Integer, List<Batch>> broadcastValues = new HashMap<>();
    private final Map<Stage, List<Batch>[]> broadcastParts = new HashMap<>();
    private final Map<Stage, PartitionSample[]> samples = new HashMap<>();
    /** Stages waiting for parents, and stages with an attempt running (with that attempt). */
    private final Set<Stage> waiting = new LinkedHashSet<>();
    private final Map<Stage, StageAttempt> running = new LinkedHashMap<>();
    private final CompletableFuture<List<PartitionResult>> outcome = new CompletableFuture<>();
    private long started;
    private boolean ending;
    private JobFailedException failure;

    JobExecution(int jobId, PhysicalPlan plan, ResultAction action, JobDescription description) {
      this.jobId = jobId;
      this.description = description;
      this.action = action;
      this.plan = plan;
      // Jobs are built one at a time (runJob holds the event queue's monitor), so the job's ids are
      // the next ones, contiguous; they are reserved once the walk counted them.
      JobStages cut = StageBuilder.build(plan, nextShuffleId.get(), nextBroadcastId.get());
      nextShuffleId.addAndGet(cut.shuffleCount());
      nextBroadcastId.addAndGet(cut.broadcastCount());
      this.stages = Stage.forJob(cut, nextStageId.getAndAdd(cut.stages().size()));
      for (Stage stage : stages) {
        stagesById.put(stage.id, stage);
      }
      this.resultStage = stages.get(stages.size() - 1);
      this.results = new PartitionResult[resultStage.partitionCount];
    }

    void start() {
      started = System.nanoTime();
      activeJobs.put(jobId, this);
      if (listeners.hasListeners()) {
        List<Integer> stageIds = stages.stream().map(stage -> stage.id).toList();
        listeners.post(new JobStartEvent(jobId, description.text(), stageIds, System.currentTimeMillis(), plan));
      }
      try {
        for (Stage stage : stages) {
          if (stage.kind == StageKind.SHUFFLE_MAP) {
            mapOutputTracker.registerShuffle(stage.shuffleId, stage.partitionCount);
          }
        }
        submit(resultStage);
      } catch (RuntimeException e) {
        fail(new JobFailedException("Job " + jobId + " (" + description.text() + ") failed: " + e, e));
      }
    }

    // ---- Stages ----

    /** Submits the stage if its parents are available, else submits its missing parents and lets it wait. */
    private void submit(Stage stage) {
      if (ending || waiting.contains(stage) || running.containsKey(stage)) {
        return;
      }
      List<Stage> missingParents = new ArrayList<>();
      for (Stage parent : stage.parents) {
        if (!isAvailable(parent)) {
          missingParents.add(parent);
        }
      }
      if (missingParents.isEmpty()) {
        submitMissingTasks(stage);
        return;
      }
      waiting.add(stage);
      for (Stage parent : missingParents) {
        submit(parent);
      }
    }

    /** Waiting stages whose parents became available run; parents that lost outputs and are idle run again. */
    void resubmitWaitingStages() {
      for (Stage stage : List.copyOf(waiting)) {
        if (ending) {
          return;
        }
        waiting.remove(stage);
        submit(stage);
      }
    }

    private void submitMissingTasks(Stage stage) {
      if (stage.kind == StageKind.SAMPLE && stage.sampledStage.dependency == null && SmallRangeInputs.fitOnePartition(
          stage.plan, shuffleId -> mapOutputTracker.missingMaps(shuffleId).isEmpty() ? mapOutputTracker.statuses(shuffleId) : null)) {
        // A few rows to order: one partition takes them all (no bounds) and the stage of tasks that
        // would only sample them is skipped; the sort is the same, in one task instead of several.
        setRangeDependency(stage.sampledStage, List.of());
      }
      List<Integer> pending = pendingPartitions(stage);
      if (pending.isEmpty()) {
        stageDone(stage);
        return;
      }
      int attempt = stage.nextAttempt++;
      if (listeners.hasListeners()) {
        // The outline is text built from the whole stage plan: only when someone reads it, and by
        // the bus's thread, not on the way to this stage's first tasks. The plan is immutable.
        List<Integer> parentIds = stage.parentIds();
        long submittedMillis = System.currentTimeMillis();
        listeners.postBuiltLater(() -> new StageSubmittedEvent(stage.id, attempt, jobId, stage.kind,
            stage.partitionCount, parentIds, NodeDescription.outline(stage.plan), stage.key, submittedMillis));
      }
      TaskInputs inputs = inputsFor(stage);
      running.put(stage, new StageAttempt(attempt, pending, inputs));
      for (int partition : pending) {
        taskScheduler.submit(newTask(stage, new TaskInfo(nextTaskId++, jobId, stage.id, attempt, partition, 0), inputs));
      }
    }

    /** Every partition of the stage is done: its output is made once, and the stages waiting for it go. */
    private void stageDone(Stage stage) {
      finish(stage);
      if (stage == resultStage) {
        succeed();
      } else {
        resubmitWaitingStages();
      }
    }

    /** The stage attempt's own tasks are all done: the stage is complete, or runs again for outputs lost meanwhile. */
    private void attemptEnded(Stage stage, StageAttempt attempt) {
      running.remove(stage);
      List<Integer> missing = pendingPartitions(stage);
      if (missing.isEmpty()) {
        postStageCompleted(stage, attempt, true, null);
        stageDone(stage);
      } else {
        postStageCompleted(stage, attempt, false, missing.size() + " outputs were lost while it ran (executor lost)");
        submit(stage);
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

    /** Whether the partition's output is still missing (constant time: it runs for every task end). */
    private boolean needs(Stage stage, int partition) {
      return switch (stage.kind) {
        case SHUFFLE_MAP -> !mapOutputTracker.hasMapOutput(stage.shuffleId, partition);
        case BROADCAST -> !broadcastValues.containsKey(stage.broadcastId)
            && broadcastParts.computeIfAbsent(stage, s -> newBatchLists(s.partitionCount))[partition] == null;
        case SAMPLE -> stage.sampledStage.dependency == null
            && samples.computeIfAbsent(stage, s -> new PartitionSample[s.partitionCount])[partition] == null;
        case RESULT -> results[partition] == null;
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
          if (stage.sampledStage.dependency == null) {
            setRangeDependency(stage.sampledStage, Arrays.asList(samples.remove(stage)));
          }
        }
        case SHUFFLE_MAP, RESULT -> {}
      }
    }

    /** The range map stage's dependency, its bounds chosen from {@code samples} (none: one partition takes every row). */
    private void setRangeDependency(Stage mapStage, List<PartitionSample> samples) {
      Partitioning.Range range = (Partitioning.Range) mapStage.partitioning;
      Batch bounds = RangeBounds.compute(samples, range.orders(), keySchema(range.orders()), range.partitionCount());
      mapStage.dependency = new ShuffleDependency(mapStage.shuffleId, mapStage.partitionCount, range, mapStage.outputSchema, bounds);
    }

    // ---- Tasks ----

    void taskEnded(Completion completion) {
      if (ending) {
        endIfQuiet();
        return;
      }
      TaskInfo info = completion.task().info();
      Stage stage = stagesById.get(info.stageId());
      StageAttempt attempt = running.get(stage);
      boolean current = attempt != null && attempt.number == info.stageAttempt();
      switch (completion.result()) {
        case TaskResult.Succeeded succeeded -> {
          if (succeeded.output() instanceof TaskOutput.MapOutput && lostExecutors.contains(completion.executorId())) {
            // Its files went with the executor: a late report must not bring the location back.
            LOG.get().info("ignoring the map output of {} from lost executor {}", info, completion.executorId());
          } else if (needs(stage, info.partition())) {
            record(stage, info.partition(), succeeded.output());
          }
          if (current) {
            attempt.metrics.add(succeeded.metrics());
            attempt.unfinished.remove(info.partition());
          }
        }
        case TaskResult.Failed failed -> {
          if (!current) {
            // A straggler of a stage attempt that already ended: its failure changes nothing.
            return;
          }
          TaskFailure taskFailure = failed.failure();
          if (taskFailure.isFetchFailure()) {
            fetchFailed(stage, attempt, taskFailure.fetchFailure());
            return;
          }
          if (!needs(stage, info.partition())) {
            // Another attempt's task computed this partition already.
            attempt.unfinished.remove(info.partition());
          } else if (!retry(stage, attempt, info, completion, taskFailure)) {
            return;
          }
        }
      }
      if (running.get(stage) == attempt && attempt != null && attempt.unfinished.isEmpty()) {
        attemptEnded(stage, attempt);
      }
    }

    /** Queues the task's next attempt; false when the job failed instead. */
    private boolean retry(Stage stage, StageAttempt attempt, TaskInfo info, Completion completion, TaskFailure failure) {
      // A task lost with its executor, or refused while an executor went away, is not the task's fault.
      boolean executorGone = completion.lost() && !executorSlots.containsKey(completion.executorId());
      int count = executorGone
          ? attempt.failures.getOrDefault(info.partition(), 0)
          : attempt.failures.merge(info.partition(), 1, Integer::sum);
      // A deterministic error (bad input under FAILFAST, a bad pattern) would only repeat: no retry.
      if (!executorGone && (failure.deterministic() || count >= settings.maxTaskFailures())) {
        String why = failure.deterministic()
            ? " failed with an error that does not go away on retry"
            : " failed " + count + " times (" + SchedulerSettings.MAX_TASK_FAILURES + " = " + settings.maxTaskFailures() + ")";
        String message = "Job " + jobId + " aborted: task for partition " + info.partition() + " of stage "
            + stage.id + " (stage attempt " + attempt.number + ")" + why + "; most recent failure: " + failure.summary();
        fail(new JobFailedException(message, failure.toException()), stage, message);
        return false;
      }
      TaskInfo next = new TaskInfo(nextTaskId++, jobId, stage.id, attempt.number, info.partition(), info.attempt() + 1);
      taskScheduler.submit(newTask(stage, next, attempt.inputs));
      return true;
    }

    /** The stage attempt ends: the lost map output is unregistered, its map stage recomputes it, then the stage runs again. */
    private void fetchFailed(Stage stage, StageAttempt attempt, TaskFailure.FetchFailure fetchFailure) {
      running.remove(stage);
      taskScheduler.dropWaiting(jobId, stage.id);
      postStageCompleted(stage, attempt, false, "fetch failed: shuffle " + fetchFailure.shuffleId() + " map "
          + fetchFailure.mapId() + " reduce " + fetchFailure.reduceId());
      mapOutputTracker.unregisterMapOutput(fetchFailure.shuffleId(), fetchFailure.mapId());
      stage.fetchFailedAttempts++;
      if (stage.fetchFailedAttempts >= settings.maxStageAttempts()) {
        fail(new JobFailedException("Job " + jobId + " aborted: stage " + stage.id + " failed "
            + stage.fetchFailedAttempts + " times because map outputs were lost (last: shuffle "
            + fetchFailure.shuffleId() + " map " + fetchFailure.mapId() + ")", null));
        return;
      }
      // The attempt's tasks still in flight finish on their own; what they compute is kept.
      submit(stage);
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

    private static void requireKind(Stage stage, StageKind kind, TaskOutput output) {
      if (stage.kind != kind) {
        throw new IllegalStateException(stage + " got a " + output.getClass().getSimpleName() + " from a task");
      }
    }

    private TaskInputs inputsFor(Stage stage) {
      Map<Integer, BroadcastHandle> broadcasts = new HashMap<>();
      for (int broadcastId : stage.broadcastsRead()) {
        List<Batch> value = broadcastValues.get(broadcastId);
        if (value == null) {
          throw new IllegalStateException(stage + " reads broadcast " + broadcastId + " before it was computed");
        }
        // Tasks carry the handle only; executors read the value from the backend's store (released at jobEnded).
        broadcasts.put(broadcastId, backend.broadcastStore().publish(jobId, broadcastId, value));
      }
      Map<Integer, List<MapStatus>> shuffles = new HashMap<>();
      for (int shuffleId : stage.shufflesRead()) {
        // With their block sizes: each task is then given only the map outputs that have rows for it.
        shuffles.put(shuffleId, mapOutputTracker.statuses(shuffleId));
      }
      return new TaskInputs(broadcasts, shuffles);
    }

    /**
     * What one task reads of the stage's inputs: of each shuffle, only the map outputs with rows in
     * the reduce partitions it reads (so no reducer asks a remote executor for an empty block), as
     * locations without sizes (with every size in every task, a stage would ship maps x reducers^2 numbers).
     */
    private static TaskInputs forTask(Stage stage, int partition, TaskInputs inputs) {
      if (inputs.shuffles().isEmpty()) {
        return inputs;
      }
      Map<Integer, boolean[]> reads = PartitionPruning.shuffleReads(stage.plan, partition);
      Map<Integer, List<MapStatus>> shuffles = new HashMap<>();
      inputs.shuffles().forEach((shuffleId, statuses) -> {
        boolean[] read = reads.get(shuffleId);
        List<MapStatus> locations = new ArrayList<>(statuses.size());
        for (MapStatus status : statuses) {
          if (read == null || hasRows(status, read)) {
            locations.add(status.withSizes(NO_SIZES, NO_SIZES));
          }
        }
        shuffles.put(shuffleId, locations);
      });
      return new TaskInputs(inputs.broadcasts(), shuffles);
    }

    /** Whether the map output has rows in a reduce partition flagged in {@code read}; true when its counts are unknown. */
    private static boolean hasRows(MapStatus status, boolean[] read) {
      long[] records = status.blockRecords();
      if (records.length < read.length) {
        return true;
      }
      for (int reducer = 0; reducer < read.length; reducer++) {
        if (read[reducer] && records[reducer] != 0) {
          return true;
        }
      }
      return false;
    }

    private Task newTask(Stage stage, TaskInfo info, TaskInputs inputs) {
      String injected = settings.faultInjection().failureFor(info);
      PhysicalPlan plan = PartitionPruning.forPartition(stage.plan, info.partition());
      inputs = forTask(stage, info.partition(), inputs);
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

    private void postStageCompleted(Stage stage, StageAttempt attempt, boolean succeeded, String why) {
      if (!listeners.hasListeners()) {
        return;
      }
      long duration = System.nanoTime() - attempt.started;
      listeners.post(new StageCompletedEvent(
          stage.id, attempt.number, jobId, succeeded, why, attempt.metrics, duration, stage.key, System.currentTimeMillis()));
    }

    // ---- The job's end ----

    private void succeed() {
      ending = true;
      beginEnd();
    }

    void fail(JobFailedException error) {
      fail(error, null, null);
    }

    /** Fails the job once; {@code failedStage}'s attempt ends with {@code stageMessage}, other running attempts with the job's message. */
    private void fail(JobFailedException error, Stage failedStage, String stageMessage) {
      if (ending) {
        return;
      }
      ending = true;
      failure = error;
      for (Map.Entry<Stage, StageAttempt> entry : running.entrySet()) {
        String why = entry.getKey() == failedStage ? stageMessage : error.getMessage();
        postStageCompleted(entry.getKey(), entry.getValue(), false, why);
      }
      running.clear();
      waiting.clear();
      beginEnd();
    }

    /** Drops the job's waiting tasks and kills those in flight; the job ends when the last one reported. */
    private void beginEnd() {
      taskScheduler.dropWaiting(jobId, -1);
      taskScheduler.killJob(jobId);
      endIfQuiet();
    }

    private void endIfQuiet() {
      if (taskScheduler.inFlightCount(jobId) == 0) {
        end();
      }
    }

    /** Releases the job's executor state and shuffles, posts its end, and hands its outcome to the waiting thread. */
    void end() {
      if (activeJobs.remove(jobId) == null) {
        return;
      }
      try {
        backend.jobEnded(jobId);
      } catch (RuntimeException e) {
        LOG.get().warn("could not release the executors' tables of job {}", jobId, e);
      }
      for (Stage stage : stages) {
        if (stage.kind == StageKind.SHUFFLE_MAP) {
          mapOutputTracker.removeShuffle(stage.shuffleId);
          try {
            backend.removeShuffle(stage.shuffleId);
          } catch (RuntimeException e) {
            LOG.get().warn("could not remove shuffle {} of job {}", stage.shuffleId, jobId, e);
          }
        }
      }
      JobFailedException reported = failure;
      if (listeners.hasListeners()) {
        long duration = System.nanoTime() - started;
        listeners.post(new JobEndEvent(jobId, reported == null, reported, duration, System.currentTimeMillis()));
      }
      if (reported == null) {
        outcome.complete(List.of(results));
      } else {
        outcome.completeExceptionally(reported);
      }
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
