package dev.ember.ui.render;

import dev.ember.catalyst.explain.OperatorNode;
import dev.ember.catalyst.explain.StageGraph;
import dev.ember.catalyst.explain.StageNode;
import dev.ember.core.metrics.OperatorMetric;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The web UI's HTML pages, written from status snapshots. Every page links the jar's stylesheet
 * and script ({@code /static/}, no CDN); the script polls the REST API and, when the
 * application's jobs changed, refreshes the page's {@code <main>} in place, so a running job
 * updates without a reload. {@code base} is the path the pages of this application live under
 * ({@code ""} for the live UI, {@code /history/<appId>} in the history server).
 */
public final class Pages {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Pages() {}

  public static String jobs(String base, ApplicationInfo app, List<JobData> jobs) {
    StringBuilder body = new StringBuilder();
    body.append("<h2>Jobs (").append(jobs.size()).append(")</h2>\n");
    body.append("<table class=\"jobs\"><thead><tr><th>Job Id</th><th>Description</th><th>Submitted</th>")
        .append("<th>Duration</th><th>Status</th><th>Stages: Succeeded/Total</th><th>Tasks: Succeeded/Total</th>")
        .append("</tr></thead><tbody>\n");
    for (JobData job : jobs) {
      int totalStages = job.stageIds().size();
      body.append("<tr class=\"job ").append(job.status().name().toLowerCase(Locale.ROOT)).append("\" data-job-id=\"")
          .append(job.jobId()).append("\"><td>").append(job.jobId()).append("</td><td><a href=\"").append(base)
          .append("/jobs/job/?id=").append(job.jobId()).append("\">").append(Html.escape(job.name()))
          .append("</a></td><td>").append(time(job.submissionTime())).append("</td><td>")
          .append(Html.duration(duration(job.submissionTime(), job.completionTime()))).append("</td><td>")
          .append(job.status()).append("</td><td>").append(job.numCompletedStages()).append('/').append(totalStages)
          .append(job.numSkippedStages() > 0 ? " (" + job.numSkippedStages() + " skipped)" : "").append("</td><td>")
          .append(progress(job.numCompletedTasks(), job.numActiveTasks(), job.numTasks() - job.numSkippedTasks()))
          .append("</td></tr>\n");
    }
    body.append("</tbody></table>\n");
    return page(base, app, "Jobs", body.toString());
  }

  public static String job(String base, ApplicationInfo app, JobData job, StageGraph graph, List<StageData> stages) {
    return job(base, app, job, graph, stages, null);
  }

  /** The job's page; {@code execution} (null: unknown) gives each operator of the plan its metrics. */
  public static String job(String base, ApplicationInfo app, JobData job, StageGraph graph, List<StageData> stages,
      SqlExecutionData execution) {
    StringBuilder body = new StringBuilder();
    body.append("<h2>Job ").append(job.jobId()).append(": ").append(Html.escape(job.name())).append("</h2>\n");
    body.append("<ul class=\"summary\"><li>Status: <b class=\"status\">").append(job.status()).append("</b></li>")
        .append("<li>Submitted: ").append(time(job.submissionTime())).append("</li><li>Duration: ")
        .append(Html.duration(duration(job.submissionTime(), job.completionTime()))).append("</li><li>Tasks: ")
        .append(progress(job.numCompletedTasks(), job.numActiveTasks(), job.numTasks())).append("</li>");
    if (job.failureReason() != null) {
      body.append("<li class=\"failure\">").append(Html.escape(job.failureReason())).append("</li>");
    }
    body.append("</ul>\n");
    Map<Integer, StageData> byKey = latestAttemptByKey(stages);
    if (graph != null) {
      Map<Integer, StageRuntime> runtime = new HashMap<>();
      for (StageNode stage : graph.stages()) {
        StageData ran = byKey.get(stage.id());
        runtime.put(stage.id(), ran == null
            ? new StageRuntime(job.completionTime() >= 0 ? "SKIPPED" : "PENDING", 0, stage.partitionCount(), 0)
            : new StageRuntime(ran.status().name(), ran.numCompleteTasks(), ran.numTasks(), ran.metrics().shuffleWriteBytes()));
      }
      body.append("<h3>DAG: stages and shuffles</h3>\n<div class=\"dag\">").append(DagSvg.render(graph, runtime))
          .append("</div>\n");
      body.append("<h3>Plan, by stage</h3>\n");
      for (StageNode stage : graph.stages()) {
        StageData ran = byKey.get(stage.id());
        body.append("<details open><summary>").append(Html.escape(stage.header()));
        if (ran != null) {
          MetricsData metrics = ran.metrics();
          body.append(" — rows out ").append(metrics.outputRecords()).append(", shuffle read ")
              .append(Html.bytes(metrics.shuffleReadBytes())).append(", shuffle write ")
              .append(Html.bytes(metrics.shuffleWriteBytes())).append(", spill ")
              .append(Html.bytes(metrics.diskBytesSpilled()));
        }
        body.append("</summary>");
        operatorTable(body, stage, execution);
        body.append("</details>\n");
      }
    } else {
      body.append("<p>The job's plan is not known (a replayed log without it): no picture.</p>\n");
    }
    body.append("<h3>Stages</h3>\n").append(stageTable(base, stages));
    return page(base, app, "Job " + job.jobId(), body.toString());
  }

  /** The metrics shown as columns of a stage's operator table, in order. */
  private static final List<String> OPERATOR_COLUMNS = List.of(OperatorMetric.OUTPUT_ROWS.label(),
      OperatorMetric.OUTPUT_BATCHES.label(), OperatorMetric.TIME_NANOS.label(), OperatorMetric.SPILL_BYTES.label(),
      OperatorMetric.PEAK_MEMORY.label(), OperatorMetric.BUILD_ROWS.label());

  /**
   * The stage's operators, one row each with its metrics (summed over the stage's tasks); an
   * exchange shows what its map stage wrote and what its readers read.
   */
  private static void operatorTable(StringBuilder body, StageNode stage, SqlExecutionData execution) {
    Map<Integer, SqlExecutionData.Node> nodes = new HashMap<>();
    if (execution != null) {
      execution.nodes().forEach(node -> nodes.put(node.nodeId(), node));
    }
    body.append("<table class=\"operators\"><thead><tr><th>Operator</th><th>Rows out</th><th>Batches</th>")
        .append("<th>Time</th><th>Spill</th><th>Peak memory</th><th>Build rows</th><th>Exchange</th></tr></thead><tbody>");
    for (OperatorNode operator : stage.operators()) {
      SqlExecutionData.Node node = nodes.get(operator.number());
      body.append("<tr class=\"operator\" data-operator=\"").append(operator.number()).append("\"><td><code>")
          .append(Html.escape(operator.line())).append("</code></td>");
      for (String column : OPERATOR_COLUMNS) {
        long value = node == null ? -1 : node.value(column);
        body.append("<td class=\"metric\">");
        if (value >= 0) {
          if (column.equals(OperatorMetric.TIME_NANOS.label())) {
            body.append(Html.duration(value / 1_000_000));
          } else if (column.equals(OperatorMetric.SPILL_BYTES.label()) || column.equals(OperatorMetric.PEAK_MEMORY.label())) {
            body.append(Html.bytes(value));
          } else {
            body.append(value);
          }
        }
        body.append("</td>");
      }
      body.append("<td class=\"metric\">");
      if (node != null && operator.wide()) {
        List<String> parts = new ArrayList<>();
        for (SqlExecutionData.Metric metric : node.metrics()) {
          parts.add(metric.name() + " " + metric.value());
        }
        body.append(Html.escape(String.join(", ", parts)));
      }
      body.append("</td></tr>");
    }
    body.append("</tbody></table>");
  }

  /** Spark's SQL tab: every execution (one per job) with its status and a link to its plan. */
  public static String executions(String base, ApplicationInfo app, List<SqlExecutionData> executions) {
    StringBuilder body = new StringBuilder("<h2>SQL / DataFrame executions (").append(executions.size()).append(")</h2>\n")
        .append("<table class=\"executions\"><thead><tr><th>Id</th><th>Description</th><th>Submitted</th>")
        .append("<th>Duration</th><th>Status</th><th>Operators</th></tr></thead><tbody>\n");
    for (int i = executions.size() - 1; i >= 0; i--) {
      SqlExecutionData execution = executions.get(i);
      body.append("<tr class=\"execution\"><td>").append(execution.id()).append("</td><td><a href=\"").append(base)
          .append("/SQL/execution/?id=").append(execution.id()).append("\">").append(Html.escape(execution.description()))
          .append("</a></td><td>").append(time(execution.submissionTime())).append("</td><td>")
          .append(Html.duration(execution.duration())).append("</td><td>").append(execution.status())
          .append("</td><td>").append(execution.nodes().size()).append("</td></tr>\n");
    }
    body.append("</tbody></table>\n");
    return page(base, app, "SQL", body.toString());
  }

  public static String stages(String base, ApplicationInfo app, List<StageData> stages) {
    return page(base, app, "Stages", "<h2>Stages (" + stages.size() + ")</h2>\n" + stageTable(base, stages));
  }

  public static String stage(String base, ApplicationInfo app, List<StageData> attempts) {
    StringBuilder body = new StringBuilder();
    StageData last = attempts.get(attempts.size() - 1);
    body.append("<h2>Stage ").append(last.stageId()).append(" (key ").append(last.stageKey()).append(" of <a href=\"")
        .append(base).append("/jobs/job/?id=").append(last.jobId()).append("\">job ").append(last.jobId())
        .append("</a>), ").append(last.kind()).append("</h2>\n");
    body.append("<pre class=\"details\">").append(Html.escape(last.details())).append("</pre>\n");
    for (StageData attempt : attempts) {
      MetricsData metrics = attempt.metrics();
      body.append("<h3>Attempt ").append(attempt.attemptId()).append(": <span class=\"status\">").append(attempt.status())
          .append("</span></h3>\n<ul class=\"summary\"><li>Tasks: ")
          .append(progress(attempt.numCompleteTasks(), attempt.numActiveTasks(), attempt.numTasks()))
          .append("</li><li>Rows out: ").append(metrics.outputRecords()).append("</li><li>Shuffle read: ")
          .append(Html.bytes(metrics.shuffleReadBytes())).append(" / ").append(metrics.shuffleReadRecords())
          .append(" records</li><li>Shuffle write: ").append(Html.bytes(metrics.shuffleWriteBytes())).append(" / ")
          .append(metrics.shuffleWriteRecords()).append(" records</li><li>Spill: ")
          .append(Html.bytes(metrics.diskBytesSpilled())).append("</li>");
      if (attempt.failureReason() != null) {
        body.append("<li class=\"failure\">").append(Html.escape(attempt.failureReason())).append("</li>");
      }
      body.append("</ul>\n<h4>Task timeline (one lane per executor slot)</h4>\n").append(timeline(attempt.tasks()));
      body.append("<table class=\"tasks\"><thead><tr><th>Task</th><th>Partition</th><th>Attempt</th><th>Status</th>")
          .append("<th>Executor</th><th>Launched</th><th>Duration</th><th>Rows</th><th>Shuffle read</th>")
          .append("<th>Shuffle write</th><th>Spill</th><th>Error</th></tr></thead><tbody>\n");
      for (TaskData task : attempt.tasks()) {
        MetricsData taskMetrics = task.metrics();
        body.append("<tr class=\"task\"><td>").append(task.taskId()).append("</td><td>").append(task.index())
            .append("</td><td>").append(task.attempt()).append("</td><td>").append(task.status()).append("</td><td>")
            .append(Html.escape(task.executorId())).append("</td><td>").append(time(task.launchTime()))
            .append("</td><td>").append(Html.duration(task.duration())).append("</td><td>")
            .append(taskMetrics.outputRecords()).append("</td><td>").append(Html.bytes(taskMetrics.shuffleReadBytes()))
            .append("</td><td>").append(Html.bytes(taskMetrics.shuffleWriteBytes())).append("</td><td>")
            .append(Html.bytes(taskMetrics.diskBytesSpilled())).append("</td><td>")
            .append(Html.escape(task.errorMessage() == null ? "" : task.errorMessage())).append("</td></tr>\n");
      }
      body.append("</tbody></table>\n");
    }
    return page(base, app, "Stage " + last.stageId(), body.toString());
  }

  public static String executors(String base, ApplicationInfo app, List<ExecutorSummary> executors) {
    StringBuilder body = new StringBuilder("<h2>Executors</h2>\n<table class=\"executors\"><thead><tr>")
        .append("<th>Id</th><th>Host</th><th>Status</th><th>Cores</th><th>Active tasks</th><th>Failed tasks</th>")
        .append("<th>Completed tasks</th><th>Task time</th><th>Shuffle read</th><th>Shuffle write</th>")
        .append("<th>Max memory</th><th>Added</th><th>Removed</th></tr></thead><tbody>\n");
    for (ExecutorSummary executor : executors) {
      body.append("<tr class=\"executor\"><td>").append(Html.escape(executor.id())).append("</td><td>")
          .append(Html.escape(executor.hostPort())).append("</td><td>").append(executor.isActive() ? "Active" : "Dead")
          .append("</td><td>").append(executor.totalCores()).append("</td><td>").append(executor.activeTasks())
          .append("</td><td>").append(executor.failedTasks()).append("</td><td>").append(executor.completedTasks())
          .append("</td><td>").append(Html.duration(executor.totalDuration())).append("</td><td>")
          .append(Html.bytes(executor.totalShuffleRead())).append("</td><td>")
          .append(Html.bytes(executor.totalShuffleWrite())).append("</td><td>").append(Html.bytes(executor.maxMemory()))
          .append("</td><td>").append(time(executor.addTime())).append("</td><td>")
          .append(executor.removeTime() < 0 ? "" : time(executor.removeTime()) + " " + Html.escape(executor.removeReason()))
          .append("</td></tr>\n");
    }
    body.append("</tbody></table>\n");
    return page(base, app, "Executors", body.toString());
  }

  public static String storage(String base, ApplicationInfo app, List<RddStorageInfo> cached) {
    StringBuilder body = new StringBuilder("<h2>Storage: cached DataFrames (").append(cached.size()).append(")</h2>\n")
        .append("<table class=\"storage\"><thead><tr><th>Cache id</th><th>Plan</th><th>Storage level</th>")
        .append("<th>Cached partitions</th><th>Size in memory</th><th>Size on disk</th></tr></thead><tbody>\n");
    for (RddStorageInfo rdd : cached) {
      body.append("<tr class=\"cached\"><td>").append(rdd.id()).append("</td><td><pre>").append(Html.escape(rdd.name()))
          .append("</pre></td><td>").append(Html.escape(rdd.storageLevel())).append("</td><td>")
          .append(rdd.numCachedPartitions()).append(rdd.numPartitions() >= 0 ? " / " + rdd.numPartitions() : "")
          .append("</td><td>").append(Html.bytes(rdd.memoryUsed())).append("</td><td>").append(Html.bytes(rdd.diskUsed()))
          .append("</td></tr>\n");
    }
    body.append("</tbody></table>\n");
    for (RddStorageInfo rdd : cached) {
      if (rdd.partitions().isEmpty()) {
        continue;
      }
      body.append("<h3>Cache ").append(rdd.id()).append(": partitions</h3>\n<table class=\"partitions\"><thead><tr>")
          .append("<th>Block</th><th>Storage level</th><th>Memory</th><th>Disk</th><th>Executors</th></tr></thead><tbody>");
      for (RddStorageInfo.Partition partition : rdd.partitions()) {
        body.append("<tr class=\"block\"><td>").append(Html.escape(partition.blockName())).append("</td><td>")
            .append(Html.escape(partition.storageLevel())).append("</td><td>").append(Html.bytes(partition.memoryUsed()))
            .append("</td><td>").append(Html.bytes(partition.diskUsed())).append("</td><td>")
            .append(Html.escape(String.join(", ", partition.executors()))).append("</td></tr>");
      }
      body.append("</tbody></table>\n");
    }
    return page(base, app, "Storage", body.toString());
  }

  /** The history server's first page: the replayed applications. */
  public static String applications(List<ApplicationInfo> apps) {
    StringBuilder body = new StringBuilder("<h2>Applications (").append(apps.size()).append(")</h2>\n")
        .append("<table class=\"applications\"><thead><tr><th>App Id</th><th>Name</th><th>Started</th>")
        .append("<th>Duration</th><th>Completed</th></tr></thead><tbody>\n");
    for (ApplicationInfo app : apps) {
      body.append("<tr><td><a href=\"/history/").append(Html.escape(app.id())).append("/jobs/\">")
          .append(Html.escape(app.id())).append("</a></td><td>").append(Html.escape(app.name())).append("</td><td>")
          .append(time(app.startTime())).append("</td><td>").append(Html.duration(app.duration())).append("</td><td>")
          .append(app.completed()).append("</td></tr>\n");
    }
    body.append("</tbody></table>\n");
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Ember history</title>"
        + "<link rel=\"stylesheet\" href=\"/static/ember-ui.css\"></head><body><header><b>Ember history</b></header>"
        + "<main>" + body + "</main></body></html>\n";
  }

  private static String stageTable(String base, List<StageData> stages) {
    StringBuilder table = new StringBuilder("<table class=\"stages\"><thead><tr><th>Stage Id</th><th>Attempt</th>")
        .append("<th>Job / key</th><th>Kind</th><th>Status</th><th>Submitted</th><th>Duration</th>")
        .append("<th>Tasks: Succeeded/Total</th><th>Rows out</th><th>Shuffle read</th><th>Shuffle write</th>")
        .append("<th>Spill</th></tr></thead><tbody>\n");
    for (StageData stage : stages) {
      MetricsData metrics = stage.metrics();
      table.append("<tr class=\"stage ").append(stage.status().name().toLowerCase(Locale.ROOT)).append("\"><td><a href=\"")
          .append(base).append("/stages/stage/?id=").append(stage.stageId()).append("\">").append(stage.stageId())
          .append("</a></td><td>").append(stage.attemptId()).append("</td><td>").append(stage.jobId()).append(" / ")
          .append(stage.stageKey()).append("</td><td>").append(stage.kind()).append("</td><td>").append(stage.status())
          .append("</td><td>").append(time(stage.submissionTime())).append("</td><td>")
          .append(Html.duration(duration(stage.submissionTime(), stage.completionTime()))).append("</td><td>")
          .append(progress(stage.numCompleteTasks(), stage.numActiveTasks(), stage.numTasks())).append("</td><td>")
          .append(metrics.outputRecords()).append("</td><td>").append(Html.bytes(metrics.shuffleReadBytes()))
          .append("</td><td>").append(Html.bytes(metrics.shuffleWriteBytes())).append("</td><td>")
          .append(Html.bytes(metrics.diskBytesSpilled())).append("</td></tr>\n");
    }
    return table.append("</tbody></table>\n").toString();
  }

  /**
   * Tasks as bars on a time axis, one lane per executor slot: a task goes to the first lane of its
   * executor that is free at its launch (the slots are not reported, so lanes are recovered from
   * the times, which is exact while an executor runs one task per slot).
   */
  static String timeline(List<TaskData> tasks) {
    if (tasks.isEmpty()) {
      return "<p>No task launched yet.</p>\n";
    }
    long now = System.currentTimeMillis();
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (TaskData task : tasks) {
      start = Math.min(start, task.launchTime());
      end = Math.max(end, task.duration() < 0 ? now : task.launchTime() + task.duration());
    }
    long span = Math.max(1, end - start);
    List<TaskData> sorted = new ArrayList<>(tasks);
    sorted.sort(Comparator.comparingLong(TaskData::launchTime).thenComparingLong(TaskData::taskId));
    Map<String, List<Long>> laneEnds = new LinkedHashMap<>();
    List<String> bars = new ArrayList<>();
    List<String> laneNames = new ArrayList<>();
    Map<String, Integer> laneRow = new HashMap<>();
    int width = 900;
    int left = 110;
    for (TaskData task : sorted) {
      long finish = task.duration() < 0 ? now : task.launchTime() + task.duration();
      List<Long> ends = laneEnds.computeIfAbsent(task.executorId(), id -> new ArrayList<>());
      int lane = -1;
      for (int i = 0; i < ends.size(); i++) {
        if (ends.get(i) <= task.launchTime()) {
          lane = i;
          break;
        }
      }
      if (lane < 0) {
        lane = ends.size();
        ends.add(finish);
        String name = "executor " + task.executorId() + " slot " + lane;
        laneRow.put(task.executorId() + "#" + lane, laneNames.size());
        laneNames.add(name);
      } else {
        ends.set(lane, finish);
      }
      int row = laneRow.get(task.executorId() + "#" + lane);
      double x = left + (double) (task.launchTime() - start) * (width - left - 10) / span;
      double w = Math.max(2, (double) (finish - task.launchTime()) * (width - left - 10) / span);
      String color = switch (task.status()) {
        case "SUCCESS" -> "#66bb6a";
        case "FAILED" -> "#ef5350";
        default -> "#ffca28";
      };
      bars.add(String.format(Locale.ROOT,
          "<rect class=\"task-bar\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"><title>task %d"
              + " partition %d attempt %d: %s, %s</title></rect>",
          x, 6 + row * 22, w, color, task.taskId(), task.index(), task.attempt(), task.status(),
          Html.duration(task.duration())));
    }
    int height = 12 + laneNames.size() * 22 + 16;
    StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"")
        .append(width).append("\" height=\"").append(height).append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
    for (int row = 0; row < laneNames.size(); row++) {
      svg.append("<text x=\"4\" y=\"").append(18 + row * 22).append("\">").append(Html.escape(laneNames.get(row)))
          .append("</text>\n");
    }
    bars.forEach(bar -> svg.append(bar).append('\n'));
    svg.append("<text x=\"").append(left).append("\" y=\"").append(height - 2).append("\">0</text><text x=\"")
        .append(width - 60).append("\" y=\"").append(height - 2).append("\">").append(Html.duration(span))
        .append("</text>\n</svg>\n");
    return svg.toString();
  }

  private static Map<Integer, StageData> latestAttemptByKey(List<StageData> stages) {
    Map<Integer, StageData> byKey = new HashMap<>();
    for (StageData stage : stages) {
      StageData known = byKey.get(stage.stageKey());
      if (known == null || known.attemptId() < stage.attemptId()) {
        byKey.put(stage.stageKey(), stage);
      }
    }
    return byKey;
  }

  private static String page(String base, ApplicationInfo app, String title, String body) {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + Html.escape(app.name()) + " - "
        + Html.escape(title) + "</title><link rel=\"stylesheet\" href=\"/static/ember-ui.css\"></head>\n"
        + "<body data-app-id=\"" + Html.escape(app.id()) + "\" data-api=\"/api/v1/applications/" + Html.escape(app.id())
        + "\">\n<header><b>Ember</b> " + Html.escape(app.name()) + " <span class=\"app-id\">" + Html.escape(app.id())
        + "</span><nav><a href=\"" + base + "/jobs/\">Jobs</a><a href=\"" + base + "/stages/\">Stages</a><a href=\""
        + base + "/executors/\">Executors</a><a href=\"" + base + "/storage/\">Storage</a><a href=\"" + base
        + "/SQL/\">SQL</a></nav></header>\n<main>\n"
        + body + "</main>\n<script src=\"/static/ember-ui.js\"></script>\n</body></html>\n";
  }

  private static String progress(int completed, int active, int total) {
    int percent = total <= 0 ? 0 : (int) Math.min(100, 100L * completed / total);
    return "<span class=\"progress\"><span class=\"bar\" style=\"width:" + percent + "%\"></span><span class=\"label\">"
        + completed + "/" + total + (active > 0 ? " (" + active + " running)" : "") + "</span></span>";
  }

  private static long duration(long start, long end) {
    if (start < 0) {
      return -1;
    }
    return (end < 0 ? System.currentTimeMillis() : end) - start;
  }

  private static String time(long epochMillis) {
    return epochMillis < 0 ? "" : TIME.format(Instant.ofEpochMilli(epochMillis));
  }
}
