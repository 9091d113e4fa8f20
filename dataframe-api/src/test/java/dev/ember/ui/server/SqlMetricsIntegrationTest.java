package dev.ember.ui.server;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.EngineHygiene;
import dev.ember.core.testing.TestSeeds;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import dev.ember.ui.api.ApiResponse;
import dev.ember.ui.api.RestApi;
import dev.ember.ui.eventlog.EventLogReplay;
import dev.ember.ui.status.AppStatusStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-operator metrics end to end: a session runs a filter + aggregate and a join on random rows
 * (null keys and values, duplicates), then {@code /api/v1/applications/{id}/sql} must show, for each
 * operator, the rows it really produced, computed here in plain Java; the job's page shows the
 * operators' table; and the replayed event log answers {@code /sql} exactly as the live run did.
 */
@ExtendWith(EngineHygiene.class)
class SqlMetricsIntegrationTest {
  private static final StructType FACTS = new StructType().add("k", DataTypes.LongType).add("v", DataTypes.LongType);
  private static final StructType KEYS = new StructType().add("key", DataTypes.LongType).add("name", DataTypes.StringType);

  @TempDir
  Path directory;

  @Test
  void theSqlEndpointCountsWhatEachOperatorProducedAndTheReplayAnswersTheSame() throws IOException {
    long seed = TestSeeds.seed(2027);
    Random random = new Random(seed);
    List<Row> facts = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      facts.add(RowFactory.create(random.nextInt(10) == 0 ? null : (long) random.nextInt(300),
          random.nextInt(10) == 0 ? null : (long) random.nextInt(1000) - 500));
    }
    List<Row> keys = new ArrayList<>();
    for (long key = 0; key < 40; key++) {
      keys.add(RowFactory.create(key % 7 == 3 ? null : key, "name" + key));
    }
    long threshold = 100;
    // Independently: rows passing the filter, their groups, and the join's matches.
    long passing = facts.stream().filter(row -> row.get(1) != null && row.getLong(1) > threshold).count();
    Set<Object> groups = new HashSet<>();
    facts.stream().filter(row -> row.get(1) != null && row.getLong(1) > threshold).forEach(row -> groups.add(row.get(0)));
    long matches = 0;
    for (Row fact : facts) {
      for (Row key : keys) {
        if (fact.get(0) != null && Objects.equals(fact.get(0), key.get(0))) {
          matches++;
        }
      }
    }

    Path logs = directory.resolve("events");
    Map<String, String> live = new LinkedHashMap<>();
    String appId;
    String why = TestSeeds.describe(seed);
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    try (EmberSession session = EmberSession.builder().appName("sql-metrics").master("local[2]")
        .config("ember.ui.port", "0").config("ember.eventLog.enabled", "true")
        .config("ember.eventLog.dir", logs.toString()).config("ember.sql.shuffle.partitions", "3").getOrCreate()) {
      DataFrame factFrame = session.createDataFrame(facts, FACTS);
      assertThat(factFrame.filter(col("v").gt(threshold)).groupBy("k").agg(sum(col("v"))).collectAsList())
          .hasSize(groups.size());
      assertThat(factFrame.join(session.createDataFrame(keys, KEYS), col("k").equalTo(col("key"))).count())
          .isEqualTo(matches);
      assertThat(session.waitUntilListenerBusEmpty(Duration.ofSeconds(30))).isTrue();
      String api = session.uiWebUrl().orElseThrow() + RestApi.PREFIX + "/applications/";
      appId = Http.object(Http.array(Http.json(api)).get(0)).get("id").toString();

      List<Object> executions = Http.array(Http.json(api + appId + "/sql"));
      assertThat(executions).as(why).hasSize(2);
      Map<String, Object> aggregation = Http.object(executions.get(0));
      assertThat(aggregation.get("status")).isEqualTo("COMPLETED");
      assertThat(Http.array(aggregation.get("successJobIds"))).containsExactly(aggregation.get("id"));
      Map<String, Object> filter = node(aggregation, "Filter");
      assertThat(metric(filter, "number of output rows")).as(why + ": the filter's rows").isEqualTo(passing);
      assertThat(metric(filter, "number of output batches")).isPositive();
      assertThat(metric(filter, "time (ns)")).isPositive();
      assertThat(metric(node(aggregation, "InMemoryScan"), "number of output rows")).isEqualTo(facts.size());
      // The final aggregate (the one that reads the exchange) outputs one row per group.
      List<Map<String, Object>> aggregates = nodes(aggregation, "HashAggregate");
      assertThat(aggregates).hasSize(2);
      Map<String, Object> finalAggregate = aggregates.get(1);
      assertThat(metric(finalAggregate, "number of output rows")).as(why).isEqualTo(groups.size());
      assertThat(metric(finalAggregate, "peak memory")).isPositive();
      assertThat(metric(finalAggregate, "spill size")).isZero();
      Map<String, Object> exchange = node(aggregation, "Exchange");
      assertThat(metric(exchange, "shuffle records written")).isEqualTo(metric(aggregates.get(0), "number of output rows"));
      assertThat(metric(exchange, "records read")).isEqualTo(metric(exchange, "shuffle records written"));
      assertThat(Http.array(aggregation.get("edges"))).isNotEmpty();

      Map<String, Object> joined = Http.object(executions.get(1));
      Map<String, Object> join = node(joined, "HashJoin");
      assertThat(metric(join, "number of output rows")).as(why + ": the join's matches").isEqualTo(matches);
      long buildRows = metric(join, "number of build rows");
      // Each task's table holds every key row with a key (the optimizer drops null join keys before
      // the join; a broadcast side is built, or adopted, once per task).
      long keyRows = keys.stream().filter(row -> row.get(0) != null).count();
      assertThat(buildRows % keyRows).as(why + ": build rows " + buildRows).isZero();
      assertThat(buildRows).isPositive();

      int jobId = Http.integer(aggregation.get("id"));
      Http.Answer page = Http.get(session.uiWebUrl().orElseThrow() + "/SQL/execution/?id=" + jobId);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains("class=\"operators\"").contains("<td class=\"metric\">" + passing + "</td>");
      assertThat(Http.get(session.uiWebUrl().orElseThrow() + "/SQL/").body()).contains("/SQL/execution/?id=" + jobId);

      for (String resource : List.of("sql", "sql/" + jobId, "sql/" + Http.integer(joined.get("id")), "sql?details=false")) {
        live.put(resource, Http.get(api + appId + "/" + resource).body());
      }
    }

    List<AppStatusStore> replayed = EventLogReplay.replayDirectory(logs, 1000, 1000);
    RestApi replayedApi = new RestApi(() -> replayed);
    for (Map.Entry<String, String> entry : live.entrySet()) {
      String[] pathAndQuery = entry.getKey().split("\\?");
      Map<String, String> query = pathAndQuery.length > 1 ? Map.of("details", "false") : Map.of();
      ApiResponse answer = replayedApi.get(RestApi.PREFIX + "/applications/" + appId + "/" + pathAndQuery[0], query);
      assertThat(answer.status()).as(entry.getKey()).isEqualTo(200);
      assertThat(answer.json()).as(entry.getKey()).isEqualTo(entry.getValue());
    }
    assertThat(replayedApi.get(RestApi.PREFIX + "/applications/" + appId + "/sql/999", Map.of()).status()).isEqualTo(404);
  }

  private static List<Map<String, Object>> nodes(Map<String, Object> execution, String name) {
    List<Map<String, Object>> found = new ArrayList<>();
    for (Object node : Http.array(execution.get("nodes"))) {
      if (name.equals(Http.object(node).get("nodeName"))) {
        found.add(Http.object(node));
      }
    }
    return found;
  }

  private static Map<String, Object> node(Map<String, Object> execution, String name) {
    List<Map<String, Object>> found = nodes(execution, name);
    assertThat(found).as("nodes named " + name + " in " + execution.get("planDescription")).hasSize(1);
    return found.get(0);
  }

  private static long metric(Map<String, Object> node, String name) {
    for (Object metric : Http.array(node.get("metrics"))) {
      if (name.equals(Http.object(metric).get("name"))) {
        return Long.parseLong((String) Http.object(metric).get("value"));
      }
    }
    throw new AssertionError("node " + node.get("nodeName") + " has no metric '" + name + "': " + node.get("metrics"));
  }
}
