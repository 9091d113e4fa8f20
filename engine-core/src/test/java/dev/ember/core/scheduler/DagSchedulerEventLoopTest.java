package dev.ember.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.UnionExec;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.result.ResultAction;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.scheduler.listener.TaskStartEvent;
import dev.ember.core.serialization.EmberSerializer;
import dev.ember.core.shuffle.FetchFailedException;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.task.ResultTask;
import dev.ember.core.task.ShuffleMapTask;
import dev.ember.core.task.Task;
import dev.ember.core.task.TaskFailure;
import dev.ember.core.task.TaskOutput;
import dev.ember.core.task.TaskResult;
import dev.ember.core.testing.EngineHygiene;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import dev.ember.core.scheduler.listener.JobStartEvent;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The event loop against a hand-driven backend: the test plays the executors, deciding when each
 * launched task ends, how, and when executors come and go, so every interleaving below is exact.
 */
@ExtendWith(EngineHygiene.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DagSchedulerEventLoopTest {
  private static final EmberSerializer SERIALIZER = EmberSerializer.shared();
  private static final Schema SCHEMA = Schema.of(Field.of("k", ColumnType.LONG));
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** A task the scheduler launched, with the executor the fake put it on. */
  private record Launched(TaskDescription description, SchedulerBackend.TaskCallback callback, String executorId) {
    Task task() {
      return SERIALIZER.deserialize(description.serializedTask(), Task.class);
    }

    int stageId() {
      return description.info().stageId();
    }

    int partition() {
      return description.info().partition();
    }
  }

  /** Executors are names with slot counts; tasks go to the live executor with the fewest running. */
  private static final class FakeBackend implements SchedulerBackend {
    final BlockingQueue<Launched> launched = new LinkedBlockingQueue<>();
    final Map<String, Integer> executors = new LinkedHashMap<>();
    final Map<Long, Launched> running = new LinkedHashMap<>();
    final List<Long> killed = new CopyOnWriteArrayList<>();
    final List<Integer> endedJobs = new CopyOnWriteArrayList<>();
    ExecutorListener listener;
    boolean closed;

    FakeBackend(Map<String, Integer> executors) {
      this.executors.putAll(executors);
    }

    @Override
    public synchronized int totalSlots() {
      return executors.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public synchronized void setExecutorListener(ExecutorListener listener) {
      this.listener = listener;
      executors.forEach(listener::executorAdded);
    }

    @Override
    public synchronized String launch(TaskDescription task, TaskCallback callback) {
      String chosen = executors.keySet().stream()
          .min((left, right) -> Long.compare(load(left), load(right))).orElseThrow();
      Launched launch = new Launched(task, callback, chosen);
      running.put(task.taskId(), launch);
      launched.add(launch);
      return chosen;
    }

    private long load(String executorId) {
      return running.values().stream().filter(task -> task.executorId().equals(executorId)).count();
    }

    @Override
    public void kill(long taskId) {
      killed.add(taskId);
    }

    @Override
    public void removeShuffle(int shuffleId) {}

    @Override
    public void jobEnded(int jobId) {
      endedJobs.add(jobId);
    }

    @Override
    public synchronized void close() {
      closed = true;
    }

    synchronized void addExecutor(String executorId, int slots) {
      executors.put(executorId, slots);
      listener.executorAdded(executorId, slots);
    }

    /** As a real backend: the executor's loss first, then each of its running tasks lost. */
    void loseExecutor(String executorId) {
      List<Launched> lost = new ArrayList<>();
      synchronized (this) {
        executors.remove(executorId);
        running.values().removeIf(task -> {
          boolean onIt = task.executorId().equals(executorId);
          if (onIt) {
            lost.add(task);
          }
          return onIt;
        });
        listener.executorLost(executorId, "killed by the test");
      }
      for (Launched task : lost) {
        task.callback().lost(task.description(), executorId, new IllegalStateException("executor " + executorId + " lost"));
      }
    }

    Launched next() throws InterruptedException {
      Launched task = launched.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(task).as("a launched task").isNotNull();
      return task;
    }

    List<Launched> next(int count) throws InterruptedException {
      List<Launched> tasks = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        tasks.add(next());
      }
      return tasks;
    }

    /** Ends the task as its executor would, with a map status on that executor or the partition's rows. */
    void succeed(Launched task, List<Batch> rows) {
      synchronized (this) {
        running.remove(task.description().taskId());
      }
      TaskOutput output = switch (task.task()) {
        case ShuffleMapTask map -> new TaskOutput.MapOutput(new MapStatus(task.executorId(),
            map.dependency().shuffleId(), task.partition(), new long[] {1, 1}, new long[] {1, 1}));
        case ResultTask result -> new TaskOutput.ResultOutput(new PartitionResult.Collected(rows));
        case Task other -> throw new AssertionError("unexpected " + other);
      };
      TaskResult result = new TaskResult.Succeeded(task.description().info(), task.executorId(), output, new TaskMetrics());
      task.callback().completed(task.description(), task.executorId(), SERIALIZER.serialize(result));
    }

    void succeed(Launched task) {
      succeed(task, List.of(rowsOf(task.partition())));
    }

    void fail(Launched task, Throwable error) {
      synchronized (this) {
        running.remove(task.description().taskId());
      }
      TaskResult result = new TaskResult.Failed(
          task.description().info(), task.executorId(), TaskFailure.of(error), new TaskMetrics());
      task.callback().completed(task.description(), task.executorId(), SERIALIZER.serialize(result));
    }
  }

  /**
   * Every listener event, in order, as text an assertion can read. Events reach it on the listener
   * bus's thread, possibly after the job's outcome: reading waits until the bus delivered them.
   */
  private static final class Events implements JobListener {
    private final List<Object> all = new CopyOnWriteArrayList<>();
    private DagScheduler scheduler;

    @Override
    public void onStageSubmitted(StageSubmittedEvent event) {
      all.add(event);
    }

    @Override
    public void onStageCompleted(StageCompletedEvent event) {
      all.add(event);
    }

    @Override
    public void onTaskStart(TaskStartEvent event) {
      all.add(event);
    }

    @Override
    public void onTaskEnd(TaskEndEvent event) {
      all.add(event);
    }

    /** Every event so far, once the bus delivered what was posted. */
    List<Object> all() {
      assertThat(scheduler.waitUntilListenerBusEmpty(WAIT)).as("listener bus drained").isTrue();
      return all;
    }

    <T> List<T> of(Class<T> type) {
      return all().stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<Integer> partitionsStarted(int stageId, int stageAttempt) {
      return of(TaskStartEvent.class).stream()
          .filter(event -> event.stageId() == stageId && event.stageAttempt() == stageAttempt)
          .map(TaskStartEvent::partition).sorted().toList();
    }
  }

  private final ExecutorService drivers = Executors.newSingleThreadExecutor();
  private DagScheduler scheduler;

  @AfterEach
  void stop() throws InterruptedException {
    if (scheduler != null) {
      scheduler.close();
    }
    drivers.shutdownNow();
    drivers.awaitTermination(10, TimeUnit.SECONDS);
  }

  private static Batch rowsOf(long value) {
    return Batch.fromRows(SCHEMA, List.of(List.of(value)));
  }

  private static InMemoryScanExec scan(int partitions) {
    List<Batch> batches = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      batches.add(rowsOf(i));
    }
    return new InMemoryScanExec(SCHEMA, batches);
  }

  /** Map stage 0 ({@code maps} partitions) feeding a result stage of {@code reducers} partitions. */
  private static PhysicalPlan shuffleJob(int maps, int reducers) {
    return new ExchangeExec(scan(maps), new Partitioning.RoundRobin(reducers));
  }

  private Events start(FakeBackend backend, int maxTaskFailures) {
    scheduler = new DagScheduler(backend, new SchedulerSettings(maxTaskFailures, 4, FaultInjection.NONE));
    Events events = new Events();
    events.scheduler = scheduler;
    scheduler.addListener(events);
    return events;
  }

  private CompletableFuture<List<PartitionResult>> submit(PhysicalPlan plan) {
    return CompletableFuture.supplyAsync(() -> scheduler.runJob(plan, new ResultAction.Collect(), "test"), drivers);
  }

  /** Succeeds every task launched from now on until the job ends; each must go to {@code executorId}. */
  private static void play(FakeBackend backend, CompletableFuture<?> job, String executorId) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!job.isDone() && System.nanoTime() < deadline) {
      Launched task = backend.launched.poll(50, TimeUnit.MILLISECONDS);
      if (task != null) {
        assertThat(task.executorId()).isEqualTo(executorId);
        backend.succeed(task);
      }
    }
  }

  private static long valueOf(PartitionResult result) {
    return ((dev.ember.core.vector.LongVector) ((PartitionResult.Collected) result).batches().get(0).column(0)).get(0);
  }

  @Test
  void independentMapStagesAreLaunchedTogetherAndTheResultStageWaitsForBoth() throws Exception {
    FakeBackend backend = new FakeBackend(Map.of("a", 8));
    Events events = start(backend, 4);
    PhysicalPlan plan = new UnionExec(List.of(
        new ExchangeExec(scan(2), new Partitioning.RoundRobin(2)),
        new ExchangeExec(scan(3), new Partitioning.RoundRobin(2))), SCHEMA);
    CompletableFuture<List<PartitionResult>> job = submit(plan);
    // Both map stages' tasks are in flight before any of them ended.
    List<Launched> maps = backend.next(5);
    assertThat(maps).extracting(Launched::stageId).containsOnly(0, 1);
    assertThat(maps.stream().filter(task -> task.stageId() == 1)).hasSize(3);
    for (Launched task : maps.subList(0, 4)) {
      backend.succeed(task);
    }
    // One map task of stage 1 still runs: the result stage must not start.
    assertThat(backend.launched.poll(300, TimeUnit.MILLISECONDS)).isNull();
    backend.succeed(maps.get(4));
    List<Launched> results = backend.next(4);
    assertThat(results).extracting(Launched::stageId).containsOnly(2);
    for (Launched task : results) {
      backend.succeed(task, List.of(rowsOf(100 + task.partition())));
    }
    assertThat(job.get(WAIT.toSeconds(), TimeUnit.SECONDS)).extracting(DagSchedulerEventLoopTest::valueOf)
        .containsExactly(100L, 101L, 102L, 103L);
    List<StageSubmittedEvent> submitted = events.of(StageSubmittedEvent.class);
    assertThat(submitted).extracting(StageSubmittedEvent::stageId).containsExactly(0, 1, 2);
    // Stage 1 was submitted before stage 0 completed: the two ran side by side.
    assertThat(events.all().indexOf(submitted.get(1)))
        .isLessThan(events.all().indexOf(events.of(StageCompletedEvent.class).get(0)));
    assertThat(backend.endedJobs).containsExactly(0);
  }

  @Test
  void anExecutorLostMidStageHasItsRunningTasksRetriedAndItsMapOutputsRecomputed() throws Exception {
    FakeBackend backend = new FakeBackend(Map.of("a", 2, "b", 2));
    // One attempt per task: tasks lost with their executor must not count as failures.
    Events events = start(backend, 1);
    CompletableFuture<List<PartitionResult>> job = submit(shuffleJob(6, 2));
    List<Launched> first = backend.next(4);
    List<Launched> onA = first.stream().filter(task -> task.executorId().equals("a")).toList();
    List<Launched> onB = first.stream().filter(task -> task.executorId().equals("b")).toList();
    assertThat(onA).hasSize(2);
    // a finishes one map (its output lives on a), takes the fifth, and is lost while running two.
    Launched finishedOnA = onA.get(0);
    backend.succeed(finishedOnA);
    assertThat(backend.next().executorId()).isEqualTo("a");
    backend.loseExecutor("a");
    onB.forEach(backend::succeed);
    // Everything else runs on b: a's lost tasks, the sixth map, a's finished map again, the reducers.
    play(backend, job, "b");
    assertThat(job.get(WAIT.toSeconds(), TimeUnit.SECONDS)).hasSize(2);
    // Attempt 1 of the map stage recomputed exactly the map whose output was on a.
    assertThat(events.partitionsStarted(0, 1)).containsExactly(finishedOnA.partition());
    assertThat(events.of(StageCompletedEvent.class)).filteredOn(event -> event.stageId() == 0)
        .extracting(StageCompletedEvent::attempt, StageCompletedEvent::succeeded)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, false), org.assertj.core.groups.Tuple.tuple(1, true));
    // All six maps have outputs on b at the end... and the job is gone, so the tracker forgot the shuffle.
    assertThat(scheduler.mapOutputTracker().isTracked(0)).isFalse();
  }

  @Test
  void aFetchFailureRecomputesOnlyTheLostMapAndRerunsTheMissingReducers() throws Exception {
    FakeBackend backend = new FakeBackend(Map.of("a", 4));
    Events events = start(backend, 4);
    CompletableFuture<List<PartitionResult>> job = submit(shuffleJob(3, 2));
    backend.next(3).forEach(backend::succeed);
    List<Launched> reducers = backend.next(2);
    Launched failing = reducers.stream().filter(task -> task.partition() == 0).findFirst().orElseThrow();
    Launched other = reducers.stream().filter(task -> task.partition() == 1).findFirst().orElseThrow();
    backend.fail(failing, new FetchFailedException(0, 2, 0, "block server gone", null));
    // Only map 2 runs again, in attempt 1 of the map stage.
    Launched recompute = backend.next();
    assertThat(recompute.stageId()).isZero();
    assertThat(recompute.partition()).isEqualTo(2);
    assertThat(recompute.description().info().stageAttempt()).isEqualTo(1);
    // The failed attempt's other reducer still ends well; its result is kept.
    backend.succeed(other, List.of(rowsOf(201)));
    backend.succeed(recompute);
    Launched rerun = backend.next();
    assertThat(rerun.stageId()).isEqualTo(1);
    assertThat(rerun.partition()).isZero();
    assertThat(rerun.description().info().stageAttempt()).isEqualTo(1);
    backend.succeed(rerun, List.of(rowsOf(200)));
    assertThat(job.get(WAIT.toSeconds(), TimeUnit.SECONDS)).extracting(DagSchedulerEventLoopTest::valueOf)
        .containsExactly(200L, 201L);
    assertThat(events.of(StageCompletedEvent.class)).filteredOn(event -> event.stageId() == 1)
        .extracting(StageCompletedEvent::attempt, StageCompletedEvent::succeeded)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, false), org.assertj.core.groups.Tuple.tuple(1, true));
    assertThat(events.partitionsStarted(1, 1)).containsExactly(0);
  }

  @Test
  void aDuplicateTaskEndIsIgnored() throws Exception {
    FakeBackend backend = new FakeBackend(Map.of("a", 1));
    Events events = start(backend, 1);
    CompletableFuture<List<PartitionResult>> job = submit(new InMemoryScanExec(SCHEMA, List.of(rowsOf(7))));
    Launched task = backend.next();
    backend.succeed(task, List.of(rowsOf(7)));
    // The same task reported again, now as failed (a confused backend): the first report stands.
    backend.fail(task, new IllegalStateException("reported twice"));
    assertThat(job.get(WAIT.toSeconds(), TimeUnit.SECONDS)).extracting(DagSchedulerEventLoopTest::valueOf)
        .containsExactly(7L);
    // A later job sees nothing of the stale report.
    CompletableFuture<List<PartitionResult>> second = submit(new InMemoryScanExec(SCHEMA, List.of(rowsOf(8))));
    backend.succeed(backend.next(), List.of(rowsOf(8)));
    assertThat(second.get(WAIT.toSeconds(), TimeUnit.SECONDS)).extracting(DagSchedulerEventLoopTest::valueOf)
        .containsExactly(8L);
    // Events reach listeners on the bus's thread, after the job's result may have been handed back.
    assertThat(scheduler.waitUntilListenerBusEmpty(WAIT)).isTrue();
    assertThat(events.of(TaskEndEvent.class)).hasSize(2).allMatch(TaskEndEvent::succeeded);
  }

  @Test
  void aMapOutputReportedLateByALostExecutorIsIgnoredAndRecomputed() throws Exception {
    FakeBackend backend = new FakeBackend(Map.of("a", 1, "b", 1));
    Events events = start(backend, 4);
    CompletableFuture<List<PartitionResult>> job = submit(shuffleJob(2, 1));
    List<Launched> maps = backend.next(2);
    Launched onA = maps.stream().filter(task -> task.executorId().equals("a")).findFirst().orElseThrow();
    Launched onB = maps.stream().filter(task -> task.executorId().equals("b")).findFirst().orElseThrow();
    // a is lost, but the backend had its result in hand and delivers it after the loss.
    synchronized (backend) {
      backend.executors.remove("a");
      backend.listener.executorLost("a", "silent");
    }
    backend.succeed(onA);
    backend.succeed(onB);
    Launched recompute = backend.next();
    assertThat(recompute.stageId()).isZero();
    assertThat(recompute.partition()).isEqualTo(onA.partition());
    assertThat(recompute.executorId()).isEqualTo("b");
    backend.succeed(recompute);
    Launched result = backend.next();
    List<MapStatus> read = ((ResultTask) result.task()).inputs().shuffles().get(0);
    assertThat(read).extracting(MapStatus::executorId).containsOnly("b");
    backend.succeed(result, List.of(rowsOf(5)));
    assertThat(job.get(WAIT.toSeconds(), TimeUnit.SECONDS)).hasSize(1);
    assertThat(events.partitionsStarted(0, 1)).containsExactly(onA.partition());
  }

  @Test
  void tasksWaitForSlotsAndRunWhenAnExecutorIsAdded() throws Exception {
    FakeBackend backend = new FakeBackend(Map.of("a", 1));
    start(backend, 4);
    CompletableFuture<List<PartitionResult>> job = submit(new InMemoryScanExec(SCHEMA, List.of(rowsOf(1), rowsOf(2))));
    Launched first = backend.next();
    // One slot: the second task waits.
    assertThat(backend.launched.poll(300, TimeUnit.MILLISECONDS)).isNull();
    backend.addExecutor("b", 1);
    Launched second = backend.next();
    assertThat(second.executorId()).isEqualTo("b");
    backend.succeed(first, List.of(rowsOf(first.partition() + 1)));
    backend.succeed(second, List.of(rowsOf(second.partition() + 1)));
    assertThat(job.get(WAIT.toSeconds(), TimeUnit.SECONDS)).extracting(DagSchedulerEventLoopTest::valueOf)
        .containsExactly(1L, 2L);
  }

  @Test
  void aFailingJobKillsItsRunningTasksAndEndsWhenTheyReported() throws Exception {
    FakeBackend backend = new FakeBackend(Map.of("a", 2));
    start(backend, 1);
    CompletableFuture<List<PartitionResult>> job = submit(new InMemoryScanExec(SCHEMA, List.of(rowsOf(1), rowsOf(2))));
    List<Launched> tasks = backend.next(2);
    backend.fail(tasks.get(0), new IllegalArgumentException("bad row"));
    // The other task is asked to stop; the job waits for its report.
    long survivor = tasks.get(1).description().taskId();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!backend.killed.contains(survivor) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(backend.killed).contains(survivor);
    assertThat(job).isNotDone();
    tasks.get(1).callback().lost(tasks.get(1).description(), "a", new java.util.concurrent.CancellationException("killed"));
    assertThatThrownBy(() -> job.get(WAIT.toSeconds(), TimeUnit.SECONDS)).hasCauseInstanceOf(JobFailedException.class)
        .hasMessageContaining("bad row");
  }

  @Test
  void anInterruptedCallerCancelsItsJobWaitsForItsTasksAndKeepsTheInterrupt() throws Exception {
    FakeBackend backend = new FakeBackend(Map.of("a", 1));
    Events events = start(backend, 4);
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    CompletableFuture<Boolean> interruptKept = new CompletableFuture<>();
    Thread caller = new Thread(() -> {
      try {
        scheduler.runJob(new InMemoryScanExec(SCHEMA, List.of(rowsOf(1))), new ResultAction.Collect(), "cancelled");
        outcome.complete(null);
      } catch (RuntimeException e) {
        outcome.complete(e);
      } finally {
        interruptKept.complete(Thread.currentThread().isInterrupted());
      }
    }, "test-caller");
    caller.start();
    Launched task = backend.next();
    caller.interrupt();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!backend.killed.contains(task.description().taskId()) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(backend.killed).contains(task.description().taskId());
    // The caller still waits for the killed task's report.
    assertThat(outcome).isNotDone();
    task.callback().lost(task.description(), "a", new java.util.concurrent.CancellationException("killed"));
    assertThat(outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(JobFailedException.class)
        .hasMessageContaining("cancelled");
    assertThat(interruptKept.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    caller.join();
    assertThat(events.of(TaskEndEvent.class)).singleElement().matches(end -> !end.succeeded());
  }

  @Test
  void jobsWithoutAnyExecutorAreWarnedAboutAndFailWithNoExecutorsAfterTheTimeout() throws Exception {
    FakeBackend backend = new FakeBackend(Map.of("a", 1));
    scheduler = new DagScheduler(backend, new SchedulerSettings(4, 4, FaultInjection.NONE, Duration.ofMillis(1_500),
        Duration.ofMillis(200)));
    CompletableFuture<List<PartitionResult>> job = submit(shuffleJob(2, 2));
    backend.next();
    long lost = System.nanoTime();
    backend.loseExecutor("a");
    assertThatThrownBy(() -> job.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .hasCauseInstanceOf(JobFailedException.class)
        .hasRootCauseInstanceOf(NoExecutorsException.class)
        .hasMessageContaining("no executor for")
        .hasMessageContaining(SchedulerSettings.NO_EXECUTOR_TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - lost)).isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
    // Warned every 200 ms while waiting: several times, far fewer than once per loop turn.
    assertThat(scheduler.starvationWarnings()).isBetween(3, 8);
    // A job submitted later waits again from its own start, and runs when an executor comes.
    CompletableFuture<List<PartitionResult>> next = submit(new InMemoryScanExec(SCHEMA, List.of(rowsOf(7))));
    Thread.sleep(500);
    backend.addExecutor("b", 1);
    Launched task = backend.next();
    backend.succeed(task, List.of(rowsOf(7)));
    assertThat(next.get(WAIT.toSeconds(), TimeUnit.SECONDS)).extracting(DagSchedulerEventLoopTest::valueOf)
        .containsExactly(7L);
  }

  @Test
  void aDescriptionMadeLaterIsMadeOnlyWhenAFailureShowsItAndOnce() throws Exception {
    FakeBackend backend = new FakeBackend(Map.of("a", 1));
    scheduler = new DagScheduler(backend, new SchedulerSettings(4, 4, FaultInjection.NONE, Duration.ofMillis(300),
        Duration.ofSeconds(30)));
    AtomicInteger made = new AtomicInteger();
    Supplier<String> description = () -> {
      made.incrementAndGet();
      return "count at com.acme.Report.main(Report.java:7)";
    };
    // Nobody listens and the job succeeds: the description is never made.
    CompletableFuture<List<PartitionResult>> quiet = CompletableFuture.supplyAsync(() -> scheduler.runJob(
        new InMemoryScanExec(SCHEMA, List.of(rowsOf(7))), new ResultAction.Collect(), description), drivers);
    backend.succeed(backend.next(), List.of(rowsOf(7)));
    assertThat(quiet.get(WAIT.toSeconds(), TimeUnit.SECONDS)).extracting(DagSchedulerEventLoopTest::valueOf)
        .containsExactly(7L);
    assertThat(made).hasValue(0);
    // A job that fails for want of executors names its description in the message, made once.
    CompletableFuture<List<PartitionResult>> failing = CompletableFuture.supplyAsync(
        () -> scheduler.runJob(shuffleJob(2, 2), new ResultAction.Collect(), description), drivers);
    backend.next();
    backend.loseExecutor("a");
    assertThatThrownBy(() -> failing.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .hasCauseInstanceOf(JobFailedException.class)
        .hasMessageContaining("(count at com.acme.Report.main(Report.java:7)) failed: no executor for");
    assertThat(made).hasValue(1);
  }

  @Test
  void aDescriptionMadeLaterIsMadeForAListenersEventOnceWithTheSameText() throws Exception {
    FakeBackend backend = new FakeBackend(Map.of("a", 1));
    Events events = start(backend, 4);
    List<String> started = new CopyOnWriteArrayList<>();
    scheduler.addListener(new JobListener() {
      @Override
      public void onJobStart(JobStartEvent event) {
        started.add(event.description());
      }
    });
    assertThat(scheduler.hasListeners()).isTrue();
    AtomicInteger made = new AtomicInteger();
    CompletableFuture<List<PartitionResult>> job = CompletableFuture.supplyAsync(() -> scheduler.runJob(
        new InMemoryScanExec(SCHEMA, List.of(rowsOf(3))), new ResultAction.Collect(), () -> {
          made.incrementAndGet();
          return "show at com.acme.Report.main(Report.java:9)";
        }), drivers);
    backend.succeed(backend.next(), List.of(rowsOf(3)));
    job.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(scheduler.waitUntilListenerBusEmpty(WAIT)).isTrue();
    assertThat(started).containsExactly("show at com.acme.Report.main(Report.java:9)");
    assertThat(made).hasValue(1);
    assertThat(events.all).isNotEmpty();
  }

  @Test
  void anExecutorThatJoinsBeforeTheTimeoutLetsTheJobFinish() throws Exception {
    FakeBackend backend = new FakeBackend(Map.of("a", 1));
    scheduler = new DagScheduler(backend, new SchedulerSettings(4, 4, FaultInjection.NONE, Duration.ofMillis(1_000),
        Duration.ofSeconds(30)));
    CompletableFuture<List<PartitionResult>> job = submit(new InMemoryScanExec(SCHEMA, List.of(rowsOf(1), rowsOf(2))));
    backend.next();
    backend.loseExecutor("a");
    Thread.sleep(700);
    backend.addExecutor("b", 2);
    // The two tasks (one lost with "a") run on "b"; together the job outlives the timeout, but never without an executor for it.
    List<Launched> tasks = backend.next(2);
    Thread.sleep(700);
    for (Launched task : tasks) {
      backend.succeed(task, List.of(rowsOf(task.partition() + 1)));
    }
    assertThat(job.get(WAIT.toSeconds(), TimeUnit.SECONDS)).extracting(DagSchedulerEventLoopTest::valueOf)
        .containsExactly(1L, 2L);
    assertThat(scheduler.starvationWarnings()).isZero();
  }
}
