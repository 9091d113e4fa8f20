package dev.ember.ui.status;

import dev.ember.catalyst.explain.StageGraph;
import dev.ember.core.logging.LazyLogger;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.storage.StorageMode;
import dev.ember.core.scheduler.listener.ExecutorAddedEvent;
import dev.ember.core.scheduler.listener.ExecutorRemovedEvent;
import dev.ember.core.scheduler.listener.JobEndEvent;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.JobStartEvent;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.scheduler.listener.TaskStartEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The application's status built from the job events, as Spark's {@code AppStatusListener} and
 * store: the last {@code retainedJobs} jobs and {@code retainedStages} stages with their tasks
 * (at most {@code retainedTasksPerStage} per stage attempt), and every executor. The web UI, the
 * REST API and the event-log replay read it. {@code storage} lists the session's cached DataFrames
 * (null: none are declared, as in a replayed log; caches are then named after the blocks reported).
 *
 * <p><b>Threads.</b> Events arrive on the listener bus's thread (or the replaying thread); the
 * HTTP threads read. Every method holds this store's monitor, and readers get immutable snapshots.
 */
public final class AppStatusStore implements JobListener {
  private static final LazyLogger LOG = new LazyLogger(AppStatusStore.class);
  /** Spark's {@code spark.ui.retainedTasks} is per stage: 100000; Ember keeps fewer per attempt. */
  public static final int DEFAULT_RETAINED_TASKS_PER_STAGE = 10_000;

  private final String appId;
  private final String appName;
  /** The Ember version shown, read when first shown. */
  private final Supplier<String> version;
  private final long startTime;
  private final int retainedJobs;
  private final int retainedStages;
  private final int retainedTasksPerStage;
  /** The session's cached DataFrames; null in a replayed log, whose caches are known from their blocks only. */
  private final Supplier<List<RddStorageInfo>> storage;
  /** By job id, oldest first (evicted from the front). */
  private final LinkedHashMap<Integer, LiveJob> jobs = new LinkedHashMap<>();
  /** By stage id, oldest first; each with its attempts in order. */
  private final LinkedHashMap<Integer, List<LiveStage>> stages = new LinkedHashMap<>();
  private final LinkedHashMap<String, LiveExecutor> executors = new LinkedHashMap<>();
  /** The cached blocks the executors reported, by cache id, partition and executor. */
  private final TreeMap<BlockKey, BlockState> blocks = new TreeMap<>();
  private long endTime = -1;
  private long lastUpdated;

  public AppStatusStore(String appId, String appName, String version, long startTime, int retainedJobs,
      int retainedStages, int retainedTasksPerStage, Supplier<List<RddStorageInfo>> storage) {
    this(appId, appName, new KnownVersion(Objects.requireNonNull(version, "version is null")), startTime, retainedJobs,
        retainedStages, retainedTasksPerStage, storage);
  }

  /**
   * As the constructor above, with the Ember version read when first shown: a live session's
   * version is a resource of its jar, whose reading a session's start need not wait for.
   * {@code version} is called on the threads that read the store, and must be thread-safe.
   */
  public AppStatusStore(String appId, String appName, Supplier<String> version, long startTime, int retainedJobs,
      int retainedStages, int retainedTasksPerStage, Supplier<List<RddStorageInfo>> storage) {
    this.appId = Objects.requireNonNull(appId, "appId is null");
    this.appName = Objects.requireNonNull(appName, "appName is null");
    this.version = Objects.requireNonNull(version, "version is null");
    this.startTime = startTime;
    this.lastUpdated = startTime;
    if (retainedJobs < 1 || retainedStages < 1 || retainedTasksPerStage < 1) {
      throw new IllegalArgumentException("retention must be positive: jobs " + retainedJobs + ", stages "
          + retainedStages + ", tasks per stage " + retainedTasksPerStage);
    }
    this.retainedJobs = retainedJobs;
    this.retainedStages = retainedStages;
    this.retainedTasksPerStage = retainedTasksPerStage;
    this.storage = storage;
  }

  // ---- events (listener bus thread) ----

  @Override
  public synchronized void onJobStart(JobStartEvent event) {
    // The stage graph is cut when a page or the API first asks for it, not for every job: most jobs
    // are never looked at, and cutting competes with the job's own tasks for the cores.
    jobStarted(event, null);
    LiveJob job = jobs.get(event.jobId());
    if (job != null) {
      job.pendingGraph = event;
    }
  }

  /** The job's stage graph from its plan (the scheduler's stage walk), or null when unknown or not cut. */
  public static StageGraph graphOf(JobStartEvent event) {
    if (event.plan() == null) {
      return null;
    }
    try {
      return StageGraph.of(event.plan());
    } catch (RuntimeException e) {
      // The UI then shows the job without its picture; the job itself is not concerned.
      LOG.get().warn("could not cut job {}'s plan into its stage graph for the web UI", event.jobId(), e);
      return null;
    }
  }

  /** A job started whose stage graph is {@code graph} (null: unknown); the event log's replay calls this. */
  public synchronized void jobStarted(JobStartEvent event, StageGraph graph) {
    jobs.put(event.jobId(), new LiveJob(event.jobId(), event.description(), event.timeMillis(), event.stageIds(), graph));
    while (jobs.size() > retainedJobs) {
      jobs.remove(jobs.keySet().iterator().next());
    }
    touch(event.timeMillis());
  }

  @Override
  public synchronized void onJobEnd(JobEndEvent event) {
    LiveJob job = jobs.get(event.jobId());
    if (job != null) {
      job.completionTime = event.timeMillis();
      job.status = event.succeeded() ? JobExecutionStatus.SUCCEEDED : JobExecutionStatus.FAILED;
      job.failureReason = event.failure() == null ? null : String.valueOf(event.failure().getMessage());
      // Attempts still marked active belong to a job that ended: they did not complete.
      for (int stageId : job.stageIds) {
        for (LiveStage stage : stages.getOrDefault(stageId, List.of())) {
          if (stage.status == StageStatus.ACTIVE) {
            stage.status = StageStatus.FAILED;
            stage.completionTime = event.timeMillis();
          }
        }
      }
    }
    touch(event.timeMillis());
  }

  @Override
  public synchronized void onStageSubmitted(StageSubmittedEvent event) {
    LiveStage stage = new LiveStage(event);
    stages.computeIfAbsent(event.stageId(), id -> new ArrayList<>()).add(stage);
    while (stages.size() > retainedStages) {
      stages.remove(stages.keySet().iterator().next());
    }
    touch(event.timeMillis());
  }

  @Override
  public synchronized void onStageCompleted(StageCompletedEvent event) {
    LiveStage stage = attempt(event.stageId(), event.attempt());
    if (stage != null) {
      stage.status = event.succeeded() ? StageStatus.COMPLETE : StageStatus.FAILED;
      stage.failureReason = event.failure();
      stage.completionTime = event.timeMillis();
    }
    touch(event.timeMillis());
  }

  @Override
  public synchronized void onTaskStart(TaskStartEvent event) {
    LiveStage stage = attempt(event.stageId(), event.stageAttempt());
    if (stage != null) {
      stage.activeTasks++;
      if (stage.firstTaskLaunchedTime < 0) {
        stage.firstTaskLaunchedTime = event.timeMillis();
      }
      if (stage.tasks.size() < retainedTasksPerStage) {
        stage.tasks.put(event.taskId(), new LiveTask(event));
      }
    }
    LiveExecutor executor = executors.get(event.executorId());
    if (executor != null) {
      executor.activeTasks++;
    }
    touch(event.timeMillis());
  }

  @Override
  public synchronized void onTaskEnd(TaskEndEvent event) {
    if (event.metrics() != null && event.metrics().blockUpdateCount() > 0) {
      blocksUpdated(event.executorId(), event.metrics());
    }
    MetricsData metrics = MetricsData.of(event.metrics());
    long duration = Math.max(0, event.timeMillis() - event.launchTimeMillis());
    LiveStage stage = attempt(event.stageId(), event.stageAttempt());
    if (stage != null) {
      stage.activeTasks = Math.max(0, stage.activeTasks - 1);
      if (event.succeeded()) {
        stage.completedTasks++;
        stage.metrics = stage.metrics.plus(metrics);
        if (event.metrics() != null && event.metrics().operatorCount() > 0) {
          stage.operators.add(event.metrics());
        }
      } else {
        stage.failedTasks++;
      }
      LiveTask task = stage.tasks.get(event.taskId());
      if (task != null) {
        task.duration = duration;
        task.status = event.succeeded() ? "SUCCESS" : "FAILED";
        task.errorMessage = event.failure() == null ? null : String.valueOf(event.failure().getMessage());
        task.metrics = metrics;
      }
    }
    LiveExecutor executor = executors.get(event.executorId());
    if (executor != null) {
      executor.activeTasks = Math.max(0, executor.activeTasks - 1);
      if (event.succeeded()) {
        executor.completedTasks++;
      } else {
        executor.failedTasks++;
      }
      executor.totalDuration += duration;
      executor.totalShuffleRead += metrics.shuffleReadBytes();
      executor.totalShuffleWrite += metrics.shuffleWriteBytes();
    }
    touch(event.timeMillis());
  }

  @Override
  public synchronized void onExecutorAdded(ExecutorAddedEvent event) {
    executors.put(event.executorId(), new LiveExecutor(event));
    touch(event.timeMillis());
  }

  /** The executor's block changes, each applied unless a newer state of that block is known. */
  private void blocksUpdated(String executorId, TaskMetrics metrics) {
    StorageMode[] modes = StorageMode.values();
    for (int i = 0; i < metrics.blockUpdateCount(); i++) {
      BlockKey key = new BlockKey(metrics.blockUpdateCacheId(i), metrics.blockUpdatePartition(i), executorId);
      BlockState known = blocks.get(key);
      long version = metrics.blockUpdateVersion(i);
      if (known != null && known.version() > version) {
        continue;
      }
      long memory = metrics.blockUpdateMemoryBytes(i);
      long disk = metrics.blockUpdateDiskBytes(i);
      int mode = metrics.blockUpdateMode(i);
      if (memory == 0 && disk == 0) {
        blocks.remove(key);
      } else {
        blocks.put(key, new BlockState(mode >= 0 && mode < modes.length ? modes[mode].name() : "UNKNOWN", memory, disk,
            version));
      }
    }
  }

  @Override
  public synchronized void onExecutorRemoved(ExecutorRemovedEvent event) {
    // A lost or stopped executor's cached blocks are gone with it.
    blocks.keySet().removeIf(key -> key.executorId().equals(event.executorId()));
    LiveExecutor executor = executors.get(event.executorId());
    if (executor != null) {
      executor.removeTime = event.timeMillis();
      executor.removeReason = event.reason();
    }
    touch(event.timeMillis());
  }

  /** The application ended at {@code timeMillis} (its session stopped, or its event log ends). */
  public synchronized void applicationEnded(long timeMillis) {
    endTime = timeMillis;
    touch(timeMillis);
  }

  private void touch(long timeMillis) {
    lastUpdated = Math.max(lastUpdated, timeMillis);
  }

  private LiveStage attempt(int stageId, int attempt) {
    for (LiveStage stage : stages.getOrDefault(stageId, List.of())) {
      if (stage.attempt == attempt) {
        return stage;
      }
    }
    return null;
  }

  // ---- reads (any thread) ----

  public synchronized ApplicationInfo application() {
    return new ApplicationInfo(appId, appName, startTime, endTime, lastUpdated, System.getProperty("user.name", ""),
        endTime >= 0, version.get());
  }

  /** The retained jobs, newest first (Spark's order). */
  public synchronized List<JobData> jobs() {
    List<JobData> result = new ArrayList<>();
    for (LiveJob job : jobs.values()) {
      result.add(jobData(job));
    }
    result.sort(Comparator.comparingInt(JobData::jobId).reversed());
    return result;
  }

  public synchronized Optional<JobData> job(int jobId) {
    return Optional.ofNullable(jobs.get(jobId)).map(this::jobData);
  }

  /**
   * The job's stage graph as the scheduler cut it (keys as in its stage events), if its plan was
   * known; empty for an unknown job.
   */
  public synchronized Optional<StageGraph> jobGraph(int jobId) {
    return Optional.ofNullable(jobs.get(jobId)).map(LiveJob::graph);
  }

  /** Every retained stage attempt without tasks, newest stage first. */
  public synchronized List<StageData> stages() {
    List<StageData> result = new ArrayList<>();
    for (List<LiveStage> attempts : stages.values()) {
      for (LiveStage stage : attempts) {
        result.add(stageData(stage, false));
      }
    }
    result.sort(Comparator.comparingInt(StageData::stageId).reversed().thenComparing(StageData::attemptId,
        Comparator.reverseOrder()));
    return result;
  }

  /** The attempts of one stage with their tasks, first attempt first; empty when unknown. */
  public synchronized List<StageData> stage(int stageId) {
    List<StageData> result = new ArrayList<>();
    for (LiveStage stage : stages.getOrDefault(stageId, List.of())) {
      result.add(stageData(stage, true));
    }
    return result;
  }

  public synchronized List<ExecutorSummary> executors() {
    List<ExecutorSummary> result = new ArrayList<>();
    for (LiveExecutor executor : executors.values()) {
      result.add(new ExecutorSummary(executor.id, executor.host, executor.removeTime < 0, executor.totalCores,
          executor.totalCores, executor.activeTasks, executor.failedTasks, executor.completedTasks,
          executor.activeTasks + executor.failedTasks + executor.completedTasks, executor.totalDuration,
          executor.totalShuffleRead, executor.totalShuffleWrite, executor.maxMemory, executor.addTime,
          executor.removeTime, executor.removeReason));
    }
    return result;
  }

  /** The retained jobs as Spark's SQL executions (one per job), oldest first. */
  public synchronized List<SqlExecutionData> executions() {
    List<SqlExecutionData> result = new ArrayList<>();
    for (LiveJob job : jobs.values()) {
      result.add(execution(job));
    }
    result.sort(Comparator.comparingInt(SqlExecutionData::id));
    return result;
  }

  /** The execution of job {@code id} with its operators' metrics; empty for an unknown job. */
  public synchronized Optional<SqlExecutionData> execution(int id) {
    return Optional.ofNullable(jobs.get(id)).map(this::execution);
  }

  private SqlExecutionData execution(LiveJob job) {
    Map<Integer, TaskMetrics> operators = new HashMap<>();
    Map<Integer, MetricsData> metrics = new HashMap<>();
    for (int key = 0; key < job.stageIds.size(); key++) {
      for (LiveStage stage : stages.getOrDefault(job.stageIds.get(key), List.of())) {
        operators.computeIfAbsent(key, k -> new TaskMetrics()).add(stage.operators);
        metrics.merge(key, stage.metrics, MetricsData::plus);
      }
    }
    return SqlExecutions.of(jobData(job), job.graph(), operators, metrics, System.currentTimeMillis());
  }

  /**
   * The cached DataFrames: those the session declares (none in a replayed log) with the blocks the
   * executors reported, and caches known only from their blocks.
   */
  public List<RddStorageInfo> storage() {
    List<RddStorageInfo> declared = storage == null ? List.of() : storage.get();
    synchronized (this) {
      Map<Integer, List<RddStorageInfo.Partition>> partitions = new TreeMap<>();
      BlockKey previous = null;
      List<String> holders = new ArrayList<>();
      long memory = 0;
      long disk = 0;
      String level = null;
      // Blocks are sorted by cache, partition, executor: one partition's executors are adjacent.
      for (Map.Entry<BlockKey, BlockState> entry : blocks.entrySet()) {
        BlockKey key = entry.getKey();
        if (previous != null && (previous.cacheId() != key.cacheId() || previous.partition() != key.partition())) {
          partitions.computeIfAbsent(previous.cacheId(), id -> new ArrayList<>())
              .add(new RddStorageInfo.Partition(blockName(previous), level, memory, disk, holders));
          holders = new ArrayList<>();
          memory = 0;
          disk = 0;
        }
        holders.add(key.executorId());
        memory += entry.getValue().memoryBytes();
        disk += entry.getValue().diskBytes();
        level = entry.getValue().storageLevel();
        previous = key;
      }
      if (previous != null) {
        partitions.computeIfAbsent(previous.cacheId(), id -> new ArrayList<>())
            .add(new RddStorageInfo.Partition(blockName(previous), level, memory, disk, holders));
      }
      List<RddStorageInfo> result = new ArrayList<>();
      for (RddStorageInfo cache : declared) {
        result.add(withBlocks(cache, partitions.remove(cache.id())));
      }
      // A replayed log knows caches only by their blocks; a live session lists what it declares, and
      // blocks of an unpersisted cache (not reported gone yet) are not shown.
      if (storage == null) {
        for (Map.Entry<Integer, List<RddStorageInfo.Partition>> cache : partitions.entrySet()) {
          String cacheLevel = cache.getValue().get(0).storageLevel();
          result.add(withBlocks(RddStorageInfo.declared(cache.getKey(), "cache " + cache.getKey(), -1, cacheLevel),
              cache.getValue()));
        }
      }
      return result;
    }
  }

  private static RddStorageInfo withBlocks(RddStorageInfo cache, List<RddStorageInfo.Partition> partitions) {
    if (partitions == null) {
      return cache;
    }
    long memory = 0;
    long disk = 0;
    for (RddStorageInfo.Partition partition : partitions) {
      memory += partition.memoryUsed();
      disk += partition.diskUsed();
    }
    return new RddStorageInfo(cache.id(), cache.name(), cache.numPartitions(), partitions.size(), cache.storageLevel(),
        memory, disk, partitions);
  }

  /** Spark's block name of a cached partition. */
  private static String blockName(BlockKey key) {
    return "rdd_" + key.cacheId() + "_" + key.partition();
  }

  /** One executor's copy of one cached partition; sorted by cache, partition, executor. */
  private record BlockKey(int cacheId, int partition, String executorId) implements Comparable<BlockKey> {
    @Override
    public int compareTo(BlockKey other) {
      int byCache = Integer.compare(cacheId, other.cacheId);
      if (byCache != 0) {
        return byCache;
      }
      int byPartition = Integer.compare(partition, other.partition);
      return byPartition != 0 ? byPartition : executorId.compareTo(other.executorId);
    }
  }

  /** What the executor last reported of the block. */
  /** A version known when the store is made (a replayed event log's). */
  private record KnownVersion(String text) implements Supplier<String> {
    @Override
    public String get() {
      return text;
    }
  }

  private record BlockState(String storageLevel, long memoryBytes, long diskBytes, long version) {}

  private JobData jobData(LiveJob job) {
    int numTasks = 0;
    int active = 0;
    int completed = 0;
    int failed = 0;
    int skippedTasks = 0;
    int activeStages = 0;
    int completedStages = 0;
    int failedStages = 0;
    int skippedStages = 0;
    StageGraph graph = job.graph();
    for (int key = 0; key < job.stageIds.size(); key++) {
      List<LiveStage> attempts = stages.get(job.stageIds.get(key));
      int partitions = attempts == null || attempts.isEmpty()
          ? (graph == null ? 0 : graph.stages().get(key).partitionCount())
          : attempts.get(0).partitionCount;
      numTasks += partitions;
      if (attempts == null || attempts.isEmpty()) {
        if (job.status != JobExecutionStatus.RUNNING) {
          skippedStages++;
          skippedTasks += partitions;
        }
        continue;
      }
      boolean anyComplete = false;
      boolean anyActive = false;
      for (LiveStage stage : attempts) {
        active += stage.activeTasks;
        completed += stage.completedTasks;
        failed += stage.failedTasks;
        anyComplete |= stage.status == StageStatus.COMPLETE;
        anyActive |= stage.status == StageStatus.ACTIVE;
      }
      if (anyActive) {
        activeStages++;
      } else if (anyComplete) {
        completedStages++;
      } else {
        failedStages++;
      }
    }
    return new JobData(job.jobId, job.description, job.submissionTime, job.completionTime, job.stageIds, job.status,
        numTasks, active, completed, skippedTasks, failed, activeStages, completedStages, skippedStages, failedStages,
        job.failureReason);
  }

  private StageData stageData(LiveStage stage, boolean withTasks) {
    List<TaskData> tasks = new ArrayList<>();
    if (withTasks) {
      for (LiveTask task : stage.tasks.values()) {
        LiveExecutor executor = executors.get(task.executorId);
        tasks.add(new TaskData(task.taskId, task.index, task.attempt, task.launchTime, task.duration, task.executorId,
            executor == null ? "" : executor.host, task.status, task.errorMessage, task.metrics));
      }
    }
    return new StageData(stage.status, stage.stageId, stage.attempt, stage.jobId, stage.stageKey, stage.kind,
        stage.partitionCount, stage.activeTasks, stage.completedTasks, stage.failedTasks, stage.submissionTime,
        stage.firstTaskLaunchedTime, stage.completionTime, stage.failureReason,
        "Stage " + stage.stageKey + " of job " + stage.jobId + " (" + stage.kind + ")", stage.details, stage.parentIds,
        stage.metrics, tasks);
  }

  /** A job's mutable state, guarded by the store's monitor. */
  private static final class LiveJob {
    final int jobId;
    final String description;
    final long submissionTime;
    final List<Integer> stageIds;
    private StageGraph graph;
    /** The start event whose plan is cut into {@link #graph} on first use; null once cut or when unknown. */
    JobStartEvent pendingGraph;
    long completionTime = -1;
    JobExecutionStatus status = JobExecutionStatus.RUNNING;
    String failureReason;

    LiveJob(int jobId, String description, long submissionTime, List<Integer> stageIds, StageGraph graph) {
      this.jobId = jobId;
      this.description = description;
      this.submissionTime = submissionTime;
      this.stageIds = List.copyOf(stageIds);
      this.graph = graph;
    }

    StageGraph graph() {
      if (graph == null && pendingGraph != null) {
        graph = graphOf(pendingGraph);
        pendingGraph = null;
      }
      return graph;
    }
  }

  /** A stage attempt's mutable state, guarded by the store's monitor. */
  private static final class LiveStage {
    final int stageId;
    final int attempt;
    final int jobId;
    final int stageKey;
    final String kind;
    final int partitionCount;
    final List<Integer> parentIds;
    final String details;
    final long submissionTime;
    final Map<Long, LiveTask> tasks = new LinkedHashMap<>();
    StageStatus status = StageStatus.ACTIVE;
    long firstTaskLaunchedTime = -1;
    long completionTime = -1;
    String failureReason;
    int activeTasks;
    int completedTasks;
    int failedTasks;
    MetricsData metrics = MetricsData.ZERO;
    /** The successful tasks' metrics summed, for their per-operator values. */
    final TaskMetrics operators = new TaskMetrics();

    LiveStage(StageSubmittedEvent event) {
      stageId = event.stageId();
      attempt = event.attempt();
      jobId = event.jobId();
      stageKey = event.stageKey();
      kind = event.kind().name();
      partitionCount = event.partitionCount();
      parentIds = event.parentStageIds();
      details = event.planDescription();
      submissionTime = event.timeMillis();
    }
  }

  /** A task attempt's mutable state, guarded by the store's monitor. */
  private static final class LiveTask {
    final long taskId;
    final int index;
    final int attempt;
    final long launchTime;
    final String executorId;
    long duration = -1;
    String status = "RUNNING";
    String errorMessage;
    MetricsData metrics = MetricsData.ZERO;

    LiveTask(TaskStartEvent event) {
      taskId = event.taskId();
      index = event.partition();
      attempt = event.attempt();
      launchTime = event.timeMillis();
      executorId = event.executorId();
    }
  }

  /** An executor's mutable state, guarded by the store's monitor. */
  private static final class LiveExecutor {
    final String id;
    final String host;
    final int totalCores;
    final long maxMemory;
    final long addTime;
    long removeTime = -1;
    String removeReason;
    int activeTasks;
    int completedTasks;
    int failedTasks;
    long totalDuration;
    long totalShuffleRead;
    long totalShuffleWrite;

    LiveExecutor(ExecutorAddedEvent event) {
      id = event.executorId();
      host = event.host();
      totalCores = event.totalCores();
      maxMemory = event.maxMemoryBytes();
      addTime = event.timeMillis();
    }
  }

  /** For tests of retention: how many jobs and stages are kept now. */
  synchronized Map<String, Integer> sizes() {
    Map<String, Integer> sizes = new HashMap<>();
    sizes.put("jobs", jobs.size());
    sizes.put("stages", stages.size());
    return sizes;
  }
}
