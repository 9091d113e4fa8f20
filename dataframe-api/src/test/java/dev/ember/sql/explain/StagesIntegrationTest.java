package dev.ember.sql.explain;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.explain.StageGraph;
import dev.ember.catalyst.explain.StageNode;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.JobStartEvent;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.StageKind;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.tpch.TpchQueries;
import dev.ember.sql.tpch.TpchTables;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code DataFrame.stages()} against the DAG scheduler: the stages a job really runs (listener
 * events) have the keys (explain's stage ids), kinds, task counts and parents the stage graph
 * predicted, both cut by the scheduler's one stage walk; and a join after
 * a join on the same key, then a groupBy on it, runs as one stage per input plus the result stage,
 * with the right rows.
 */
class StagesIntegrationTest {

  /** Records the first job's start and the first attempt of each of its stages. */
  private static final class StageRecorder implements JobListener {
    private JobStartEvent start;
    private final Map<Integer, StageSubmittedEvent> submitted = new TreeMap<>();

    @Override
    public synchronized void onJobStart(JobStartEvent event) {
      if (start == null) {
        start = event;
      }
    }

    /** Stage id to key of the first job's successful stage attempts. */
    private final Map<Integer, Integer> completed = new TreeMap<>();

    @Override
    public synchronized void onStageSubmitted(StageSubmittedEvent event) {
      if (start != null && event.jobId() == start.jobId() && event.attempt() == 0) {
        submitted.put(event.stageId(), event);
      }
    }

    @Override
    public synchronized void onStageCompleted(StageCompletedEvent event) {
      if (start != null && event.jobId() == start.jobId() && event.succeeded()) {
        completed.put(event.stageId(), event.stageKey());
      }
    }

    synchronized Map<Integer, Integer> submittedKeys() {
      Map<Integer, Integer> keys = new TreeMap<>();
      submitted.forEach((id, event) -> keys.put(id, event.stageKey()));
      return keys;
    }
  }

  private static EmberSession session(int shufflePartitions, String broadcastThreshold) {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    return EmberSession.builder().appName("stages").master("local[4]")
        .config("ember.sql.shuffle.partitions", Integer.toString(shufflePartitions))
        .config("ember.sql.autoBroadcastJoinThreshold", broadcastThreshold)
        .getOrCreate();
  }

  /** Runs the query and checks the job's stages against its stage graph; returns the rows. */
  private static List<Row> runAndCompare(EmberSession session, DataFrame frame) {
    StageGraph graph = frame.stages();
    StageRecorder recorder = new StageRecorder();
    session.addJobListener(recorder);
    List<Row> rows;
    try {
      rows = frame.collectAsList();
      assertThat(session.waitUntilListenerBusEmpty(java.time.Duration.ofSeconds(30))).isTrue();
    } finally {
      session.removeJobListener(recorder);
    }
    synchronized (recorder) {
      int first = recorder.start.stageIds().get(0);
      assertThat(recorder.start.stageIds()).as("job stage ids")
          .isEqualTo(graph.stages().stream().map(stage -> stage.id() + first).toList());
      int skipped = 0;
      for (StageNode stage : graph.stages()) {
        StageSubmittedEvent event = recorder.submitted.get(stage.id() + first);
        if (event == null) {
          // Only a sample stage may be skipped: its input fit one partition, so no bounds were needed.
          assertThat(stage.kind()).as("stage " + stage.id() + " was not submitted").isEqualTo(StageKind.SAMPLE);
          skipped++;
          continue;
        }
        // The key the event carries is the stage's id in explain: the shared walk's key.
        assertThat(event.stageKey()).as("key of stage " + stage.id()).isEqualTo(stage.id());
        assertThat(recorder.start.stageIds().get(event.stageKey())).as("id of stage " + stage.id()).isEqualTo(event.stageId());
        assertThat(event.kind()).as("kind of stage " + stage.id()).isEqualTo(stage.kind());
        assertThat(event.partitionCount()).as("tasks of stage " + stage.id()).isEqualTo(stage.partitionCount());
        assertThat(event.parentStageIds()).as("parents of stage " + stage.id())
            .isEqualTo(stage.parents().stream().map(parent -> parent + first).toList());
        assertThat(event.parentStageIds().stream().map(recorder.start.stageIds()::indexOf).toList())
            .as("parent keys of stage " + stage.id()).isEqualTo(stage.parents());
      }
      assertThat(recorder.submitted.keySet()).as("submitted stages").hasSize(graph.stages().size() - skipped);
      assertThat(recorder.completed).as("completed stages by key").isEqualTo(recorder.submittedKeys());
    }
    return rows;
  }

  @Test
  void theStageGraphIsWhatTheSchedulerRuns() {
    try (EmberSession session = session(4, "2k")) {
      TpchTables tables = new TpchTables(session, 60, 3);
      List<DataFrame> queries = new ArrayList<>();
      queries.add(TpchQueries.q3(tables));
      queries.add(TpchQueries.q5(tables));
      // An aggregate read twice is one stage.
      DataFrame perCustomer = tables.orders.groupBy(col("o_custkey")).agg(count(col("o_orderkey")).as("orders"));
      queries.add(perCustomer.union(perCustomer));
      // Round robin, one partition, a limit, a coalesce.
      queries.add(tables.lineitem.repartition(3).select(col("l_orderkey")).coalesce(2).limit(7));
      // A sort over a broadcast join, and a distinct.
      queries.add(tables.nation.join(tables.region, col("n_regionkey").equalTo(col("r_regionkey")))
          .select(col("r_name")).distinct().orderBy(col("r_name")));
      for (DataFrame query : queries) {
        runAndCompare(session, query);
      }
      assertThat(queries.get(3).stages().stages()).extracting(StageNode::kind)
          .containsExactly(StageKind.SHUFFLE_MAP, StageKind.SHUFFLE_MAP, StageKind.RESULT);
      assertThat(queries.get(2).stages().stages()).hasSize(2);
    }
  }

  private static final StructType A = StructType.fromDDL("k INT, x BIGINT");
  private static final StructType B = StructType.fromDDL("k INT, y BIGINT");
  private static final StructType C = StructType.fromDDL("k INT, z BIGINT");

  private static List<Row> rows(int count, int keys, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Integer key = random.nextInt(8) == 0 ? null : random.nextInt(3) == 0 ? 0 : random.nextInt(keys);
      rows.add(RowFactory.create(key, (long) random.nextInt(100)));
    }
    return rows;
  }

  /** key → sum of x·y·z over the inner join of the three tables on k (nulls never match). */
  private static Map<Integer, long[]> expected(List<Row> a, List<Row> b, List<Row> c) {
    Map<Integer, List<Long>> bByKey = group(b);
    Map<Integer, List<Long>> cByKey = group(c);
    Map<Integer, long[]> result = new HashMap<>();
    for (Row row : a) {
      if (row.isNullAt(0)) {
        continue;
      }
      int key = row.getInt(0);
      for (long y : bByKey.getOrDefault(key, List.of())) {
        for (long z : cByKey.getOrDefault(key, List.of())) {
          long[] sumAndCount = result.computeIfAbsent(key, k -> new long[2]);
          sumAndCount[0] += row.getLong(1) + y + z;
          sumAndCount[1]++;
        }
      }
    }
    return result;
  }

  private static Map<Integer, List<Long>> group(List<Row> rows) {
    Map<Integer, List<Long>> groups = new HashMap<>();
    for (Row row : rows) {
      if (!row.isNullAt(0)) {
        groups.computeIfAbsent(row.getInt(0), key -> new ArrayList<>()).add(row.getLong(1));
      }
    }
    return groups;
  }

  @Test
  void joinAfterJoinOnTheSameKeyThenGroupByRunsOneStagePerInputPlusTheResult() {
    List<Row> a = rows(400, 30, 1);
    List<Row> b = rows(150, 30, 2);
    List<Row> c = rows(120, 30, 3);
    Map<Integer, long[]> expected = expected(a, b, c);
    for (int shufflePartitions : new int[] {1, 4, 7}) {
      try (EmberSession session = session(shufflePartitions, "-1")) {
        int slots = session.defaultParallelism();
        DataFrame joined = session.createDataFrame(a, A, slots)
            .join(session.createDataFrame(b, B, slots), "k")
            .join(session.createDataFrame(c, C, slots), "k");
        Function<DataFrame, DataFrame> totals = frame -> frame
            .groupBy(col("k")).agg(sum(col("x").plus(col("y")).plus(col("z"))).as("total"), count(lit(1)).as("rows"));
        DataFrame grouped = totals.apply(joined);
        // Renaming the key on the way does not lose the partitioning either.
        DataFrame renamed = totals.apply(joined.select(col("k").as("key"), col("x"), col("y"), col("z")).withColumnRenamed("key", "k"));
        for (DataFrame query : List.of(grouped, renamed)) {
          StageGraph graph = query.stages();
          assertThat(graph.stages()).as(query.explainString("formatted")).extracting(StageNode::kind)
              .containsExactly(StageKind.SHUFFLE_MAP, StageKind.SHUFFLE_MAP, StageKind.SHUFFLE_MAP, StageKind.RESULT);
          assertThat(graph.resultStage().parents()).containsExactly(0, 1, 2);
          assertThat(graph.stage(2).parents()).isEmpty();
          String formatted = query.explainString("formatted");
          assertThat(formatted.split("Exchange \\[wide]", -1)).as(formatted).hasSize(4);
          if (shufflePartitions == 4) {
            GoldenFiles.assertMatches(query == grouped ? "join-join-groupby-formatted" : "join-join-renamed-groupby-formatted",
                formatted);
            GoldenFiles.assertMatches(query == grouped ? "join-join-groupby-simple" : "join-join-renamed-groupby-simple",
                query.explainString("simple"));
          }

          List<Row> rows = runAndCompare(session, query);
          Map<Integer, long[]> actual = new HashMap<>();
          for (Row row : rows) {
            assertThat(row.isNullAt(0)).isFalse();
            assertThat(actual.put(row.getInt(0), new long[] {row.getLong(1), row.getLong(2)})).as("one row per key").isNull();
          }
          assertThat(actual.keySet()).isEqualTo(expected.keySet());
          expected.forEach((key, sumAndCount) ->
              assertThat(actual.get(key)).as("key " + key + " with " + shufflePartitions + " partitions").containsExactly(sumAndCount));
        }
      }
    }
  }

  @Test
  void aSideAlreadyHashedOnPartOfTheKeysIsNotShuffledAgainAndTheResultsStayRight() {
    List<Row> a = rows(300, 12, 4);
    List<Row> b = rows(200, 12, 5);
    try (EmberSession session = session(4, "-1")) {
      // Hashed on k into 3 partitions, then joined on (k, x % 5 = y % 5): the right side is shuffled to match.
      DataFrame left = session.createDataFrame(a, A, session.defaultParallelism()).repartition(3, col("k")).withColumn("m", col("x").mod(5));
      DataFrame right = session.createDataFrame(b, B, session.defaultParallelism()).withColumnRenamed("k", "k2").withColumn("m2", col("y").mod(5));
      DataFrame joined = left.join(right, col("m").equalTo(col("m2")).and(col("k").equalTo(col("k2"))))
          .groupBy(col("k")).agg(sum(col("x").plus(col("y"))).as("total"));
      assertThat(joined.stages().stages()).hasSize(3);
      List<Row> rows = runAndCompare(session, joined);
      Map<Integer, Long> expected = new HashMap<>();
      for (Row l : a) {
        for (Row r : b) {
          if (!l.isNullAt(0) && !r.isNullAt(0) && l.getInt(0) == r.getInt(0) && l.getLong(1) % 5 == r.getLong(1) % 5) {
            expected.merge(l.getInt(0), l.getLong(1) + r.getLong(1), Long::sum);
          }
        }
      }
      Map<Integer, Long> actual = new HashMap<>();
      rows.forEach(row -> actual.put(row.getInt(0), row.getLong(1)));
      assertThat(actual).isEqualTo(expected);
      assertThat(Objects.requireNonNull(joined.stages().toMermaid())).startsWith("flowchart TD\n");
    }
  }
}
