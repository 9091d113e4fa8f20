package dev.ember.sql.integration;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.integration.IntegrationSupport.assertSameRows;
import static dev.ember.sql.integration.IntegrationSupport.row;
import static dev.ember.sql.integration.IntegrationSupport.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.plan.PlanPartitions;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.types.StructType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The session on the real local engine: lifecycle, defaults, show, explain, every type end to end. */
@Tag("integration")
@ExtendWith(EngineHygiene.class)
class SessionIntegrationTest {
  @Test
  void localMasterDefaultsAndLifecycle() {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    EmberSession session = EmberSession.builder().master("local[3]").getOrCreate();
    try {
      assertThat(session.defaultParallelism()).isEqualTo(3);
      assertThat(session.conf().get("ember.sql.shuffle.partitions")).isEqualTo("3");
      assertThat(EmberSession.builder().getOrCreate()).isSameAs(session);
      assertThat(session.range(100).count()).isEqualTo(100);
    } finally {
      session.close();
    }
    session.close();
    assertThatThrownBy(() -> session.range(1)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("session is stopped");
    try (EmberSession single = EmberSession.builder().master("local").getOrCreate()) {
      assertThat(single).isNotSameAs(session);
      assertThat(single.defaultParallelism()).isEqualTo(1);
    }
  }

  @Test
  void aSmallTableIsOnePartitionAndItsGroupedCountRunsAsOneTaskWithoutAShuffle() {
    try (EmberSession session = session("local[2]", 2)) {
      StructType schema = StructType.fromDDL("id INT, category STRING, price DOUBLE");
      java.util.Random random = new java.util.Random(7);
      List<Row> rows = new java.util.ArrayList<>();
      java.util.Map<String, Long> expected = new java.util.TreeMap<>();
      for (int i = 0; i < 1_000; i++) {
        String category = i % 97 == 0 ? null : "category-" + random.nextInt(10);
        Double price = i % 53 == 0 ? null : random.nextDouble() * 100;
        rows.add(RowFactory.create(i, category, price));
        if (price != null && price > 25.0) {
          expected.merge(String.valueOf(category), 1L, Long::sum);
        }
      }
      java.util.List<dev.ember.core.scheduler.listener.StageSubmittedEvent> stages =
          java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      session.addJobListener(new dev.ember.core.scheduler.listener.JobListener() {
        @Override
        public void onStageSubmitted(dev.ember.core.scheduler.listener.StageSubmittedEvent event) {
          stages.add(event);
        }
      });

      DataFrame counted = session.createDataFrame(rows, schema).filter(col("price").gt(lit(25.0))).groupBy("category").count();
      java.util.Map<String, Long> actual = new java.util.TreeMap<>();
      for (Row row : counted.collectAsList()) {
        actual.put(String.valueOf(row.getString(0)), row.getLong(1));
      }
      assertThat(session.waitUntilListenerBusEmpty(java.time.Duration.ofSeconds(30))).isTrue();

      assertThat(actual).isEqualTo(expected);
      assertThat(counted.explainString("simple")).doesNotContain("Exchange");
      assertThat(stages).singleElement().satisfies(stage -> assertThat(stage.partitionCount()).isEqualTo(1));
      // Spread over the slots on request, the same query shuffles again, with the same answer.
      DataFrame spread = session.createDataFrame(rows, schema, 2).filter(col("price").gt(lit(25.0))).groupBy("category").count();
      assertThat(spread.explainString("simple")).contains("Exchange hashpartitioning");
      java.util.Map<String, Long> spreadCounts = new java.util.TreeMap<>();
      for (Row row : spread.collectAsList()) {
        spreadCounts.put(String.valueOf(row.getString(0)), row.getLong(1));
      }
      assertThat(spreadCounts).isEqualTo(expected);
    }
  }

  @Test
  void actionsOnAStoppedSessionFail() {
    EmberSession session = session("local[2]", 2);
    DataFrame frame = session.range(10).filter(col("id").gt(3));
    session.stop();
    assertThatThrownBy(frame::count).isInstanceOf(IllegalStateException.class).hasMessageContaining("session is stopped");
    assertThatThrownBy(frame::show).isInstanceOf(IllegalStateException.class).hasMessageContaining("session is stopped");
  }

  @Test
  void everyTypeRoundTripsThroughTheEngine() {
    try (EmberSession session = session("local[4]", 4)) {
      StructType schema = StructType.fromDDL("b BOOLEAN, i INT, l BIGINT, d DOUBLE, s STRING, dt DATE, ts TIMESTAMP");
      List<Row> rows = List.of(
          RowFactory.create(true, 1, 2L, 3.5, "x", LocalDate.of(1969, 12, 31), Instant.parse("1969-12-31T23:59:59.999999Z")),
          RowFactory.create(null, null, null, null, null, null, null),
          RowFactory.create(false, Integer.MIN_VALUE, Long.MAX_VALUE, Double.NaN, "", LocalDate.of(2024, 2, 29),
              Instant.parse("2024-02-29T12:00:00Z")),
          RowFactory.create(true, -1, -2L, -0.0, "日本", LocalDate.of(1, 1, 1), Instant.parse("0001-01-01T00:00:00Z")));
      DataFrame frame = session.createDataFrame(rows, schema);
      List<Row> back = frame.collectAsList();
      assertSameRows(back, rows);
      assertThat(back.get(0).schema()).isEqualTo(schema);
      assertThat(frame.count()).isEqualTo(4);
    }
  }

  @Test
  void showPrintsLikeSpark() {
    try (EmberSession session = session("local[2]", 2)) {
      DataFrame frame = session.range(0, 25).select(col("id"), lit("a very long string that exceeds twenty").as("text"),
          lit(null).as("nothing"));
      String text = captureOut(() -> frame.show(2));
      assertThat(text).isEqualTo(
          "+---+--------------------+-------+\n"
              + "| id|                text|nothing|\n"
              + "+---+--------------------+-------+\n"
              + "|  0|a very long strin...|   null|\n"
              + "|  1|a very long strin...|   null|\n"
              + "+---+--------------------+-------+\n"
              + "only showing top 2 rows\n"
              + "\n");
      assertThat(captureOut(frame::show)).contains("only showing top 20 rows");
      assertThat(frame.showString(30, 0, false)).doesNotContain("only showing").contains("|24 |");
    }
  }

  @Test
  void explainPrintsThePlans() {
    try (EmberSession session = session("local[2]", 2)) {
      DataFrame frame = session.range(100).groupBy(col("id").mod(3).as("m")).count();
      String simple = captureOut(frame::explain);
      assertThat(simple).startsWith("== Physical Plan ==\n");
      String extended = frame.explainString("extended");
      assertThat(extended).contains("== Analyzed Logical Plan ==\nm: bigint, count: bigint\n")
          .contains("== Optimized Logical Plan ==").contains("== Physical Plan ==");
      assertThat(frame.explainString("FORMATTED")).startsWith("== Physical Plan ==");
    }
  }

  @Test
  void derivedDataFramesAreIndependent() {
    try (EmberSession session = session("local[2]", 2)) {
      DataFrame base = session.range(10);
      DataFrame evens = base.filter(col("id").mod(2).equalTo(0));
      DataFrame plusOne = base.withColumn("next", col("id").plus(1));
      assertThat(base.count()).isEqualTo(10);
      assertThat(evens.count()).isEqualTo(5);
      assertThat(plusOne.columns()).containsExactly("id", "next");
      assertSameRows(plusOne.filter(col("id").lt(2)).collectAsList(), List.of(row(0L, 1L), row(1L, 2L)));
    }
  }

  @Test
  void partitionCountsFollowTheSlotsAndTheShufflePartitionSetting() {
    try (EmberSession session = session("local[4]", 4)) {
      DataFrame frame = IntegrationSupport.factsFrame(session, 100, 61);
      assertThat(PlanPartitions.count(frame.queryExecution().physical())).isEqualTo(4);
      assertThat(PlanPartitions.count(session.range(50).queryExecution().physical())).isEqualTo(4);
      session.conf().set("ember.sql.shuffle.partitions", "5");
      DataFrame grouped = frame.groupBy("k").count();
      assertThat(PlanPartitions.count(grouped.queryExecution().physical())).isEqualTo(5);
      assertThat(grouped.count()).isEqualTo(frame.select(col("k")).distinct().count());
    }
  }

  private static String captureOut(Runnable action) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }
}
