package dev.ember.sql.integration;

import static dev.ember.sql.integration.IntegrationSupport.assertSameRows;
import static dev.ember.sql.integration.IntegrationSupport.facts;
import static dev.ember.sql.integration.IntegrationSupport.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.EngineHygiene;
import dev.ember.sql.AnalysisException;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code INTERSECT ALL} and {@code EXCEPT ALL} keep duplicates: a row that appears {@code m} times on
 * the left and {@code n} times on the right appears {@code min(m, n)} and {@code max(m - n, 0)} times.
 * Checked against multiset counts computed in plain Java over random tables with duplicates and
 * nulls (a null equals a null here, as in Spark), on one partition and many.
 */
@ExtendWith(EngineHygiene.class)
class SetOperationsAllIntegrationTest {
  private EmberSession session;
  private List<Row> facts;
  private List<Row> others;

  private void start(String master, int partitions) {
    session = IntegrationSupport.session(master, partitions);
    facts = facts(300, 31);
    others = facts(160, 37);
    session.createDataFrame(facts, IntegrationSupport.FACTS).createOrReplaceTempView("facts");
    session.createDataFrame(others, IntegrationSupport.FACTS).createOrReplaceTempView("others");
  }

  @AfterEach
  void stop() {
    if (session != null) {
      session.stop();
    }
  }

  /** Occurrences of each (k, g) pair of the rows, in first-seen order. */
  private static Map<List<Object>, Long> counts(List<Row> rows) {
    Map<List<Object>, Long> counts = new LinkedHashMap<>();
    for (Row row : rows) {
      counts.merge(Arrays.asList(row.get(1), row.get(2)), 1L, Long::sum);
    }
    return counts;
  }

  /** Each pair of the left, {@code copies(left count, right count)} times. */
  private List<Row> expected(BinaryOperator<Long> copies) {
    Map<List<Object>, Long> right = counts(others);
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<List<Object>, Long> pair : counts(facts).entrySet()) {
      long times = copies.apply(pair.getValue(), right.getOrDefault(pair.getKey(), 0L));
      for (long i = 0; i < times; i++) {
        rows.add(row(pair.getKey().get(0), pair.getKey().get(1)));
      }
    }
    return rows;
  }

  @ParameterizedTest(name = "{0}, {1} partitions")
  @MethodSource("dev.ember.sql.integration.IntegrationSupport#configurations")
  void intersectAllKeepsTheSmallerCountOfEachRow(String master, int partitions) {
    start(master, partitions);
    List<Row> expected = expected(Math::min);
    // The data must exercise the point: pairs present several times on both sides, and nulls.
    assertThat(expected.size()).isGreaterThan(new java.util.HashSet<>(expected).size());
    assertThat(expected).anyMatch(r -> r.isNullAt(0) || r.isNullAt(1));
    assertSameRows(session.sql("SELECT k, g FROM facts INTERSECT ALL SELECT k, g FROM others").collectAsList(),
        expected);
    // Reading one column of the result: pruning below the replication must not merge groups.
    assertSameRows(session.sql("SELECT k FROM (SELECT k, g FROM facts INTERSECT ALL SELECT k, g FROM others)")
        .collectAsList(), expected.stream().map(r -> row(r.get(0))).toList());
  }

  @ParameterizedTest(name = "{0}, {1} partitions")
  @MethodSource("dev.ember.sql.integration.IntegrationSupport#configurations")
  void exceptAllKeepsWhatTheRightDoesNotCancel(String master, int partitions) {
    start(master, partitions);
    List<Row> expected = expected((left, right) -> Math.max(left - right, 0));
    assertThat(expected.size()).isGreaterThan(new java.util.HashSet<>(expected).size());
    assertSameRows(session.sql("SELECT k, g FROM facts EXCEPT ALL SELECT k, g FROM others").collectAsList(),
        expected);
    // A side against itself: everything cancels, or everything stays.
    assertThat(session.sql("SELECT k, g FROM facts EXCEPT ALL SELECT k, g FROM facts").collectAsList()).isEmpty();
    assertSameRows(session.sql("SELECT k, g FROM facts INTERSECT ALL SELECT k, g FROM facts").collectAsList(),
        facts.stream().map(f -> row(f.get(1), f.get(2))).toList());
  }

  @ParameterizedTest(name = "{0}, {1} partitions")
  @MethodSource("dev.ember.sql.integration.IntegrationSupport#configurations")
  void emptySidesAndColumnsOfEveryTypeAndWidening(String master, int partitions) {
    start(master, partitions);
    assertThat(session.sql("SELECT k, g FROM facts INTERSECT ALL SELECT k, g FROM others WHERE id < 0")
        .collectAsList()).isEmpty();
    assertSameRows(session.sql("SELECT k, g FROM facts EXCEPT ALL SELECT k, g FROM others WHERE id < 0")
        .collectAsList(), facts.stream().map(f -> row(f.get(1), f.get(2))).toList());
    assertThat(session.sql("SELECT k, g FROM facts WHERE id < 0 EXCEPT ALL SELECT k, g FROM others")
        .collectAsList()).isEmpty();
    // Every column type at once, and an INT side widened to the other's BIGINT.
    List<Row> all = session.sql("SELECT k, g, v, d, dt FROM facts INTERSECT ALL SELECT k, g, v, d, dt FROM facts")
        .collectAsList();
    assertSameRows(all, facts.stream().map(f -> row(f.get(1), f.get(2), f.get(3), f.get(4), f.get(5))).toList());
    List<Row> widened = session.sql("SELECT k FROM facts INTERSECT ALL SELECT CAST(k AS BIGINT) FROM others")
        .collectAsList();
    assertThat(widened).allMatch(r -> r.isNullAt(0) || r.get(0) instanceof Long);
  }

  @Test
  void aRowRepeatedMoreThanABatchHoldsStreamsOutWhole() {
    session = IntegrationSupport.session("local[2]", 3);
    StructType schema = StructType.fromDDL("x INT, y STRING");
    List<Row> left = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      left.add(RowFactory.create(1, "same"));
    }
    left.add(RowFactory.create(2, null));
    left.add(RowFactory.create(2, null));
    session.createDataFrame(left, schema).createOrReplaceTempView("many");
    session.createDataFrame(List.of(RowFactory.create(1, "same"), RowFactory.create(2, null)), schema)
        .createOrReplaceTempView("few");
    List<Row> remaining = session.sql("SELECT * FROM many EXCEPT ALL SELECT * FROM few").collectAsList();
    assertThat(remaining).hasSize(10_000);
    assertThat(remaining.stream().filter(r -> r.getInt(0) == 1)).hasSize(9_999);
    assertThat(session.sql("SELECT count(*) FROM (SELECT * FROM many INTERSECT ALL SELECT * FROM many)")
        .collectAsList().get(0).getLong(0)).isEqualTo(10_002L);
    assertThat(session.sql("SELECT * FROM many EXCEPT ALL SELECT * FROM few").explainString("simple"))
        .contains("ReplicateRows");
  }

  @Test
  void columnCountsMustMatch() {
    session = IntegrationSupport.session("local[1]", 1);
    session.createDataFrame(facts(10, 1), IntegrationSupport.FACTS).createOrReplaceTempView("facts");
    assertThatThrownBy(() -> session.sql("SELECT k, g FROM facts INTERSECT ALL SELECT k FROM facts"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("NUM_COLUMNS_MISMATCH").hasMessageContaining("INTERSECT");
  }
}
