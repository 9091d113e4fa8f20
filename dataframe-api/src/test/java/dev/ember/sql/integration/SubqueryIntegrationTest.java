package dev.ember.sql.integration;

import static dev.ember.sql.integration.IntegrationSupport.assertSameRows;
import static dev.ember.sql.integration.IntegrationSupport.facts;
import static dev.ember.sql.integration.IntegrationSupport.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.sql.AnalysisException;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Correlated and uncorrelated subqueries (EXISTS, NOT EXISTS, IN, NOT IN, scalar in the select
 * list, WHERE and HAVING) over random tables with nulls, skewed keys and duplicates, each answer
 * checked against a plain Java evaluation with SQL's three-valued logic, on one partition and many.
 * Columns: id INT NOT NULL, k INT, g STRING, v BIGINT, d DOUBLE, dt DATE (facts f, others o).
 */
class SubqueryIntegrationTest {
  private EmberSession session;
  private List<Row> facts;
  private List<Row> others;

  private void start(String master, int partitions) {
    session = IntegrationSupport.session(master, partitions);
    facts = facts(150, 11);
    others = facts(60, 5);
    session.createDataFrame(facts, IntegrationSupport.FACTS).createOrReplaceTempView("facts");
    session.createDataFrame(others, IntegrationSupport.FACTS).createOrReplaceTempView("others");
    session.createDataFrame(List.of(), IntegrationSupport.FACTS).createOrReplaceTempView("empty");
  }

  @AfterEach
  void stop() {
    if (session != null) {
      session.stop();
    }
  }

  /** SQL's {@code a = b}: null when either side is null. */
  private static Boolean equal(Object left, Object right) {
    return left == null || right == null ? null : left.equals(right);
  }

  private List<Row> idsWhere(Predicate<Row> predicate) {
    return facts.stream().filter(predicate).map(f -> row(f.getInt(0))).toList();
  }

  private boolean anyOther(Row fact, BiPredicate<Row, Row> condition) {
    return others.stream().anyMatch(o -> condition.test(fact, o));
  }

  @ParameterizedTest(name = "{0}, {1} partitions")
  @MethodSource("dev.ember.sql.integration.IntegrationSupport#configurations")
  void correlatedExistsAndNotExists(String master, int partitions) {
    start(master, partitions);
    BiPredicate<Row, Row> matches = (f, o) -> Boolean.TRUE.equals(equal(o.get(2), f.get(2)))
        && !o.isNullAt(3) && !f.isNullAt(3) && o.getLong(3) > f.getLong(3);
    String subquery = "(SELECT * FROM others o WHERE o.g = f.g AND o.v > f.v)";
    assertSameRows(session.sql("SELECT id FROM facts f WHERE EXISTS " + subquery).collectAsList(),
        idsWhere(f -> anyOther(f, matches)));
    assertSameRows(session.sql("SELECT id FROM facts f WHERE NOT EXISTS " + subquery).collectAsList(),
        idsWhere(f -> !anyOther(f, matches)));
    // Unqualified names resolve in the subquery first: k is the subquery's, f.id the outer one's.
    assertSameRows(session.sql("SELECT id FROM facts f WHERE f.id > 100 AND EXISTS (SELECT * FROM others WHERE k = f.k)")
        .collectAsList(), idsWhere(f -> f.getInt(0) > 100 && anyOther(f, (x, o) -> Boolean.TRUE.equals(equal(o.get(1), x.get(1))))));
  }

  @ParameterizedTest(name = "{0}, {1} partitions")
  @MethodSource("dev.ember.sql.integration.IntegrationSupport#configurations")
  void correlatedInAndNotInKeepSqlNullSemantics(String master, int partitions) {
    start(master, partitions);
    BiPredicate<Row, Row> sameGroup = (f, o) -> Boolean.TRUE.equals(equal(o.get(2), f.get(2)));
    assertSameRows(session.sql("SELECT id FROM facts f WHERE f.k IN (SELECT o.k FROM others o WHERE o.g = f.g)")
        .collectAsList(), idsWhere(f -> anyOther(f, (x, o) -> sameGroup.test(x, o) && Boolean.TRUE.equals(equal(x.get(1), o.get(1))))));
    // NOT IN keeps a row only when every correlated value compares false: an equal value or an
    // unknown comparison (null on either side) drops it; no correlated rows keep it, even for a null k.
    assertSameRows(session.sql("SELECT id FROM facts f WHERE f.k NOT IN (SELECT o.k FROM others o WHERE o.g = f.g)")
        .collectAsList(), idsWhere(f -> !anyOther(f, (x, o) -> sameGroup.test(x, o) && !Boolean.FALSE.equals(equal(x.get(1), o.get(1))))));
    assertSameRows(session.sql("SELECT id FROM facts WHERE k NOT IN (SELECT k FROM empty)").collectAsList(),
        idsWhere(f -> true));
  }

  @ParameterizedTest(name = "{0}, {1} partitions")
  @MethodSource("dev.ember.sql.integration.IntegrationSupport#configurations")
  void correlatedScalarSubqueriesInSelectAndWhere(String master, int partitions) {
    start(master, partitions);
    List<Row> expectedMax = new ArrayList<>();
    List<Row> expectedCount = new ArrayList<>();
    List<Row> expectedAboveAverage = new ArrayList<>();
    for (Row f : facts) {
      List<Long> groupValues = others.stream().filter(o -> Boolean.TRUE.equals(equal(o.get(2), f.get(2))) && !o.isNullAt(3))
          .map(o -> o.getLong(3)).toList();
      expectedMax.add(row(f.getInt(0), groupValues.stream().max(Long::compare).orElse(null)));
      // The count bug: no matching rows is a count of 0, not null.
      expectedCount.add(row(f.getInt(0), others.stream().filter(o -> Boolean.TRUE.equals(equal(o.get(1), f.get(1)))).count() + 1));
      OptionalDouble average = groupValues.stream().mapToLong(Long::longValue).average();
      if (!f.isNullAt(3) && average.isPresent() && f.getLong(3) > average.getAsDouble()) {
        expectedAboveAverage.add(row(f.getInt(0)));
      }
    }
    assertSameRows(session.sql("SELECT id, (SELECT max(o.v) FROM others o WHERE o.g = f.g) AS m FROM facts f")
        .collectAsList(), expectedMax);
    assertSameRows(session.sql("SELECT id, (SELECT count(*) + 1 FROM others o WHERE o.k = f.k) FROM facts f")
        .collectAsList(), expectedCount);
    assertSameRows(session.sql("SELECT id FROM facts f WHERE f.v > (SELECT avg(v) FROM others o WHERE o.g = f.g)")
        .collectAsList(), expectedAboveAverage);
  }

  @ParameterizedTest(name = "{0}, {1} partitions")
  @MethodSource("dev.ember.sql.integration.IntegrationSupport#configurations")
  void uncorrelatedScalarSubqueriesInSelectWhereAndHaving(String master, int partitions) {
    start(master, partitions);
    double average = others.stream().filter(o -> !o.isNullAt(3)).mapToLong(o -> o.getLong(3)).average().orElseThrow();
    assertSameRows(session.sql("SELECT id FROM facts WHERE v > (SELECT avg(v) FROM others)").collectAsList(),
        idsWhere(f -> !f.isNullAt(3) && f.getLong(3) > average));
    long maximum = others.stream().filter(o -> !o.isNullAt(3)).mapToLong(o -> o.getLong(3)).max().orElseThrow();
    assertSameRows(session.sql("SELECT id, (SELECT max(v) FROM others) FROM facts").collectAsList(),
        facts.stream().map(f -> row(f.getInt(0), maximum)).toList());
    // No rows: the value is null, and a comparison with it unknown.
    assertSameRows(session.sql("SELECT id, (SELECT v FROM others WHERE id < 0) FROM facts WHERE id < 3").collectAsList(),
        List.of(row(0, null), row(1, null), row(2, null)));
    List<Row> expectedGroups = new ArrayList<>();
    facts.stream().map(f -> f.getString(2)).distinct().forEach(g -> {
      List<Long> values = facts.stream().filter(f -> Objects.equals(f.getString(2), g) && !f.isNullAt(3))
          .map(f -> f.getLong(3)).toList();
      if (!values.isEmpty() && values.stream().mapToLong(Long::longValue).sum() > average) {
        expectedGroups.add(row(g, values.stream().mapToLong(Long::longValue).sum()));
      }
    });
    assertSameRows(session.sql("SELECT g, sum(v) FROM facts GROUP BY g HAVING sum(v) > (SELECT avg(v) FROM others)")
        .collectAsList(), expectedGroups);
  }

  @ParameterizedTest(name = "{0}, {1} partitions")
  @MethodSource("dev.ember.sql.integration.IntegrationSupport#configurations")
  void aScalarSubqueryOfMoreThanOneRowFailsAtRunTime(String master, int partitions) {
    start(master, partitions);
    var query = session.sql("SELECT id, (SELECT v FROM others WHERE id < 2) FROM facts");
    assertThatThrownBy(query::collectAsList)
        .satisfies(error -> assertThat(IntegrationSupport.allMessages(error))
            .contains("[SCALAR_SUBQUERY_TOO_MANY_ROWS] More than one row returned by a subquery used as an expression"));
    assertSameRows(session.sql("SELECT id, (SELECT v FROM others WHERE id = 1) FROM facts WHERE id = 0").collectAsList(),
        List.of(row(0, others.get(1).get(3))));
  }

  @ParameterizedTest(name = "{0}, {1} partitions")
  @MethodSource("dev.ember.sql.integration.IntegrationSupport#configurations")
  void unsupportedShapesFailAtAnalysis(String master, int partitions) {
    start(master, partitions);
    assertThatThrownBy(() -> session.sql("SELECT id, (SELECT o.v FROM others o WHERE o.k = f.k) FROM facts f"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("must be aggregated");
    assertThatThrownBy(() -> session.sql("SELECT id, (SELECT max(o.v) FROM others o WHERE o.k < f.k) FROM facts f"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("only in equalities");
    assertThatThrownBy(() -> session.sql("SELECT id FROM facts f WHERE f.k = 1 OR EXISTS (SELECT * FROM others)"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY]");
  }
}
