package dev.ember.sql.integration;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.ember.sql.functions.avg;
import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.countDistinct;
import static dev.ember.sql.functions.first;
import static dev.ember.sql.functions.max;
import static dev.ember.sql.functions.min;
import static dev.ember.sql.functions.sum;
import static dev.ember.sql.integration.IntegrationSupport.assertSameRows;
import static dev.ember.sql.integration.IntegrationSupport.facts;
import static dev.ember.sql.integration.IntegrationSupport.row;
import static dev.ember.sql.integration.IntegrationSupport.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.sql.AnalysisException;
import dev.ember.sql.Column;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.types.DataTypes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** groupBy and global aggregates against plain Java: every aggregate, the null group, empty input. */
@Tag("integration")
@ExtendWith(EngineHygiene.class)
class AggregationIntegrationTest {
  private static final String CONFIGURATIONS = "dev.ember.sql.integration.IntegrationSupport#configurations";

  /** Plain-Java aggregates of one group. */
  private static final class Accumulator {
    long rows;
    long countV;
    Long sumV;
    double sumD;
    long countD;
    Long minV;
    Long maxV;
    Double maxD;
    LocalDate minDt;
    final Set<String> distinctG = new HashSet<>();

    void add(Row row) {
      rows++;
      Long v = (Long) row.get(3);
      Double d = (Double) row.get(4);
      LocalDate dt = (LocalDate) row.get(5);
      if (v != null) {
        countV++;
        sumV = sumV == null ? v : sumV + v;
        minV = minV == null ? v : Math.min(minV, v);
        maxV = maxV == null ? v : Math.max(maxV, v);
      }
      if (d != null) {
        countD++;
        sumD += d;
        maxD = maxD == null ? d : Math.max(maxD, d);
      }
      if (dt != null && (minDt == null || dt.isBefore(minDt))) {
        minDt = dt;
      }
      if (row.get(2) != null) {
        distinctG.add((String) row.get(2));
      }
    }

    Object[] values() {
      return new Object[] {rows, countV, sumV, countD == 0 ? null : sumD / countD, minV, maxV, maxD, minDt,
          (long) distinctG.size()};
    }
  }

  private static Column[] allAggregates() {
    return new Column[] {count(col("v")), sum(col("v")), avg(col("d")), min(col("v")), max(col("v")),
        max(col("d")), min(col("dt")), countDistinct(col("g"))};
  }

  private static List<Row> expectedByK(List<Row> input) {
    Map<Integer, Accumulator> groups = new LinkedHashMap<>();
    for (Row row : input) {
      groups.computeIfAbsent((Integer) row.get(1), key -> new Accumulator()).add(row);
    }
    List<Row> expected = new ArrayList<>();
    groups.forEach((k, accumulator) -> {
      Object[] values = accumulator.values();
      Object[] withKey = new Object[values.length + 1];
      withKey[0] = k;
      System.arraycopy(values, 0, withKey, 1, values.length);
      expected.add(row(withKey));
    });
    return expected;
  }

  @ParameterizedTest
  @MethodSource(CONFIGURATIONS)
  void groupByWithEveryAggregateAndANullGroup(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      List<Row> input = facts(4000, 11);
      DataFrame result = session.createDataFrame(input, IntegrationSupport.FACTS)
          .groupBy(col("k"))
          .agg(count(col("*")), allAggregates());
      assertThat(result.columns()).containsExactly("k", "count(1)", "count(v)", "sum(v)", "avg(d)", "min(v)", "max(v)",
          "max(d)", "min(dt)", "count(DISTINCT g)");
      assertThat(result.schema().apply("sum(v)").dataType()).isSameAs(DataTypes.LongType);
      assertThat(result.schema().apply("avg(d)").dataType()).isSameAs(DataTypes.DoubleType);
      assertThat(result.schema().apply("count(1)").nullable()).isFalse();
      List<Row> expected = expectedByK(input);
      assertThat(expected).anyMatch(row -> row.isNullAt(0));
      assertSameRows(result.collectAsList(), expected);
    }
  }

  @ParameterizedTest
  @MethodSource(CONFIGURATIONS)
  void globalAggregate(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      List<Row> input = facts(2500, 12);
      DataFrame result = session.createDataFrame(input, IntegrationSupport.FACTS).agg(count(col("*")), allAggregates());
      Accumulator all = new Accumulator();
      input.forEach(all::add);
      assertSameRows(result.collectAsList(), List.of(row(all.values())));
    }
  }

  @ParameterizedTest
  @MethodSource(CONFIGURATIONS)
  void emptyInput(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      DataFrame empty = session.createDataFrame(List.of(), IntegrationSupport.FACTS);
      assertThat(empty.groupBy("k").agg(count(col("*")), allAggregates()).collectAsList()).isEmpty();
      assertSameRows(empty.agg(count(col("*")), allAggregates()).collectAsList(),
          List.of(row(0L, 0L, null, null, null, null, null, null, 0L)));
      assertThat(empty.groupBy("g").count().count()).isZero();
      assertThat(empty.count()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource(CONFIGURATIONS)
  void groupedDataShortcuts(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      List<Row> input = facts(1200, 13);
      DataFrame frame = session.createDataFrame(input, IntegrationSupport.FACTS).select(col("g"), col("v"), col("id"));

      DataFrame counted = frame.groupBy("g").count();
      assertThat(counted.columns()).containsExactly("g", "count");
      Map<String, Long> counts = new LinkedHashMap<>();
      Map<String, Long> sums = new LinkedHashMap<>();
      Map<String, Long> maxIds = new LinkedHashMap<>();
      for (Row row : input) {
        String g = (String) row.get(2);
        counts.merge(g, 1L, Long::sum);
        maxIds.merge(g, (long) row.getInt(0), Math::max);
        if (row.get(3) != null) {
          sums.merge(g, (Long) row.get(3), Long::sum);
        }
      }
      List<Row> expectedCounts = new ArrayList<>();
      counts.forEach((g, c) -> expectedCounts.add(row(g, c)));
      assertSameRows(counted.collectAsList(), expectedCounts);

      DataFrame summed = frame.groupBy("g").sum("v");
      assertThat(summed.columns()).containsExactly("g", "sum(v)");
      List<Row> expectedSums = new ArrayList<>();
      counts.keySet().forEach(g -> expectedSums.add(row(g, sums.get(g))));
      assertSameRows(summed.collectAsList(), expectedSums);

      // no names: every numeric non-grouping column
      assertThat(frame.groupBy("g").max().columns()).containsExactly("g", "max(v)", "max(id)");
      List<Row> maxRows = frame.groupBy("g").max("id").collectAsList();
      List<Row> expectedMax = new ArrayList<>();
      maxIds.forEach((g, id) -> expectedMax.add(row(g, id.intValue())));
      assertSameRows(maxRows, expectedMax);
      assertThat(frame.groupBy("g").avg("v", "id").columns()).containsExactly("g", "avg(v)", "avg(id)");
      assertThat(frame.groupBy("g").min("v").columns()).containsExactly("g", "min(v)");
    }
  }

  @Test
  void numericShortcutsRejectOtherColumnsAtOnce() {
    try (EmberSession session = session("local[1]", 1)) {
      DataFrame frame = IntegrationSupport.factsFrame(session, 10, 14);
      assertThatThrownBy(() -> frame.groupBy("k").sum("g"))
          .isInstanceOf(AnalysisException.class)
          .hasMessage("\"g\" is not a numeric column. Aggregation function can only be applied on a numeric column.");
      assertThatThrownBy(() -> frame.groupBy("k").avg("nope"))
          .isInstanceOf(AnalysisException.class)
          .hasMessageContaining("nope");
    }
  }

  @Test
  void firstOfSingleValuedGroupsAndSkewedKeys() {
    try (EmberSession session = session("local[4]", 3)) {
      List<Row> input = facts(3000, 15);
      DataFrame result = session.createDataFrame(input, IntegrationSupport.FACTS)
          .groupBy(col("id").mod(3).as("m"))
          .agg(first(col("id").mod(3)).as("f"), count(col("k")).as("c"));
      Map<Integer, Long> counts = new LinkedHashMap<>();
      for (Row row : input) {
        counts.merge(row.getInt(0) % 3, row.isNullAt(1) ? 0L : 1L, Long::sum);
      }
      List<Row> expected = new ArrayList<>();
      counts.forEach((m, c) -> expected.add(row(m, m, c)));
      assertSameRows(result.collectAsList(), expected);
      assertThat(Objects.requireNonNull(result.schema().apply("c")).dataType()).isSameAs(DataTypes.LongType);
    }
  }
}
