package dev.ember.sql.integration;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.scheduler.JobFailedException;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.StageKind;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.task.InjectedTaskFailureException;
import dev.ember.core.task.RemoteTaskException;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberException;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How jobs run, seen through the job listener: stages cut at shuffles, task retries after an
 * injected failure, and a failing job that leaves the session usable.
 */
@ExtendWith(EngineHygiene.class)
class JobExecutionIntegrationTest {
  private static final StructType ORDERS = StructType.fromDDL("order_id INT NOT NULL, customer_id INT, amount BIGINT");
  private static final StructType CUSTOMERS = StructType.fromDDL("customer_id INT NOT NULL, country STRING");

  private EmberSession session;

  @AfterEach
  void stop() {
    if (session != null) {
      session.stop();
    }
  }

  private EmberSession start(Map<String, String> settings) {
    return start("local[4]", settings);
  }

  private EmberSession start(String master, Map<String, String> settings) {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    EmberSession.Builder builder = EmberSession.builder().appName("jobs").master(master)
        .config("ember.sql.shuffle.partitions", "4")
        // Shuffle both join sides, so the join itself is a wide transformation.
        .config("ember.sql.autoBroadcastJoinThreshold", "-1");
    settings.forEach(builder::config);
    session = builder.getOrCreate();
    return session;
  }

  /** Events arrive on the job's scheduling thread; the test reads them after the action returned. */
  private static final class Recorder implements JobListener {
    final List<StageSubmittedEvent> stages = Collections.synchronizedList(new ArrayList<>());
    final List<TaskEndEvent> taskEnds = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onStageSubmitted(StageSubmittedEvent event) {
      stages.add(event);
    }

    @Override
    public void onTaskEnd(TaskEndEvent event) {
      taskEnds.add(event);
    }
  }

  private static List<Row> orders(int count, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int id = 0; id < count; id++) {
      Integer customer = random.nextInt(20) == 0 ? null : random.nextInt(4) == 0 ? 1 : random.nextInt(50);
      rows.add(RowFactory.create(id, customer, (long) random.nextInt(1000)));
    }
    return rows;
  }

  private static List<Row> customers() {
    List<Row> rows = new ArrayList<>();
    for (int id = 0; id < 40; id++) {
      rows.add(RowFactory.create(id, "country-" + (id % 7)));
    }
    return rows;
  }

  private static DataFrame revenueByCountry(EmberSession session, List<Row> orders) {
    // One partition per slot: the job runs as several stages with several tasks each.
    DataFrame orderFrame = session.createDataFrame(orders, ORDERS, session.defaultParallelism());
    DataFrame customerFrame = session.createDataFrame(customers(), CUSTOMERS, session.defaultParallelism());
    return orderFrame.join(customerFrame, "customer_id")
        .groupBy("country")
        .agg(sum(col("amount")).as("revenue"), count(col("order_id")).as("orders"))
        .orderBy(col("revenue").desc(), col("country"));
  }

  /** The same answer in plain Java: sorted by revenue descending, then country. */
  private static List<List<Object>> expectedRevenue(List<Row> orders) {
    Map<Integer, String> countries = new TreeMap<>();
    for (Row customer : customers()) {
      countries.put(customer.getInt(0), customer.getString(1));
    }
    Map<String, long[]> totals = new TreeMap<>();
    for (Row order : orders) {
      Integer customer = (Integer) order.get(1);
      String country = customer == null ? null : countries.get(customer);
      if (country != null) {
        long[] total = totals.computeIfAbsent(country, key -> new long[2]);
        total[0] += order.getLong(2);
        total[1]++;
      }
    }
    List<List<Object>> expected = new ArrayList<>();
    totals.forEach((country, total) -> expected.add(List.of(country, total[0], total[1])));
    expected.sort((left, right) -> {
      int byRevenue = Long.compare((Long) right.get(1), (Long) left.get(1));
      return byRevenue != 0 ? byRevenue : ((String) left.get(0)).compareTo((String) right.get(0));
    });
    return expected;
  }

  private static List<List<Object>> values(List<Row> rows) {
    List<List<Object>> values = new ArrayList<>();
    for (Row row : rows) {
      values.add(List.of(row.get(0), row.get(1), row.get(2)));
    }
    return values;
  }

  @Test
  void joinGroupByOrderByRunsAsSeveralStagesCutAtShuffles() {
    EmberSession session = start(Map.of());
    List<Row> orders = orders(3000, 11);
    Recorder recorder = new Recorder();
    session.addJobListener(recorder);

    List<Row> result = revenueByCountry(session, orders).collectAsList();
    assertThat(session.waitUntilListenerBusEmpty(java.time.Duration.ofSeconds(30))).isTrue();

    assertThat(values(result)).isEqualTo(expectedRevenue(orders));
    List<StageSubmittedEvent> stages = recorder.stages;
    assertThat(stages.size()).isGreaterThanOrEqualTo(3);
    // Two shuffled join inputs and the aggregate's shuffle are map stages; the sort's range
    // exchange adds one more map stage (its sampling pass is skipped: seven countries fit one
    // partition); the last stage returns the rows.
    assertThat(stages.stream().filter(stage -> stage.kind() == StageKind.SHUFFLE_MAP).count()).isGreaterThanOrEqualTo(4);
    assertThat(stages).extracting(StageSubmittedEvent::kind).doesNotContain(StageKind.SAMPLE);
    StageSubmittedEvent last = stages.get(stages.size() - 1);
    assertThat(last.kind()).isEqualTo(StageKind.RESULT);
    assertThat(last.parentStageIds()).isNotEmpty();
    for (StageSubmittedEvent stage : stages) {
      for (int parent : stage.parentStageIds()) {
        // A parent either ran before or was skipped (never submitted), as the skipped sample stage.
        boolean submitted = stages.stream().anyMatch(any -> any.stageId() == parent);
        assertThat(!submitted || stages.stream().anyMatch(earlier -> earlier.stageId() == parent
            && stages.indexOf(earlier) < stages.indexOf(stage))).as("parent %d runs before stage %d", parent, stage.stageId()).isTrue();
      }
    }
  }

  @Test
  void aSortOfAFewRowsSkipsItsSampleStageAndASortOfManySamples() {
    EmberSession session = start(Map.of());
    Recorder recorder = new Recorder();
    session.addJobListener(recorder);
    List<Row> orders = orders(20_000, 13);
    DataFrame frame = session.createDataFrame(orders, ORDERS);

    // 50 customers and null: a few dozen partial rows reach the range exchange.
    List<Row> fewGroups = frame.groupBy(col("customer_id")).agg(sum(col("amount")).as("total"))
        .orderBy(col("total").desc(), col("customer_id")).collectAsList();
    assertThat(session.waitUntilListenerBusEmpty(java.time.Duration.ofSeconds(30))).isTrue();
    Map<Integer, Long> totals = new java.util.HashMap<>();
    for (Row order : orders) {
      totals.merge((Integer) order.get(1), (Long) order.get(2), Long::sum);
    }
    List<List<Object>> expected = new ArrayList<>();
    totals.forEach((customer, total) -> expected.add(java.util.Arrays.asList(customer, total)));
    expected.sort((left, right) -> {
      int byTotal = Long.compare((Long) right.get(1), (Long) left.get(1));
      return byTotal != 0 ? byTotal : java.util.Comparator.<Integer>nullsFirst(Integer::compare)
          .compare((Integer) left.get(0), (Integer) right.get(0));
    });
    List<List<Object>> actual = new ArrayList<>();
    fewGroups.forEach(row -> actual.add(java.util.Arrays.asList(row.get(0), row.get(1))));
    assertThat(actual).isEqualTo(expected);
    assertThat(recorder.stages).extracting(StageSubmittedEvent::kind).doesNotContain(StageKind.SAMPLE);

    // 20,000 rows through a shuffle: sampled for bounds as before, and sorted the same.
    recorder.stages.clear();
    List<Row> all = frame.repartition(3).orderBy(col("amount"), col("order_id")).collectAsList();
    assertThat(session.waitUntilListenerBusEmpty(java.time.Duration.ofSeconds(30))).isTrue();
    List<Row> sorted = new ArrayList<>(orders);
    sorted.sort(java.util.Comparator.comparingLong((Row row) -> (Long) row.get(2)).thenComparingInt(row -> (Integer) row.get(0)));
    assertThat(all).extracting(row -> row.get(0)).containsExactlyElementsOf(sorted.stream().map(row -> row.get(0)).toList());
    assertThat(recorder.stages).extracting(StageSubmittedEvent::kind).contains(StageKind.SAMPLE);
  }

  @Test
  void aTaskWhoseFirstAttemptFailsIsRetriedAndTheAnswerIsRight() {
    EmberSession session = start("local[4,2]", Map.of("test.ember.failTasks", "0:1:0"));
    List<Row> orders = orders(2000, 12);
    Recorder recorder = new Recorder();
    session.addJobListener(recorder);

    List<Row> result = revenueByCountry(session, orders).collectAsList();
    assertThat(session.waitUntilListenerBusEmpty(java.time.Duration.ofSeconds(30))).isTrue();

    assertThat(values(result)).isEqualTo(expectedRevenue(orders));
    List<TaskEndEvent> partitionOne = recorder.taskEnds.stream()
        .filter(end -> end.stageId() == 0 && end.partition() == 1).toList();
    assertThat(partitionOne).extracting(TaskEndEvent::attempt, TaskEndEvent::succeeded)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, false), org.assertj.core.groups.Tuple.tuple(1, true));
    assertThat(partitionOne.get(0).failure()).hasMessageContaining("injected failure of stage 0 partition 1 attempt 0");
  }

  @Test
  void aTaskThatAlwaysFailsFailsTheJobAndTheNextJobSucceeds() {
    EmberSession session = start("local[4,2]", Map.of("test.ember.failTasks", "0:*:*"));
    List<Row> orders = orders(500, 13);

    assertThatThrownBy(() -> revenueByCountry(session, orders).collectAsList())
        .isInstanceOf(EmberException.class)
        .cause()
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("stage 0")
        .hasMessageContaining("failed 2 times")
        .cause()
        .isInstanceOfSatisfying(RemoteTaskException.class,
            cause -> assertThat(cause.originalClassName()).isEqualTo(InjectedTaskFailureException.class.getName()));

    // Stage ids keep counting on the same session, so the rule no longer matches.
    List<Row> again = revenueByCountry(session, orders).collectAsList();
    assertThat(values(again)).isEqualTo(expectedRevenue(orders));
    assertThat(Objects.requireNonNull(session.range(10).count())).isEqualTo(10L);
  }
}
