package dev.ember.ui.api;

import dev.ember.ui.json.JsonWriter;
import dev.ember.ui.status.AppStatusStore;
import dev.ember.ui.status.ApplicationInfo;
import dev.ember.ui.status.ExecutorSummary;
import dev.ember.ui.status.JobData;
import dev.ember.ui.status.MetricsData;
import dev.ember.ui.status.RddStorageInfo;
import dev.ember.ui.status.SqlExecutionData;
import dev.ember.ui.status.StageData;
import dev.ember.ui.status.TaskData;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers {@code GET /api/v1/...} paths as Spark's REST API does, with its field names, so Spark
 * tooling can read Ember's. Dates are written as Spark writes them ({@code
 * 2024-01-31T12:00:00.000GMT}); an absent optional value is left out. Thread-safe: it keeps no
 * state of its own.
 */
public final class RestApi {
  public static final String PREFIX = "/api/v1";
  private static final DateTimeFormatter SPARK_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Supplier<List<AppStatusStore>> applications;

  /** {@code applications}: the applications served (one live session, or the replayed logs). */
  public RestApi(Supplier<List<AppStatusStore>> applications) {
    this.applications = Objects.requireNonNull(applications, "applications is null");
  }

  /**
   * The answer to {@code path} (starting with {@link #PREFIX}) with {@code query} parameters: 200
   * and the JSON, or 404 naming what was not found, or 400 for a malformed number.
   */
  public ApiResponse get(String path, Map<String, String> query) {
    if (!path.startsWith(PREFIX)) {
      return notFound("not an API path: " + path);
    }
    String[] parts = path.substring(PREFIX.length()).replaceAll("^/+|/+$", "").split("/+");
    try {
      return route(parts, query);
    } catch (NumberFormatException badNumber) {
      return new ApiResponse(400, error("bad number in " + path + ": " + badNumber.getMessage()));
    }
  }

  private ApiResponse route(String[] parts, Map<String, String> query) {
    if (parts.length == 0 || !parts[0].equals("applications")) {
      return notFound("unknown API path; try " + PREFIX + "/applications");
    }
    if (parts.length == 1) {
      JsonWriter json = new JsonWriter().beginArray();
      for (AppStatusStore store : applications.get()) {
        application(json, store.application());
      }
      return ok(json.endArray());
    }
    Optional<AppStatusStore> found = applications.get().stream()
        .filter(store -> store.application().id().equals(parts[1])).findFirst();
    if (found.isEmpty()) {
      return notFound("unknown app: " + parts[1]);
    }
    AppStatusStore store = found.get();
    if (parts.length == 2) {
      return ok(application(new JsonWriter(), store.application()));
    }
    String resource = parts[2];
    return switch (resource) {
      case "jobs" -> parts.length == 3 ? jobs(store, query.get("status")) : job(store, Integer.parseInt(parts[3]));
      case "stages" -> switch (parts.length) {
        case 3 -> stages(store, query.get("status"));
        case 4 -> stage(store, Integer.parseInt(parts[3]), -1);
        default -> stage(store, Integer.parseInt(parts[3]), Integer.parseInt(parts[4]));
      };
      case "executors" -> executors(store, true);
      case "allexecutors" -> executors(store, false);
      case "storage" -> parts.length == 4 && parts[3].equals("rdd") ? storage(store)
          : parts.length == 5 && parts[3].equals("rdd") ? cache(store, Integer.parseInt(parts[4]))
          : notFound("try storage/rdd");
      case "sql" -> parts.length == 3 ? executions(store, query) : execution(store, Integer.parseInt(parts[3]), query);
      default -> notFound("unknown resource: " + resource);
    };
  }

  private static ApiResponse jobs(AppStatusStore store, String status) {
    JsonWriter json = new JsonWriter().beginArray();
    for (JobData job : store.jobs()) {
      if (status == null || job.status().name().equalsIgnoreCase(status)) {
        job(json, job);
      }
    }
    return ok(json.endArray());
  }

  private static ApiResponse job(AppStatusStore store, int jobId) {
    return store.job(jobId).map(job -> ok(job(new JsonWriter(), job))).orElseGet(() -> notFound("unknown job: " + jobId));
  }

  private static ApiResponse stages(AppStatusStore store, String status) {
    JsonWriter json = new JsonWriter().beginArray();
    for (StageData stage : store.stages()) {
      if (status == null || stage.status().name().equalsIgnoreCase(status)) {
        stage(json, stage, false);
      }
    }
    return ok(json.endArray());
  }

  /** All attempts of the stage (a list, as Spark), or the one attempt asked for. */
  private static ApiResponse stage(AppStatusStore store, int stageId, int attemptId) {
    List<StageData> attempts = store.stage(stageId);
    if (attempts.isEmpty()) {
      return notFound("unknown stage: " + stageId);
    }
    if (attemptId >= 0) {
      return attempts.stream().filter(stage -> stage.attemptId() == attemptId).findFirst()
          .map(stage -> ok(stage(new JsonWriter(), stage, true)))
          .orElseGet(() -> notFound("unknown attempt " + attemptId + " of stage " + stageId));
    }
    JsonWriter json = new JsonWriter().beginArray();
    for (StageData stage : attempts) {
      stage(json, stage, true);
    }
    return ok(json.endArray());
  }

  private static ApiResponse executors(AppStatusStore store, boolean activeOnly) {
    JsonWriter json = new JsonWriter().beginArray();
    for (ExecutorSummary executor : store.executors()) {
      if (activeOnly && !executor.isActive()) {
        continue;
      }
      json.beginObject()
          .name("id").value(executor.id())
          .name("hostPort").value(executor.hostPort())
          .name("isActive").value(executor.isActive())
          .name("rddBlocks").value(0)
          .name("memoryUsed").value(0)
          .name("diskUsed").value(0)
          .name("totalCores").value(executor.totalCores())
          .name("maxTasks").value(executor.maxTasks())
          .name("activeTasks").value(executor.activeTasks())
          .name("failedTasks").value(executor.failedTasks())
          .name("completedTasks").value(executor.completedTasks())
          .name("totalTasks").value(executor.totalTasks())
          .name("totalDuration").value(executor.totalDuration())
          .name("totalGCTime").value(0)
          .name("totalInputBytes").value(0)
          .name("totalShuffleRead").value(executor.totalShuffleRead())
          .name("totalShuffleWrite").value(executor.totalShuffleWrite())
          .name("isBlacklisted").value(false)
          .name("maxMemory").value(executor.maxMemory())
          .name("addTime").value(date(executor.addTime()));
      if (executor.removeTime() >= 0) {
        json.name("removeTime").value(date(executor.removeTime()));
      }
      json.optional("removeReason", executor.removeReason())
          .name("executorLogs").beginObject().endObject()
          .endObject();
    }
    return ok(json.endArray());
  }

  /** Spark's {@code /sql?details=true&offset=0&length=20}: executions by id, with their nodes unless details=false. */
  private static ApiResponse executions(AppStatusStore store, Map<String, String> query) {
    boolean details = !"false".equalsIgnoreCase(query.getOrDefault("details", "true"));
    int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
    int length = Integer.parseInt(query.getOrDefault("length", "20"));
    List<SqlExecutionData> all = store.executions();
    JsonWriter json = new JsonWriter().beginArray();
    for (int i = Math.max(0, offset); i < all.size() && i < (long) Math.max(0, offset) + Math.max(0, length); i++) {
      execution(json, all.get(i), details);
    }
    return ok(json.endArray());
  }

  private static ApiResponse execution(AppStatusStore store, int id, Map<String, String> query) {
    boolean details = !"false".equalsIgnoreCase(query.getOrDefault("details", "true"));
    return store.execution(id).map(execution -> ok(execution(new JsonWriter(), execution, details)))
        .orElseGet(() -> notFound("unknown execution: " + id));
  }

  private static JsonWriter execution(JsonWriter json, SqlExecutionData execution, boolean details) {
    json.beginObject()
        .name("id").value(execution.id())
        .name("status").value(execution.status())
        .name("description").value(execution.description())
        .name("planDescription").value(execution.planDescription())
        .name("submissionTime").value(date(execution.submissionTime()))
        .name("duration").value(execution.duration());
    jobIds(json, "runningJobIds", execution.runningJobIds());
    jobIds(json, "successJobIds", execution.successJobIds());
    jobIds(json, "failedJobIds", execution.failedJobIds());
    if (details) {
      json.name("nodes").beginArray();
      for (SqlExecutionData.Node node : execution.nodes()) {
        json.beginObject()
            .name("nodeId").value(node.nodeId())
            .name("nodeName").value(node.nodeName())
            .name("metrics").beginArray();
        for (SqlExecutionData.Metric metric : node.metrics()) {
          // Spark writes metric values as text; so does Ember (a plain number).
          json.beginObject().name("name").value(metric.name()).name("value").value(Long.toString(metric.value()))
              .endObject();
        }
        json.endArray()
            // Ember's own: the operator's details and the stage that runs it.
            .name("detail").value(node.detail())
            .name("stageId").value(node.stageId())
            .endObject();
      }
      json.endArray().name("edges").beginArray();
      for (SqlExecutionData.Edge edge : execution.edges()) {
        json.beginObject().name("fromId").value(edge.fromId()).name("toId").value(edge.toId()).endObject();
      }
      json.endArray();
    }
    return json.endObject();
  }

  private static void jobIds(JsonWriter json, String name, List<Integer> ids) {
    json.name(name).beginArray();
    ids.forEach(json::value);
    json.endArray();
  }

  private static ApiResponse storage(AppStatusStore store) {
    JsonWriter json = new JsonWriter().beginArray();
    for (RddStorageInfo rdd : store.storage()) {
      cache(json, rdd);
    }
    return ok(json.endArray());
  }

  private static ApiResponse cache(AppStatusStore store, int id) {
    return store.storage().stream().filter(rdd -> rdd.id() == id).findFirst()
        .map(rdd -> ok(cache(new JsonWriter(), rdd))).orElseGet(() -> notFound("unknown cached DataFrame: " + id));
  }

  private static JsonWriter cache(JsonWriter json, RddStorageInfo rdd) {
    json.beginObject()
        .name("id").value(rdd.id())
        .name("name").value(rdd.name())
        .name("numPartitions").value(rdd.numPartitions())
        .name("numCachedPartitions").value(rdd.numCachedPartitions())
        .name("storageLevel").value(rdd.storageLevel())
        .name("memoryUsed").value(rdd.memoryUsed())
        .name("diskUsed").value(rdd.diskUsed())
        .name("partitions").beginArray();
    for (RddStorageInfo.Partition partition : rdd.partitions()) {
      json.beginObject()
          .name("blockName").value(partition.blockName())
          .name("storageLevel").value(partition.storageLevel())
          .name("memoryUsed").value(partition.memoryUsed())
          .name("diskUsed").value(partition.diskUsed())
          .name("executors").beginArray();
      partition.executors().forEach(json::value);
      json.endArray().endObject();
    }
    return json.endArray().endObject();
  }

  private static JsonWriter application(JsonWriter json, ApplicationInfo app) {
    json.beginObject()
        .name("id").value(app.id())
        .name("name").value(app.name())
        .name("attempts").beginArray().beginObject()
        .name("startTime").value(date(app.startTime()))
        .name("endTime").value(date(app.endTime() < 0 ? -1 : app.endTime()))
        .name("lastUpdated").value(date(app.lastUpdated()))
        .name("duration").value(app.duration())
        .name("sparkUser").value(app.sparkUser())
        .name("completed").value(app.completed())
        .name("appSparkVersion").value(app.appSparkVersion())
        .name("startTimeEpoch").value(app.startTime())
        .name("endTimeEpoch").value(app.endTime())
        .name("lastUpdatedEpoch").value(app.lastUpdated())
        .endObject().endArray()
        .endObject();
    return json;
  }

  private static JsonWriter job(JsonWriter json, JobData job) {
    json.beginObject()
        .name("jobId").value(job.jobId())
        .name("name").value(job.name())
        .name("submissionTime").value(date(job.submissionTime()));
    if (job.completionTime() >= 0) {
      json.name("completionTime").value(date(job.completionTime()));
    }
    json.name("stageIds").beginArray();
    job.stageIds().forEach(json::value);
    json.endArray()
        .name("status").value(job.status().name())
        .name("numTasks").value(job.numTasks())
        .name("numActiveTasks").value(job.numActiveTasks())
        .name("numCompletedTasks").value(job.numCompletedTasks())
        .name("numSkippedTasks").value(job.numSkippedTasks())
        .name("numFailedTasks").value(job.numFailedTasks())
        .name("numKilledTasks").value(0)
        .name("numCompletedIndices").value(job.numCompletedTasks())
        .name("numActiveStages").value(job.numActiveStages())
        .name("numCompletedStages").value(job.numCompletedStages())
        .name("numSkippedStages").value(job.numSkippedStages())
        .name("numFailedStages").value(job.numFailedStages())
        .name("killedTasksSummary").beginObject().endObject()
        .optional("failureReason", job.failureReason())
        .endObject();
    return json;
  }

  private static JsonWriter stage(JsonWriter json, StageData stage, boolean withTasks) {
    MetricsData metrics = stage.metrics();
    json.beginObject()
        .name("status").value(stage.status().name())
        .name("stageId").value(stage.stageId())
        .name("attemptId").value(stage.attemptId())
        .name("numTasks").value(stage.numTasks())
        .name("numActiveTasks").value(stage.numActiveTasks())
        .name("numCompleteTasks").value(stage.numCompleteTasks())
        .name("numFailedTasks").value(stage.numFailedTasks())
        .name("numKilledTasks").value(0)
        .name("numCompletedIndices").value(stage.numCompleteTasks())
        .name("executorRunTime").value(metrics.executorRunTime())
        .name("executorCpuTime").value(0);
    if (stage.submissionTime() >= 0) {
      json.name("submissionTime").value(date(stage.submissionTime()));
    }
    if (stage.firstTaskLaunchedTime() >= 0) {
      json.name("firstTaskLaunchedTime").value(date(stage.firstTaskLaunchedTime()));
    }
    if (stage.completionTime() >= 0) {
      json.name("completionTime").value(date(stage.completionTime()));
    }
    json.optional("failureReason", stage.failureReason())
        .name("inputBytes").value(0)
        .name("inputRecords").value(0)
        .name("outputBytes").value(metrics.outputBytes())
        .name("outputRecords").value(metrics.outputRecords())
        .name("shuffleReadBytes").value(metrics.shuffleReadBytes())
        .name("shuffleReadRecords").value(metrics.shuffleReadRecords())
        .name("shuffleWriteBytes").value(metrics.shuffleWriteBytes())
        .name("shuffleWriteRecords").value(metrics.shuffleWriteRecords())
        .name("memoryBytesSpilled").value(metrics.memoryBytesSpilled())
        .name("diskBytesSpilled").value(metrics.diskBytesSpilled())
        .name("peakExecutionMemory").value(metrics.peakExecutionMemory())
        .name("name").value(stage.name())
        .name("details").value(stage.details())
        .name("schedulingPool").value("default")
        .name("rddIds").beginArray().endArray()
        .name("accumulatorUpdates").beginArray().endArray()
        .name("killedTasksSummary").beginObject().endObject()
        // Ember's own: the stage's job, its key there (as explain shows it), its kind and parents.
        .name("jobIds").beginArray().value(stage.jobId()).endArray()
        .name("stageKey").value(stage.stageKey())
        .name("kind").value(stage.kind())
        .name("parentIds").beginArray();
    stage.parentIds().forEach(json::value);
    json.endArray();
    if (withTasks) {
      json.name("tasks").beginObject();
      for (TaskData task : stage.tasks()) {
        json.name(Long.toString(task.taskId()));
        task(json, task);
      }
      json.endObject();
    }
    return json.endObject();
  }

  private static void task(JsonWriter json, TaskData task) {
    MetricsData metrics = task.metrics();
    json.beginObject()
        .name("taskId").value(task.taskId())
        .name("index").value(task.index())
        .name("attempt").value(task.attempt())
        .name("partitionId").value(task.index())
        .name("launchTime").value(date(task.launchTime()));
    if (task.duration() >= 0) {
      json.name("duration").value(task.duration());
    }
    json.name("executorId").value(task.executorId())
        .name("host").value(task.host())
        .name("status").value(task.status())
        .name("taskLocality").value("PROCESS_LOCAL")
        .name("speculative").value(false)
        .name("accumulatorUpdates").beginArray().endArray()
        .optional("errorMessage", task.errorMessage())
        .name("taskMetrics").beginObject()
        .name("executorDeserializeTime").value(0)
        .name("executorDeserializeCpuTime").value(0)
        .name("executorRunTime").value(metrics.executorRunTime())
        .name("executorCpuTime").value(0)
        .name("resultSize").value(0)
        .name("jvmGcTime").value(0)
        .name("resultSerializationTime").value(0)
        .name("memoryBytesSpilled").value(metrics.memoryBytesSpilled())
        .name("diskBytesSpilled").value(metrics.diskBytesSpilled())
        .name("peakExecutionMemory").value(metrics.peakExecutionMemory())
        .name("inputMetrics").beginObject().name("bytesRead").value(0).name("recordsRead").value(0).endObject()
        .name("outputMetrics").beginObject()
        .name("bytesWritten").value(metrics.outputBytes()).name("recordsWritten").value(metrics.outputRecords()).endObject()
        .name("shuffleReadMetrics").beginObject()
        .name("remoteBlocksFetched").value(metrics.remoteBlocksFetched())
        .name("localBlocksFetched").value(0)
        .name("fetchWaitTime").value(0)
        .name("remoteBytesRead").value(metrics.remoteBytesRead())
        .name("remoteBytesReadToDisk").value(0)
        .name("localBytesRead").value(metrics.shuffleReadBytes() - metrics.remoteBytesRead())
        .name("recordsRead").value(metrics.shuffleReadRecords())
        .endObject()
        .name("shuffleWriteMetrics").beginObject()
        .name("bytesWritten").value(metrics.shuffleWriteBytes())
        .name("writeTime").value(0)
        .name("recordsWritten").value(metrics.shuffleWriteRecords())
        .endObject()
        .endObject()
        .endObject();
  }

  /** Spark's date text; -1 (not reached) as the epoch's, as Spark writes a running app's endTime. */
  static String date(long epochMillis) {
    return SPARK_DATE.format(Instant.ofEpochMilli(Math.max(-1, epochMillis)));
  }

  private static ApiResponse ok(JsonWriter json) {
    return new ApiResponse(200, json.toString());
  }

  private static ApiResponse notFound(String message) {
    return new ApiResponse(404, error(message));
  }

  private static String error(String message) {
    return new JsonWriter().beginObject().name("message").value(message).endObject().toString();
  }
}
