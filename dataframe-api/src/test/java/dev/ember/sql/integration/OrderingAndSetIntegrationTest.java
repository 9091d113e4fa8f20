package dev.ember.sql.integration;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.integration.IntegrationSupport.assertRowEquals;
import static dev.ember.sql.integration.IntegrationSupport.assertSameRows;
import static dev.ember.sql.integration.IntegrationSupport.compareValues;
import static dev.ember.sql.integration.IntegrationSupport.facts;
import static dev.ember.sql.integration.IntegrationSupport.row;
import static dev.ember.sql.integration.IntegrationSupport.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.plan.PlanPartitions;
import dev.ember.sql.AnalysisException;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** orderBy, limit, distinct, dropDuplicates, union, unionByName, repartition, coalesce. */
@Tag("integration")
@ExtendWith(EngineHygiene.class)
class OrderingAndSetIntegrationTest {
  private static final String CONFIGURATIONS = "dev.ember.sql.integration.IntegrationSupport#configurations";

  /** Spark's order of one key: ascending puts nulls first, descending puts them last, unless asked. */
  private static Comparator<Row> byColumn(int index, boolean ascending, boolean nullsFirst) {
    return (left, right) -> {
      Object a = left.get(index);
      Object b = right.get(index);
      if (a == null || b == null) {
        if (a == null && b == null) {
          return 0;
        }
        return (a == null) == nullsFirst ? -1 : 1;
      }
      int order = compareValues(a, b);
      return ascending ? order : -order;
    };
  }

  @ParameterizedTest
  @MethodSource(CONFIGURATIONS)
  void orderByWithNullsAscendingAndDescending(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      List<Row> input = facts(3000, 31);
      DataFrame frame = session.createDataFrame(input, IntegrationSupport.FACTS);

      // k asc (nulls first), then v desc (nulls last), then id asc: a total order
      List<Row> expected = new ArrayList<>(input);
      expected.sort(byColumn(1, true, true).thenComparing(byColumn(3, false, false)).thenComparing(byColumn(0, true, true)));
      assertRowsInOrder(frame.orderBy(col("k"), col("v").desc(), col("id")).collectAsList(), expected);

      expected.sort(byColumn(2, false, true).thenComparing(byColumn(4, true, false)).thenComparing(byColumn(0, false, false)));
      assertRowsInOrder(
          frame.sort(col("g").desc_nulls_first(), col("d").asc_nulls_last(), col("id").desc()).collectAsList(), expected);

      expected.sort(byColumn(5, true, true).thenComparing(byColumn(0, true, true)));
      assertRowsInOrder(frame.orderBy("dt", "id").collectAsList(), expected);
    }
  }

  @ParameterizedTest
  @MethodSource(CONFIGURATIONS)
  void limitTakeHeadFirst(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      List<Row> input = facts(1000, 32);
      DataFrame sorted = session.createDataFrame(input, IntegrationSupport.FACTS).orderBy(col("id").desc());
      List<Row> expected = new ArrayList<>(input);
      expected.sort(byColumn(0, false, false));
      assertRowsInOrder(sorted.limit(7).collectAsList(), expected.subList(0, 7));
      assertRowsInOrder(List.of(sorted.take(3)), expected.subList(0, 3));
      assertRowEquals(sorted.head(), expected.get(0), "head");
      assertRowEquals(sorted.first(), expected.get(0), "first");
      assertThat(sorted.limit(0).collectAsList()).isEmpty();
      assertThat(sorted.limit(5000).count()).isEqualTo(1000);
      // an unsorted limit keeps some n rows of the input
      List<Row> some = session.createDataFrame(input, IntegrationSupport.FACTS).limit(10).collectAsList();
      assertThat(some).hasSize(10);
      assertThat(input).containsAll(some);
      DataFrame empty = session.createDataFrame(List.of(), IntegrationSupport.FACTS);
      assertThatThrownBy(empty::head).isInstanceOf(NoSuchElementException.class);
      assertThat(empty.take(5)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource(CONFIGURATIONS)
  void distinctAndDropDuplicates(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      List<Row> input = facts(2000, 33);
      DataFrame frame = session.createDataFrame(input, IntegrationSupport.FACTS).select(col("k"), col("g"));
      LinkedHashSet<Row> distinct = new LinkedHashSet<>();
      for (Row row : input) {
        distinct.add(RowFactory.create(row.get(1), row.get(2)));
      }
      assertSameRows(frame.distinct().collectAsList(), new ArrayList<>(distinct));
      assertSameRows(frame.dropDuplicates().collectAsList(), new ArrayList<>(distinct));

      // dropDuplicates(k): one row per k (null included); which g is kept is any of the group's
      DataFrame byK = session.createDataFrame(input, IntegrationSupport.FACTS).dropDuplicates("k");
      List<Row> kept = byK.collectAsList();
      Map<Object, List<Row>> groups = new LinkedHashMap<>();
      for (Row row : input) {
        groups.computeIfAbsent(row.get(1) == null ? "null" : row.get(1), key -> new ArrayList<>()).add(row);
      }
      assertThat(kept).hasSize(groups.size());
      for (Row row : kept) {
        assertThat(groups.get(row.get(1) == null ? "null" : row.get(1))).contains(row);
      }
    }
  }

  @ParameterizedTest
  @MethodSource(CONFIGURATIONS)
  void unionAndUnionByName(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      List<Row> first = facts(400, 34);
      List<Row> second = facts(300, 35);
      DataFrame a = session.createDataFrame(first, IntegrationSupport.FACTS);
      DataFrame b = session.createDataFrame(second, IntegrationSupport.FACTS);
      assertSameRows(a.union(b).collectAsList(), IntegrationSupport.concat(first, second));
      assertSameRows(a.union(a).collectAsList(), IntegrationSupport.concat(first, first));

      DataFrame reordered = b.select(col("dt"), col("d"), col("v"), col("g"), col("k"), col("id"));
      assertSameRows(a.unionByName(reordered).collectAsList(), IntegrationSupport.concat(first, second));
      assertThatThrownBy(() -> a.union(b.select(col("id"))))
          .isInstanceOf(AnalysisException.class);
    }
  }

  @ParameterizedTest
  @MethodSource(CONFIGURATIONS)
  void repartitionAndCoalesceKeepEveryRow(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      List<Row> input = facts(2000, 36);
      DataFrame frame = session.createDataFrame(input, IntegrationSupport.FACTS);

      DataFrame roundRobin = frame.repartition(5);
      assertThat(PlanPartitions.count(roundRobin.queryExecution().physical())).isEqualTo(5);
      assertSameRows(roundRobin.collectAsList(), input);

      DataFrame byKey = frame.repartition(3, col("k"));
      assertThat(PlanPartitions.count(byKey.queryExecution().physical())).isEqualTo(3);
      assertSameRows(byKey.collectAsList(), input);

      DataFrame coalesced = frame.repartition(6).coalesce(2);
      assertThat(PlanPartitions.count(coalesced.queryExecution().physical())).isEqualTo(2);
      assertSameRows(coalesced.collectAsList(), input);
      assertThat(frame.coalesce(1).count()).isEqualTo(2000);
      assertThatThrownBy(() -> frame.repartition(0)).isInstanceOfAny(IllegalArgumentException.class, AnalysisException.class);
    }
  }

  @Test
  void rangeWithStepsAndPartitions() {
    try (EmberSession session = session("local[4]", 4)) {
      assertThat(session.range(1000).count()).isEqualTo(1000);
      List<Row> expected = new ArrayList<>();
      for (long i = 10; i > -7; i -= 3) {
        expected.add(row(i));
      }
      assertSameRows(session.range(10, -7, -3, 3).collectAsList(), expected);
      assertThat(session.range(5, 5).count()).isZero();
    }
  }

  @Test
  void stringSortKeysAndEmptyStrings() {
    try (EmberSession session = session("local[2]", 2)) {
      DataFrame frame = session.createDataFrame(List.of(
          RowFactory.create("b"), RowFactory.create(""), RowFactory.create((Object) null), RowFactory.create("a"),
          RowFactory.create("B")), StructType.fromDDL("s STRING"));
      assertRowsInOrder(frame.orderBy("s").collectAsList(),
          List.of(row((Object) null), row(""), row("B"), row("a"), row("b")));
      assertRowsInOrder(frame.orderBy(col("s").desc()).collectAsList(),
          List.of(row("b"), row("a"), row("B"), row(""), row((Object) null)));
    }
  }

  private static void assertRowsInOrder(List<Row> actual, List<Row> expected) {
    IntegrationSupport.assertSameRowsInOrder(actual, expected);
  }
}
