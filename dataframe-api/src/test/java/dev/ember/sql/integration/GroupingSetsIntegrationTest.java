package dev.ember.sql.integration;

import static dev.ember.sql.integration.IntegrationSupport.assertSameRows;
import static dev.ember.sql.integration.IntegrationSupport.facts;
import static dev.ember.sql.integration.IntegrationSupport.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GROUPING SETS, ROLLUP and CUBE (with grouping() and grouping_id()), INTERSECT and EXCEPT, over
 * random tables with nulls in the grouping columns, checked against plain Java, on one partition and many.
 */
class GroupingSetsIntegrationTest {
  private EmberSession session;
  private List<Row> facts;
  private List<Row> others;

  private void start(String master, int partitions) {
    session = IntegrationSupport.session(master, partitions);
    facts = facts(200, 17);
    others = facts(90, 23);
    session.createDataFrame(facts, IntegrationSupport.FACTS).createOrReplaceTempView("facts");
    session.createDataFrame(others, IntegrationSupport.FACTS).createOrReplaceTempView("others");
  }

  @AfterEach
  void stop() {
    if (session != null) {
      session.stop();
    }
  }

  /**
   * The reference: for each set (indexes into [g, k]), the groups of the facts by the set's columns
   * (nulls a group of their own), as rows (g, k, sum(v), count(*), grouping(g), grouping(k), grouping_id).
   */
  private List<Row> expected(List<List<Integer>> sets) {
    List<Row> rows = new ArrayList<>();
    for (List<Integer> set : sets) {
      Map<List<Object>, List<Row>> groups = new LinkedHashMap<>();
      for (Row fact : facts) {
        Object g = set.contains(0) ? fact.get(2) : null;
        Object k = set.contains(1) ? fact.get(1) : null;
        groups.computeIfAbsent(Arrays.asList(g, k), key -> new ArrayList<>()).add(fact);
      }
      if (facts.isEmpty() && set.isEmpty()) {
        groups.put(Arrays.asList(null, null), List.of());
      }
      int groupingG = set.contains(0) ? 0 : 1;
      int groupingK = set.contains(1) ? 0 : 1;
      for (Map.Entry<List<Object>, List<Row>> group : groups.entrySet()) {
        List<Long> values = group.getValue().stream().filter(r -> !r.isNullAt(3)).map(r -> r.getLong(3)).toList();
        rows.add(row(group.getKey().get(0), group.getKey().get(1),
            values.isEmpty() ? null : values.stream().mapToLong(Long::longValue).sum(),
            (long) group.getValue().size(), groupingG, groupingK, (long) (groupingG * 2 + groupingK)));
      }
    }
    return rows;
  }

  private static final String AGGREGATES = ", sum(v) AS s, count(*) AS n, grouping(g) AS gg, grouping(k) AS gk,"
      + " grouping_id() AS gid FROM facts GROUP BY ";

  @ParameterizedTest(name = "{0}, {1} partitions")
  @MethodSource("dev.ember.sql.integration.IntegrationSupport#configurations")
  void rollupCubeAndGroupingSetsMatchTheReference(String master, int partitions) {
    start(master, partitions);
    assertSameRows(session.sql("SELECT g, k" + AGGREGATES + "ROLLUP (g, k)").collectAsList(),
        expected(List.of(List.of(0, 1), List.of(0), List.of())));
    assertSameRows(session.sql("SELECT g, k" + AGGREGATES + "CUBE (g, k)").collectAsList(),
        expected(List.of(List.of(0, 1), List.of(0), List.of(1), List.of())));
    assertSameRows(session.sql("SELECT g, k" + AGGREGATES + "GROUPING SETS ((g), (k), ())").collectAsList(),
        expected(List.of(List.of(0), List.of(1), List.of())));
    assertSameRows(session.sql("SELECT g, k" + AGGREGATES + "g, k WITH ROLLUP").collectAsList(),
        expected(List.of(List.of(0, 1), List.of(0), List.of())));
  }

  @ParameterizedTest(name = "{0}, {1} partitions")
  @MethodSource("dev.ember.sql.integration.IntegrationSupport#configurations")
  void groupingColumnsInExpressionsHavingAndOrderBy(String master, int partitions) {
    start(master, partitions);
    // grouping_id(g) has one bit, g's: grouping(g) as a long.
    List<Row> reference = expected(List.of(List.of(0), List.of()));
    List<Row> expected = new ArrayList<>();
    for (Row group : reference) {
      if ((long) group.getLong(3) > 20) {
        expected.add(row(group.get(0) == null ? null : group.getString(0) + "!", group.getLong(3), (long) group.getInt(4)));
      }
    }
    List<Row> actual = session.sql("SELECT concat(g, '!') AS label, count(*) AS n, grouping_id(g) AS id FROM facts"
        + " GROUP BY GROUPING SETS ((g), ()) HAVING count(*) > 20 ORDER BY id, label").collectAsList();
    assertSameRows(actual, expected);
    assertThat(actual.get(actual.size() - 1).getLong(2)).isEqualTo(1L);
    assertThat(session.sql("SELECT g AS name FROM facts GROUP BY ROLLUP (g)").columns()).containsExactly("name");
  }

  @ParameterizedTest(name = "{0}, {1} partitions")
  @MethodSource("dev.ember.sql.integration.IntegrationSupport#configurations")
  void intersectAndExceptUseHashJoinsAndTreatNullsAsEqual(String master, int partitions) {
    start(master, partitions);
    Set<List<Object>> left = new LinkedHashSet<>();
    facts.forEach(f -> left.add(Arrays.asList(f.get(1), f.get(2))));
    Set<List<Object>> right = new LinkedHashSet<>();
    others.forEach(o -> right.add(Arrays.asList(o.get(1), o.get(2))));
    List<Row> intersect = left.stream().filter(right::contains).map(key -> row(key.get(0), key.get(1))).toList();
    List<Row> except = left.stream().filter(key -> !right.contains(key)).map(key -> row(key.get(0), key.get(1))).toList();
    assertThat(intersect).isNotEmpty().anyMatch(r -> r.isNullAt(0) || r.isNullAt(1));
    String intersectSql = "SELECT k, g FROM facts INTERSECT SELECT k, g FROM others";
    assertSameRows(session.sql(intersectSql).collectAsList(), intersect);
    assertSameRows(session.sql("SELECT k, g FROM facts EXCEPT SELECT k, g FROM others").collectAsList(), except);
    String plan = session.sql(intersectSql).explainString("simple");
    assertThat(plan).doesNotContain("NestedLoop");
  }
}
