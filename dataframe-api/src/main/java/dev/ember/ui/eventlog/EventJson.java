package dev.ember.ui.eventlog;

import dev.ember.catalyst.explain.OperatorNode;
import dev.ember.catalyst.explain.StageGraph;
import dev.ember.catalyst.explain.StageNode;
import dev.ember.core.metrics.OperatorMetric;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.scheduler.listener.ExecutorAddedEvent;
import dev.ember.core.scheduler.listener.ExecutorRemovedEvent;
import dev.ember.core.scheduler.listener.JobEndEvent;
import dev.ember.core.scheduler.listener.JobStartEvent;
import dev.ember.core.scheduler.listener.ListenerEvent;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.StageKind;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.scheduler.listener.TaskStartEvent;
import dev.ember.ui.json.JsonWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One listener event as one JSON object and back, tagged by {@code "Event"} as Spark's event log
 * ({@code "JobStart"}, {@code "TaskEnd"}, ...). A job start carries its stage graph instead of its
 * plan (a plan is not data a log can hold); failures are kept as their messages.
 */
final class EventJson {
  private EventJson() {}

  /** A replayed failure: only its message survives the log. */
  static final class LoggedFailure extends RuntimeException {
    LoggedFailure(String message) {
      super(message, null, false, false);
    }
  }

  static String write(ListenerEvent event, StageGraph graph) {
    JsonWriter json = new JsonWriter().beginObject();
    switch (event) {
      case JobStartEvent start -> {
        json.name("Event").value("JobStart").name("jobId").value(start.jobId())
            .name("description").value(start.description()).name("stageIds");
        integers(json, start.stageIds());
        json.name("time").value(start.timeMillis());
        if (graph != null) {
          json.name("stageGraph");
          graph(json, graph);
        }
      }
      case JobEndEvent end -> json.name("Event").value("JobEnd").name("jobId").value(end.jobId())
          .name("succeeded").value(end.succeeded()).name("failure").value(message(end.failure()))
          .name("durationNanos").value(end.durationNanos()).name("time").value(end.timeMillis());
      case StageSubmittedEvent submitted -> {
        json.name("Event").value("StageSubmitted").name("stageId").value(submitted.stageId())
            .name("attempt").value(submitted.attempt()).name("jobId").value(submitted.jobId())
            .name("kind").value(submitted.kind().name()).name("partitionCount").value(submitted.partitionCount())
            .name("parentStageIds");
        integers(json, submitted.parentStageIds());
        json.name("planDescription").value(submitted.planDescription()).name("stageKey").value(submitted.stageKey())
            .name("time").value(submitted.timeMillis());
      }
      case StageCompletedEvent completed -> {
        json.name("Event").value("StageCompleted").name("stageId").value(completed.stageId())
            .name("attempt").value(completed.attempt()).name("jobId").value(completed.jobId())
            .name("succeeded").value(completed.succeeded()).name("failure").value(completed.failure())
            .name("metrics");
        metrics(json, completed.metrics());
        json.name("durationNanos").value(completed.durationNanos()).name("stageKey").value(completed.stageKey())
            .name("time").value(completed.timeMillis());
      }
      case TaskStartEvent start -> json.name("Event").value("TaskStart").name("taskId").value(start.taskId())
          .name("stageId").value(start.stageId()).name("stageAttempt").value(start.stageAttempt())
          .name("partition").value(start.partition()).name("attempt").value(start.attempt())
          .name("executorId").value(start.executorId()).name("time").value(start.timeMillis());
      case TaskEndEvent end -> {
        json.name("Event").value("TaskEnd").name("taskId").value(end.taskId()).name("stageId").value(end.stageId())
            .name("stageAttempt").value(end.stageAttempt()).name("partition").value(end.partition())
            .name("attempt").value(end.attempt()).name("executorId").value(end.executorId())
            .name("succeeded").value(end.succeeded()).name("failure").value(message(end.failure())).name("metrics");
        metrics(json, end.metrics());
        json.name("launchTime").value(end.launchTimeMillis()).name("time").value(end.timeMillis());
      }
      case ExecutorAddedEvent added -> json.name("Event").value("ExecutorAdded").name("executorId")
          .value(added.executorId()).name("host").value(added.host()).name("totalCores").value(added.totalCores())
          .name("maxMemory").value(added.maxMemoryBytes()).name("time").value(added.timeMillis());
      case ExecutorRemovedEvent removed -> json.name("Event").value("ExecutorRemoved").name("executorId")
          .value(removed.executorId()).name("reason").value(removed.reason()).name("time").value(removed.timeMillis());
    }
    return json.endObject().toString();
  }

  /** The event of a parsed line; a job start's stage graph goes to {@code graphs} (null when absent). */
  static ListenerEvent read(Map<String, Object> line, StageGraph[] graph) {
    String type = string(line, "Event");
    graph[0] = null;
    return switch (type) {
      case "JobStart" -> {
        if (line.get("stageGraph") != null) {
          graph[0] = graph(line.get("stageGraph"));
        }
        yield new JobStartEvent(integer(line, "jobId"), string(line, "description"), integers(line.get("stageIds")),
            number(line, "time"));
      }
      case "JobEnd" -> new JobEndEvent(integer(line, "jobId"), bool(line, "succeeded"), failure(line.get("failure")),
          number(line, "durationNanos"), number(line, "time"));
      case "StageSubmitted" -> new StageSubmittedEvent(integer(line, "stageId"), integer(line, "attempt"),
          integer(line, "jobId"), StageKind.valueOf(string(line, "kind")), integer(line, "partitionCount"),
          integers(line.get("parentStageIds")), string(line, "planDescription"), integer(line, "stageKey"),
          number(line, "time"));
      case "StageCompleted" -> new StageCompletedEvent(integer(line, "stageId"), integer(line, "attempt"),
          integer(line, "jobId"), bool(line, "succeeded"), (String) line.get("failure"), metrics(line.get("metrics")),
          number(line, "durationNanos"), integer(line, "stageKey"), number(line, "time"));
      case "TaskStart" -> new TaskStartEvent(number(line, "taskId"), integer(line, "stageId"),
          integer(line, "stageAttempt"), integer(line, "partition"), integer(line, "attempt"),
          string(line, "executorId"), number(line, "time"));
      case "TaskEnd" -> new TaskEndEvent(number(line, "taskId"), integer(line, "stageId"), integer(line, "stageAttempt"),
          integer(line, "partition"), integer(line, "attempt"), string(line, "executorId"), bool(line, "succeeded"),
          failure(line.get("failure")), metrics(line.get("metrics")), number(line, "launchTime"), number(line, "time"));
      case "ExecutorAdded" -> new ExecutorAddedEvent(string(line, "executorId"), string(line, "host"),
          integer(line, "totalCores"), number(line, "maxMemory"), number(line, "time"));
      case "ExecutorRemoved" -> new ExecutorRemovedEvent(string(line, "executorId"), string(line, "reason"),
          number(line, "time"));
      default -> throw new IllegalArgumentException("unknown event type '" + type + "'");
    };
  }

  private static void graph(JsonWriter json, StageGraph graph) {
    json.beginArray();
    for (StageNode stage : graph.stages()) {
      json.beginObject().name("id").value(stage.id()).name("kind").value(stage.kind().name())
          .name("partitionCount").value(stage.partitionCount()).name("parents");
      integers(json, stage.parents());
      json.name("operators").beginArray();
      for (OperatorNode operator : stage.operators()) {
        json.beginObject().name("number").value(operator.number()).name("name").value(operator.name())
            .name("wide").value(operator.wide()).name("detail").value(operator.detail()).name("children");
        integers(json, operator.children());
        json.name("output").beginArray();
        operator.output().forEach(json::value);
        json.endArray().endObject();
      }
      json.endArray().endObject();
    }
    json.endArray();
  }

  private static StageGraph graph(Object json) {
    List<StageNode> stages = new ArrayList<>();
    for (Object stageJson : list(json)) {
      Map<String, Object> stage = map(stageJson);
      List<OperatorNode> operators = new ArrayList<>();
      for (Object operatorJson : list(stage.get("operators"))) {
        Map<String, Object> operator = map(operatorJson);
        operators.add(new OperatorNode(integer(operator, "number"), string(operator, "name"), bool(operator, "wide"),
            string(operator, "detail"), integers(operator.get("children")),
            list(operator.get("output")).stream().map(String.class::cast).toList()));
      }
      stages.add(new StageNode(integer(stage, "id"), StageKind.valueOf(string(stage, "kind")),
          integer(stage, "partitionCount"), integers(stage.get("parents")), operators));
    }
    return new StageGraph(stages);
  }

  private static void metrics(JsonWriter json, TaskMetrics metrics) {
    TaskMetrics m = metrics == null ? new TaskMetrics() : metrics;
    json.beginObject().name("outputRows").value(m.outputRows()).name("outputBytes").value(m.outputBytes())
        .name("shuffleRecordsWritten").value(m.shuffleRecordsWritten()).name("shuffleBytesWritten")
        .value(m.shuffleBytesWritten()).name("shuffleRecordsRead").value(m.shuffleRecordsRead())
        .name("shuffleBytesRead").value(m.shuffleBytesRead()).name("shuffleRemoteBlocksRead")
        .value(m.shuffleRemoteBlocksRead()).name("shuffleRemoteBytesRead").value(m.shuffleRemoteBytesRead())
        .name("runTimeNanos").value(m.runTimeNanos()).name("spillCount").value(m.spillCount())
        .name("spillBytes").value(m.spillBytes()).name("peakExecutionMemory").value(m.peakExecutionMemory())
        .name("cachedBlocksRead").value(m.cachedBlocksRead()).name("cachedBlocksComputed")
        .value(m.cachedBlocksComputed());
    if (m.blockUpdateCount() > 0) {
      json.name("blocks").beginArray();
      for (int i = 0; i < m.blockUpdateCount(); i++) {
        json.beginArray().value(m.blockUpdateCacheId(i)).value(m.blockUpdatePartition(i)).value(m.blockUpdateMode(i))
            .value(m.blockUpdateMemoryBytes(i)).value(m.blockUpdateDiskBytes(i)).value(m.blockUpdateVersion(i)).endArray();
      }
      json.endArray();
    }
    if (m.operatorCount() > 0) {
      // One array per operator slot, the values in OperatorMetric's order.
      json.name("operators").beginArray();
      for (int slot = 0; slot < m.operatorCount(); slot++) {
        json.beginArray();
        for (OperatorMetric metric : OperatorMetric.ALL) {
          json.value(m.operatorValue(slot, metric));
        }
        json.endArray();
      }
      json.endArray();
    }
    json.endObject();
  }

  /** TaskMetrics has adders only: the counts are rebuilt by adding (a count is small: blocks, spill files). */
  private static TaskMetrics metrics(Object json) {
    Map<String, Object> m = map(json);
    TaskMetrics metrics = new TaskMetrics();
    metrics.addOutput(number(m, "outputRows"), number(m, "outputBytes"));
    metrics.addShuffleWrite(number(m, "shuffleRecordsWritten"), number(m, "shuffleBytesWritten"));
    metrics.addShuffleRead(number(m, "shuffleRecordsRead"), number(m, "shuffleBytesRead"));
    long remoteBlocks = number(m, "shuffleRemoteBlocksRead");
    for (long block = 0; block < remoteBlocks; block++) {
      metrics.addShuffleRemoteRead(block == 0 ? number(m, "shuffleRemoteBytesRead") : 0);
    }
    metrics.setRunTimeNanos(number(m, "runTimeNanos"));
    long spills = number(m, "spillCount");
    for (long spill = 0; spill < spills; spill++) {
      metrics.addSpill(spill == 0 ? number(m, "spillBytes") : 0);
    }
    metrics.updatePeakMemory(number(m, "peakExecutionMemory"));
    for (long block = number(m, "cachedBlocksRead"); block > 0; block--) {
      metrics.addCachedBlockRead();
    }
    for (long block = number(m, "cachedBlocksComputed"); block > 0; block--) {
      metrics.addCachedBlockComputed();
    }
    if (m.get("blocks") != null) {
      for (Object block : list(m.get("blocks"))) {
        List<Object> values = list(block);
        if (values.size() != 6) {
          throw new IllegalArgumentException("a block update has 6 values, got " + values);
        }
        metrics.addBlockUpdate(((Number) values.get(0)).intValue(), ((Number) values.get(1)).intValue(),
            ((Number) values.get(2)).intValue(), ((Number) values.get(3)).longValue(),
            ((Number) values.get(4)).longValue(), ((Number) values.get(5)).longValue());
      }
    }
    if (m.get("operators") != null) {
      List<Object> slots = list(m.get("operators"));
      for (int slot = slots.size() - 1; slot >= 0; slot--) {
        List<Object> values = list(slots.get(slot));
        if (values.size() != OperatorMetric.ALL.length) {
          throw new IllegalArgumentException("operator slot " + slot + " has " + values.size() + " values, expected "
              + OperatorMetric.ALL.length);
        }
        for (OperatorMetric metric : OperatorMetric.ALL) {
          metrics.setOperatorValue(slot, metric, ((Number) values.get(metric.ordinal())).longValue());
        }
      }
    }
    return metrics;
  }

  private static String message(Throwable failure) {
    return failure == null ? null : String.valueOf(failure.getMessage());
  }

  private static Throwable failure(Object message) {
    return message == null ? null : new LoggedFailure((String) message);
  }

  private static void integers(JsonWriter json, List<Integer> values) {
    json.beginArray();
    values.forEach(json::value);
    json.endArray();
  }

  private static List<Integer> integers(Object json) {
    return list(json).stream().map(value -> ((Number) value).intValue()).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object json) {
    if (!(json instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("a JSON object was expected, got " + json);
    }
    return (Map<String, Object>) json;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object json) {
    if (!(json instanceof List<?>)) {
      throw new IllegalArgumentException("a JSON array was expected, got " + json);
    }
    return (List<Object>) json;
  }

  private static String string(Map<String, Object> json, String name) {
    if (!(json.get(name) instanceof String value)) {
      throw new IllegalArgumentException("member '" + name + "' should be a string: " + json.get(name));
    }
    return value;
  }

  private static long number(Map<String, Object> json, String name) {
    if (!(json.get(name) instanceof Number value)) {
      throw new IllegalArgumentException("member '" + name + "' should be a number: " + json.get(name));
    }
    return value.longValue();
  }

  private static int integer(Map<String, Object> json, String name) {
    return Math.toIntExact(number(json, name));
  }

  private static boolean bool(Map<String, Object> json, String name) {
    if (!(json.get(name) instanceof Boolean value)) {
      throw new IllegalArgumentException("member '" + name + "' should be true or false: " + json.get(name));
    }
    return value;
  }
}
