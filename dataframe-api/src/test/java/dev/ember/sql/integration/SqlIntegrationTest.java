package dev.ember.sql.integration;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.sum;
import static dev.ember.sql.functions.when;
import static dev.ember.sql.integration.IntegrationSupport.assertSameRows;
import static dev.ember.sql.integration.IntegrationSupport.assertSameRowsInOrder;
import static dev.ember.sql.integration.IntegrationSupport.facts;
import static dev.ember.sql.integration.IntegrationSupport.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.sql.AnalysisException;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.ParseException;
import dev.ember.sql.Row;
import dev.ember.sql.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** session.sql end to end: the same query in SQL and in the DSL, statements, views, set operations. */
@ExtendWith(EngineHygiene.class)
class SqlIntegrationTest {
  private static final StructType DIMS = StructType.fromDDL("k INT, label STRING");

  private EmberSession session;
  private List<Row> factRows;
  private List<Row> dimRows;

  @BeforeEach
  void start() {
    session = IntegrationSupport.session("local[4]", 4);
    factRows = facts(400, 7);
    dimRows = new ArrayList<>();
    for (int k = -3; k < 12; k++) {
      dimRows.add(row(k == 5 ? null : k, k % 4 == 0 ? null : "label" + k));
    }
    session.createDataFrame(factRows, IntegrationSupport.FACTS).createOrReplaceTempView("facts");
    session.createDataFrame(dimRows, DIMS).createOrReplaceTempView("dims");
  }

  @AfterEach
  void stop() {
    session.stop();
  }

  static Stream<Arguments> sameQueries() {
    return Stream.of(
        Arguments.of("SELECT id, v + 1 AS w FROM facts WHERE k > 2 AND g IS NOT NULL",
            (Function<EmberSession, DataFrame>) s -> s.table("facts")
                .filter(col("k").gt(2).and(col("g").isNotNull()))
                .select(col("id"), col("v").plus(1).as("w"))),
        Arguments.of("SELECT g, sum(v) AS total, count(*) AS n FROM facts WHERE d < 20 GROUP BY g",
            (Function<EmberSession, DataFrame>) s -> s.table("facts").filter(col("d").lt(20))
                .groupBy(col("g")).agg(sum(col("v")).as("total"), count(col("*")).as("n"))),
        Arguments.of("SELECT f.id, d.label FROM facts f JOIN dims d ON f.k = d.k WHERE f.v > 0",
            (Function<EmberSession, DataFrame>) s -> s.table("facts").alias("f")
                .join(s.table("dims").alias("d"), col("f.k").equalTo(col("d.k")))
                .filter(col("f.v").gt(0)).select(col("f.id"), col("d.label"))),
        Arguments.of("SELECT id, CASE WHEN v > 0 THEN 'pos' ELSE 'neg' END AS sign FROM facts ORDER BY id DESC LIMIT 7",
            (Function<EmberSession, DataFrame>) s -> s.table("facts")
                .select(col("id"), when(col("v").gt(0), "pos").otherwise("neg").as("sign"))
                .orderBy(col("id").desc()).limit(7)),
        Arguments.of("SELECT DISTINCT g FROM facts",
            (Function<EmberSession, DataFrame>) s -> s.table("facts").select("g").distinct()),
        Arguments.of("SELECT * FROM facts LEFT ANTI JOIN dims ON facts.k = dims.k",
            (Function<EmberSession, DataFrame>) s -> s.table("facts")
                .join(s.table("dims"), col("facts.k").equalTo(col("dims.k")), "left_anti")
                .select(col("*"))));
  }

  @ParameterizedTest
  @MethodSource("sameQueries")
  void sqlAndTheDslGiveTheSameOptimizedPlanAndRows(String sql, Function<EmberSession, DataFrame> dsl) {
    DataFrame fromSql = session.sql(sql);
    DataFrame fromDsl = dsl.apply(session);
    assertThat(withoutIds(PlanPrinter.logical(fromSql.queryExecution().optimized())))
        .isEqualTo(withoutIds(PlanPrinter.logical(fromDsl.queryExecution().optimized())));
    assertThat(fromSql.columns()).containsExactly(fromDsl.columns());
    assertSameRows(fromSql.collectAsList(), fromDsl.collectAsList());
  }

  private static String withoutIds(String plan) {
    return plan.replaceAll("#\\d+", "#");
  }

  @Test
  void aggregatesHavingOrdinalsAndOrderByAColumnNotSelected() {
    List<Row> rows = session.sql("SELECT g AS group_name, count(*) AS n FROM facts WHERE g IS NOT NULL GROUP BY 1"
        + " HAVING sum(v) > 0 AND count(*) > 5 ORDER BY group_name").collectAsList();
    List<Row> expected = new ArrayList<>();
    for (String g : factRows.stream().map(r -> r.getString(2)).filter(Objects::nonNull).distinct().sorted().toList()) {
      List<Row> group = factRows.stream().filter(r -> g.equals(r.getString(2))).toList();
      long total = group.stream().filter(r -> !r.isNullAt(3)).mapToLong(r -> r.getLong(3)).sum();
      if (total > 0 && group.size() > 5) {
        expected.add(row(g, (long) group.size()));
      }
    }
    assertThat(expected).isNotEmpty();
    assertSameRowsInOrder(rows, expected);

    List<Row> byHidden = session.sql("SELECT id FROM facts WHERE id < 5 ORDER BY v DESC NULLS LAST, id").collectAsList();
    List<Row> expectedOrder = factRows.stream().filter(r -> r.getInt(0) < 5)
        .sorted((a, b) -> a.isNullAt(3) != b.isNullAt(3) ? (a.isNullAt(3) ? 1 : -1)
            : a.isNullAt(3) ? Integer.compare(a.getInt(0), b.getInt(0))
            : a.getLong(3) != b.getLong(3) ? Long.compare(b.getLong(3), a.getLong(3))
            : Integer.compare(a.getInt(0), b.getInt(0)))
        .map(r -> row(r.getInt(0))).toList();
    assertSameRowsInOrder(byHidden, expectedOrder);
  }

  @Test
  void valuesCtesSubqueriesWithColumnListsAndDateArithmetic() {
    assertSameRowsInOrder(session.sql("""
        WITH t AS (SELECT * FROM VALUES (1, 'a'), (2, 'b'), (3, NULL) AS v(id, name)),
             u (id2, twice) AS (SELECT id, id * 2 FROM t WHERE name IS NOT NULL)
        SELECT s.x, s.y, date '1998-12-01' - interval '90' day AS shipped
        FROM (SELECT id2, twice FROM u) AS s (x, y) ORDER BY s.x""").collectAsList(),
        List.of(row(1, 2, LocalDate.of(1998, 9, 2)), row(2, 4, LocalDate.of(1998, 9, 2))));
    assertSameRowsInOrder(session.sql("SELECT 1L + 1, 1.5D * 2, CAST('7' AS INT), substring('hello' FROM 2 FOR 3),"
        + " EXTRACT(YEAR FROM DATE '2021-03-04'), 3 BETWEEN 1 AND 5, 'abc' LIKE 'a%', 2 IN (1, 3)").collectAsList(),
        List.of(row(2L, 3.0, 7, "ell", 2021, true, true, false)));
  }

  @Test
  void unionIntersectAndExceptFollowSetSemanticsWithNulls() {
    session.sql("CREATE TEMPORARY VIEW l AS SELECT * FROM VALUES (1), (1), (2), (NULL), (4) AS t(x)");
    session.sql("CREATE TEMPORARY VIEW r AS SELECT * FROM VALUES (1), (NULL), (3) AS t(x)");
    assertSameRows(session.sql("SELECT x FROM l UNION ALL SELECT x FROM r").collectAsList(),
        List.of(row(1), row(1), row(2), row((Object) null), row(4), row(1), row((Object) null), row(3)));
    assertSameRows(session.sql("SELECT x FROM l UNION SELECT x FROM r").collectAsList(),
        List.of(row(1), row(2), row((Object) null), row(4), row(3)));
    assertSameRows(session.sql("SELECT x FROM l INTERSECT SELECT x FROM r").collectAsList(),
        List.of(row(1), row((Object) null)));
    assertSameRows(session.sql("SELECT x FROM l EXCEPT SELECT x FROM r").collectAsList(),
        List.of(row(2), row(4)));
    assertSameRows(session.sql("SELECT x FROM l INTERSECT SELECT x FROM l").collectAsList(),
        List.of(row(1), row(2), row((Object) null), row(4)));
  }

  @Test
  void catalogStatementsAndViews(@TempDir Path directory) throws IOException {
    Path csv = directory.resolve("people.csv");
    Files.writeString(csv, "name,age\nann,31\nbob,45\n");
    session.sql("CREATE TEMPORARY VIEW people USING csv OPTIONS (path '" + csv + "', header 'true', inferSchema 'true')");
    assertSameRows(session.sql("SELECT name FROM people WHERE age > 40").collectAsList(), List.of(row("bob")));
    assertSameRowsInOrder(session.sql("DESCRIBE people").collectAsList(),
        List.of(row("name", "string", null), row("age", "int", null)));
    assertSameRowsInOrder(session.sql("SHOW TABLES").collectAsList(),
        List.of(row("", "dims", true), row("", "facts", true), row("", "people", true)));
    assertSameRowsInOrder(session.catalog().listTables().select("name").collectAsList(),
        List.of(row("dims"), row("facts"), row("people")));

    assertThatThrownBy(() -> session.sql("CREATE TEMPORARY VIEW people AS SELECT 1"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("[TEMP_TABLE_OR_VIEW_ALREADY_EXISTS]");
    session.sql("CREATE OR REPLACE TEMPORARY VIEW people AS SELECT 'cy' AS name");
    assertSameRows(session.table("PEOPLE").collectAsList(), List.of(row("cy")));
    session.sql("DROP VIEW people");
    assertThat(session.catalog().tableExists("people")).isFalse();

    String explained = session.sql("EXPLAIN EXTENDED SELECT g, count(*) FROM facts GROUP BY g")
        .collectAsList().get(0).getString(0);
    assertThat(explained).contains("== Analyzed Logical Plan ==").contains("== Physical Plan ==");
    assertThat(session.sql("EXPLAIN SELECT * FROM facts").collectAsList().get(0).getString(0))
        .isEqualTo(session.table("facts").explainString("simple"));
  }

  @Test
  void errorsNameThePositionOrTheCandidates() {
    assertThatThrownBy(() -> session.sql("SELECT id\nFROM facts\nWHERE id >"))
        .isInstanceOfSatisfying(ParseException.class, error -> {
          assertThat(error.line()).isEqualTo(3);
          assertThat(error.column()).isEqualTo(11);
        })
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("expected an expression");
    assertThatThrownBy(() -> session.sql("SELECT * FROM fact"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("The table or view `fact` cannot be found. Did you mean one of: `facts`");
    assertThatThrownBy(() -> session.sql("SELECT idd FROM facts"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("`idd`").hasMessageContaining("`id`");
    assertThatThrownBy(() -> session.sql("SELECT id FROM facts WHERE sum(v) > 0"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("[INVALID_WHERE_CONDITION]");
    assertThatThrownBy(() -> session.sql("SELECT g, v FROM facts GROUP BY g"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("[MISSING_AGGREGATION]");
  }

  @Test
  void selfJoinsOfAViewAndOfACteResolveEachSideByItsAlias() {
    List<Row> rows = session.sql("SELECT a.k, b.label FROM dims a JOIN dims b ON a.k = b.k - 1 WHERE a.k < 2")
        .collectAsList();
    List<Row> expected = new ArrayList<>();
    for (Row left : dimRows) {
      for (Row right : dimRows) {
        if (!left.isNullAt(0) && !right.isNullAt(0) && left.getInt(0) == right.getInt(0) - 1 && left.getInt(0) < 2) {
          expected.add(row(left.getInt(0), right.getString(1)));
        }
      }
    }
    assertThat(expected).isNotEmpty();
    assertSameRows(rows, expected);
    List<Row> viaCte = session.sql("WITH d AS (SELECT k, label FROM dims WHERE k IS NOT NULL)"
        + " SELECT x.*, y.label AS next FROM d x LEFT JOIN d y USING (k) WHERE x.k < 2").collectAsList();
    List<Row> expectedCte = new ArrayList<>();
    for (Row left : dimRows) {
      for (Row right : dimRows) {
        if (!left.isNullAt(0) && !right.isNullAt(0) && left.getInt(0) == right.getInt(0) && left.getInt(0) < 2) {
          expectedCte.add(row(left.getInt(0), left.getString(1), right.getString(1)));
        }
      }
    }
    assertSameRows(viaCte, expectedCte);
  }

  @Test
  void uncorrelatedInAndExistsSubqueriesBecomeSemiAndAntiJoinsWithSqlNullSemantics() {
    session.sql("CREATE TEMPORARY VIEW l AS SELECT * FROM VALUES (1), (2), (NULL), (4) AS t(x)");
    session.sql("CREATE TEMPORARY VIEW r AS SELECT * FROM VALUES (1), (3) AS t(y)");
    session.sql("CREATE TEMPORARY VIEW rn AS SELECT * FROM VALUES (1), (NULL) AS t(y)");
    assertSameRows(session.sql("SELECT x FROM l WHERE x IN (SELECT y FROM r)").collectAsList(), List.of(row(1)));
    assertSameRows(session.sql("SELECT x FROM l WHERE x NOT IN (SELECT y FROM r)").collectAsList(),
        List.of(row(2), row(4)));
    // A null in the subquery makes NOT IN unknown for every row that does not match.
    assertThat(session.sql("SELECT x FROM l WHERE x NOT IN (SELECT y FROM rn)").collectAsList()).isEmpty();
    assertSameRows(session.sql("SELECT x FROM l WHERE x NOT IN (SELECT y FROM rn WHERE y > 5)").collectAsList(),
        List.of(row(1), row(2), row((Object) null), row(4)));
    assertSameRows(session.sql("SELECT x FROM l WHERE x > 1 AND EXISTS (SELECT * FROM r WHERE y = 3)")
        .collectAsList(), List.of(row(2), row(4)));
    assertThat(session.sql("SELECT x FROM l WHERE NOT EXISTS (SELECT * FROM r)").collectAsList()).isEmpty();
    assertThatThrownBy(() -> session.sql("SELECT x FROM l WHERE x = 1 OR x IN (SELECT y FROM r)"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY]");
    assertThatThrownBy(() -> session.sql("SELECT x FROM l WHERE x IN (SELECT y, y FROM r)"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("must return one column");
  }

  @Test
  void orderByAnAggregateThatIsNotSelected() {
    List<Row> rows = session.sql("SELECT g FROM facts WHERE g IS NOT NULL GROUP BY g ORDER BY count(*) DESC, g")
        .collectAsList();
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    factRows.stream().filter(r -> !r.isNullAt(2)).forEach(r -> counts.merge(r.getString(2), 1L, Long::sum));
    List<Row> expected = counts.entrySet().stream()
        .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()
            .thenComparing(java.util.Map.Entry.comparingByKey()))
        .map(entry -> row(entry.getKey())).toList();
    assertThat(session.sql("SELECT g FROM facts GROUP BY g ORDER BY sum(v)").columns()).containsExactly("g");
    assertSameRowsInOrder(rows, expected);
  }
}
