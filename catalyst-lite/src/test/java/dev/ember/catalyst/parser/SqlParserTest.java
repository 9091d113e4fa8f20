package dev.ember.catalyst.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.CaseWhenCall;
import dev.ember.catalyst.expression.UnresolvedExpression.CastTo;
import dev.ember.catalyst.expression.UnresolvedExpression.ColumnName;
import dev.ember.catalyst.expression.UnresolvedExpression.FunctionCall;
import dev.ember.catalyst.expression.UnresolvedExpression.LiteralValue;
import dev.ember.catalyst.expression.UnresolvedExpression.Named;
import dev.ember.catalyst.expression.UnresolvedExpression.SortKey;
import dev.ember.catalyst.parser.QueryNode.Aliased;
import dev.ember.catalyst.parser.QueryNode.CommonTableExpression;
import dev.ember.catalyst.parser.QueryNode.JoinNode;
import dev.ember.catalyst.parser.QueryNode.Limited;
import dev.ember.catalyst.parser.QueryNode.Select;
import dev.ember.catalyst.parser.QueryNode.SetOperation;
import dev.ember.catalyst.parser.QueryNode.SetOperator;
import dev.ember.catalyst.parser.QueryNode.Sorted;
import dev.ember.catalyst.parser.QueryNode.TableReference;
import dev.ember.catalyst.parser.QueryNode.Values;
import dev.ember.catalyst.parser.QueryNode.With;
import dev.ember.core.plan.JoinType;
import dev.ember.core.types.ColumnType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlParserTest {

  private static QueryNode query(String sql) {
    return ((Statement.Query) SqlParser.parse(sql)).query();
  }

  private static Select select(String sql) {
    return (Select) query(sql);
  }

  private static UnresolvedExpression expression(String sql) {
    return SqlParser.parseExpression(sql);
  }

  private static ColumnName column(String name) {
    return new ColumnName(name);
  }

  private static LiteralValue literal(Object value) {
    return new LiteralValue(value);
  }

  private static FunctionCall call(String name, UnresolvedExpression... arguments) {
    return new FunctionCall(name, List.of(arguments));
  }

  @Test
  void selectWithDistinctAliasesAndStars() {
    Select select = select("select DISTINCT a, b + 1 AS c, d e, *, t.* FROM t");
    assertThat(select.distinct()).isTrue();
    assertThat(select.items()).containsExactly(column("a"), new Named(call("+", column("b"), literal(1)), "c"),
        new Named(column("d"), "e"), column("*"), column("t.*"));
    assertThat(select.from()).isEqualTo(new TableReference("t"));
    assertThat(select.where()).isNull();
  }

  @Test
  void keywordsAreCaseInsensitiveAndBackquotesQuoteIdentifiers() {
    Select select = select("SeLeCt `select`, `a.b`, `x``y` FrOm `from` AS `my t`");
    assertThat(select.items()).containsExactly(column("select"), column("`a.b`"), column("`x``y`"));
    assertThat(select.from()).isEqualTo(new Aliased(new TableReference("from"), "my t", List.of()));
  }

  @Test
  void commaJoinsAndEveryJoinType() {
    Select select = select("SELECT * FROM a, b x JOIN c ON x.k = c.k LEFT JOIN d USING (k, j) RIGHT OUTER JOIN e"
        + " ON true FULL JOIN f ON true LEFT SEMI JOIN g ON true LEFT ANTI JOIN h ON true CROSS JOIN i"
        + " INNER JOIN j ON true LEFT OUTER JOIN k2 ON true");
    // As in Spark, JOIN binds tighter than the comma: a, (b x JOIN c ... JOIN k2).
    JoinNode comma = (JoinNode) select.from();
    assertThat(comma.left()).isEqualTo(new TableReference("a"));
    assertThat(comma.joinType()).isEqualTo(JoinType.INNER);
    assertThat(comma.condition()).isNull();
    QueryNode node = comma.right();
    List<JoinType> types = new java.util.ArrayList<>();
    while (node instanceof JoinNode join) {
      types.add(0, join.joinType());
      node = join.left();
    }
    assertThat(node).isEqualTo(new Aliased(new TableReference("b"), "x", List.of()));
    assertThat(types).containsExactly(JoinType.INNER, JoinType.LEFT_OUTER, JoinType.RIGHT_OUTER,
        JoinType.FULL_OUTER, JoinType.LEFT_SEMI, JoinType.LEFT_ANTI, JoinType.CROSS, JoinType.INNER,
        JoinType.LEFT_OUTER);
  }

  @Test
  void joinOnAndUsing() {
    JoinNode on = (JoinNode) select("SELECT * FROM a JOIN b ON a.k = b.k AND a.j < b.j").from();
    assertThat(on.condition()).isEqualTo(call("and", call("=", column("a.k"), column("b.k")),
        call("<", column("a.j"), column("b.j"))));
    JoinNode using = (JoinNode) select("SELECT * FROM a LEFT JOIN b USING (k)").from();
    assertThat(using.usingColumns()).containsExactly("k");
    assertThat(using.condition()).isNull();
  }

  @Test
  void whereGroupByHavingOrderByLimit() {
    QueryNode node = query("SELECT g, count(*) FROM t WHERE v > 0 GROUP BY g HAVING sum(v) > 10"
        + " ORDER BY 2 DESC, g ASC NULLS LAST, h NULLS FIRST, i DESC NULLS LAST LIMIT 5");
    Limited limited = (Limited) node;
    assertThat(limited.count()).isEqualTo(5);
    Sorted sorted = (Sorted) limited.child();
    assertThat(sorted.keys()).containsExactly(new SortKey(literal(2), false, false),
        new SortKey(column("g"), true, false), new SortKey(column("h"), true, true),
        new SortKey(column("i"), false, false));
    Select select = (Select) sorted.child();
    assertThat(select.items()).containsExactly(column("g"), call("count_star"));
    assertThat(select.where()).isEqualTo(call(">", column("v"), literal(0)));
    assertThat(select.groupings()).containsExactly(column("g"));
    assertThat(select.having()).isEqualTo(call(">", call("sum", column("v")), literal(10)));
  }

  @Test
  void setOperationsIntersectBindsTighter() {
    SetOperation union = (SetOperation) query("SELECT a FROM x UNION SELECT a FROM y INTERSECT SELECT a FROM z"
        + " EXCEPT ALL SELECT a FROM w");
    assertThat(union.operator()).isEqualTo(SetOperator.EXCEPT);
    assertThat(union.all()).isTrue();
    SetOperation left = (SetOperation) union.left();
    assertThat(left.operator()).isEqualTo(SetOperator.UNION);
    assertThat(left.all()).isFalse();
    assertThat(((SetOperation) left.right()).operator()).isEqualTo(SetOperator.INTERSECT);
    assertThat(((SetOperation) query("SELECT 1 UNION ALL SELECT 2")).all()).isTrue();
  }

  @Test
  void subqueriesInFromWithColumnListsAndInlineValues() {
    Aliased subquery = (Aliased) select("SELECT * FROM (SELECT a, b FROM t) AS s (x, y)").from();
    assertThat(subquery.alias()).isEqualTo("s");
    assertThat(subquery.columnNames()).containsExactly("x", "y");
    assertThat(subquery.child()).isInstanceOf(Select.class);
    Aliased values = (Aliased) select("SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(id, name)").from();
    assertThat(values.child()).isEqualTo(new Values(List.of(List.of(literal(1), literal("a")),
        List.of(literal(2), literal("b")))));
    assertThat(values.columnNames()).containsExactly("id", "name");
    assertThat(query("VALUES 1, 2")).isEqualTo(new Values(List.of(List.of(literal(1)), List.of(literal(2)))));
  }

  @Test
  void commonTableExpressions() {
    With with = (With) query("WITH a AS (SELECT 1 AS x), b (y) AS (SELECT x FROM a) SELECT y FROM b");
    assertThat(with.definitions()).extracting(CommonTableExpression::name).containsExactly("a", "b");
    assertThat(with.definitions().get(1).columnNames()).containsExactly("y");
    assertThat(((Select) with.body()).from()).isEqualTo(new TableReference("b"));
  }

  @Test
  void caseCastInBetweenLikeAndNullTests() {
    assertThat(expression("CASE WHEN a > 1 THEN 'x' WHEN a IS NULL THEN 'n' ELSE 'y' END")).isEqualTo(
        new CaseWhenCall(List.of(call(">", column("a"), literal(1)), call("isnull", column("a"))),
            List.of(literal("x"), literal("n")), literal("y")));
    assertThat(expression("CASE a WHEN 1 THEN 'one' END")).isEqualTo(
        new CaseWhenCall(List.of(call("=", column("a"), literal(1))), List.of(literal("one")), null));
    assertThat(expression("CAST(a AS bigint)")).isEqualTo(new CastTo(column("a"), ColumnType.LONG));
    assertThat(expression("a IN (1, 2)")).isEqualTo(call("in", column("a"), literal(1), literal(2)));
    assertThat(expression("a NOT IN (1)")).isEqualTo(call("not", call("in", column("a"), literal(1))));
    assertThat(expression("a BETWEEN 1 AND 2 AND b")).isEqualTo(
        call("and", call("between", column("a"), literal(1), literal(2)), column("b")));
    assertThat(expression("a NOT BETWEEN 1 AND 2")).isEqualTo(
        call("not", call("between", column("a"), literal(1), literal(2))));
    assertThat(expression("s LIKE 'a%'")).isEqualTo(call("like", column("s"), literal("a%")));
    assertThat(expression("s NOT LIKE 'a%'")).isEqualTo(call("not", call("like", column("s"), literal("a%"))));
    assertThat(expression("a IS NOT NULL")).isEqualTo(call("isnotnull", column("a")));
  }

  @Test
  void operatorPrecedenceFollowsSpark() {
    assertThat(expression("a OR b AND NOT c = 1 + 2 * -d")).isEqualTo(call("or", column("a"),
        call("and", column("b"), call("not", call("=", column("c"),
            call("+", literal(1), call("*", literal(2), call("-", literal(0), column("d")))))))));
    assertThat(expression("a <> b")).isEqualTo(call("!=", column("a"), column("b")));
    assertThat(expression("a == b")).isEqualTo(call("=", column("a"), column("b")));
    assertThat(expression("a || b")).isEqualTo(call("concat", column("a"), column("b")));
    assertThat(expression("(a + b) % 3")).isEqualTo(call("%", call("+", column("a"), column("b")), literal(3)));
  }

  @Test
  void functionsBySparkSqlNames() {
    assertThat(expression("count(DISTINCT a, b)")).isEqualTo(call("count_distinct", column("a"), column("b")));
    assertThat(expression("COUNT(*)")).isEqualTo(call("count_star"));
    assertThat(expression("Sum(v)")).isEqualTo(call("sum", column("v")));
    assertThat(expression("substr(s, 2, 3)")).isEqualTo(call("substring", column("s"), literal(2), literal(3)));
    assertThat(expression("SUBSTRING(s FROM 2 FOR 3)")).isEqualTo(
        call("substring", column("s"), literal(2), literal(3)));
    assertThat(expression("substring(s, 2)")).isEqualTo(call("substring", column("s"), literal(2)));
    assertThat(expression("day(d)")).isEqualTo(call("dayofmonth", column("d")));
    assertThat(expression("EXTRACT(YEAR FROM d)")).isEqualTo(call("year", column("d")));
    assertThat(expression("extract(month from d)")).isEqualTo(call("month", column("d")));
    assertThat(expression("to_date(s, 'yyyy/MM/dd')")).isEqualTo(call("to_date", column("s"), literal("yyyy/MM/dd")));
  }

  @Test
  void sparkLiteralForms() {
    assertThat(expression("1")).isEqualTo(literal(1));
    assertThat(expression("3000000000")).isEqualTo(literal(3_000_000_000L));
    assertThat(expression("-2147483648")).isEqualTo(literal(Integer.MIN_VALUE));
    assertThat(expression("1L")).isEqualTo(literal(1L));
    assertThat(expression("1.5D")).isEqualTo(literal(1.5));
    assertThat(expression("1E3")).isEqualTo(literal(1000.0));
    assertThat(expression("2.5e-1")).isEqualTo(literal(0.25));
    // Spark reads a number with a point and no exponent as a DECIMAL of the digits written.
    assertThat(expression("-1.5")).isEqualTo(literal(new java.math.BigDecimal("-1.5")));
    assertThat(expression("0.060")).isEqualTo(literal(new java.math.BigDecimal("0.060")));
    assertThat(expression("1.5BD")).isEqualTo(literal(new java.math.BigDecimal("1.5")));
    assertThat(expression("-12BD")).isEqualTo(literal(new java.math.BigDecimal("-12")));
    assertThat(expression("0." + "1".repeat(40))).isEqualTo(literal(Double.parseDouble("0." + "1".repeat(40))));
    assertThat(expression("'it''s'")).isEqualTo(literal("it's"));
    assertThat(expression("\"a\\tb\"")).isEqualTo(literal("a\tb"));
    assertThat(expression("true")).isEqualTo(literal(true));
    assertThat(expression("NULL")).isEqualTo(literal(null));
    assertThat(expression("DATE '1998-12-01'")).isEqualTo(literal(LocalDate.of(1998, 12, 1)));
    assertThat(expression("TIMESTAMP '2020-01-02 03:04:05'")).isEqualTo(
        literal(Instant.parse("2020-01-02T03:04:05Z")));
  }

  @Test
  void dateIntervalArithmetic() {
    assertThat(expression("date '1998-12-01' - interval '90' day")).isEqualTo(literal(LocalDate.of(1998, 9, 2)));
    assertThat(expression("date '1995-01-31' + interval '3' month")).isEqualTo(literal(LocalDate.of(1995, 4, 30)));
    assertThat(expression("DATE '1994-01-01' + INTERVAL '1' YEAR")).isEqualTo(literal(LocalDate.of(1995, 1, 1)));
    assertThat(expression("d - interval 7 days")).isEqualTo(call("date_add", column("d"), literal(-7)));
    assertThat(expression("d + interval '1' month")).isEqualTo(call("add_months", column("d"), literal(1)));
  }

  @Test
  void commentsAndTrailingSemicolon() {
    Select select = select("-- a comment\nSELECT /* inline\n comment */ a FROM t;");
    assertThat(select.items()).containsExactly(column("a"));
  }

  @Test
  void statements() {
    assertThat(SqlParser.parse("EXPLAIN EXTENDED SELECT 1")).isInstanceOf(Statement.Explain.class)
        .extracting(statement -> ((Statement.Explain) statement).mode()).isEqualTo("extended");
    assertThat(((Statement.Explain) SqlParser.parse("explain select 1")).mode()).isEqualTo("simple");
    assertThat(((Statement.Explain) SqlParser.parse("EXPLAIN FORMATTED select 1")).mode()).isEqualTo("formatted");
    assertThat(SqlParser.parse("SHOW TABLES")).isEqualTo(new Statement.ShowTables());
    assertThat(SqlParser.parse("DESCRIBE v")).isEqualTo(new Statement.Describe("v"));
    assertThat(SqlParser.parse("DESC TABLE v")).isEqualTo(new Statement.Describe("v"));
    Statement.CreateView create = (Statement.CreateView) SqlParser.parse(
        "CREATE OR REPLACE TEMPORARY VIEW v AS SELECT * FROM VALUES (1) AS t(a)");
    assertThat(create.name()).isEqualTo("v");
    assertThat(create.replace()).isTrue();
    assertThat(((Statement.CreateView) SqlParser.parse("CREATE TEMP VIEW v AS SELECT 1")).replace()).isFalse();
    assertThat(SqlParser.parse("CREATE TEMPORARY VIEW v USING csv OPTIONS (path '/tmp/x.csv', header 'true')"))
        .isEqualTo(new Statement.CreateDataSourceView("v", false, "csv",
            Map.of("path", "/tmp/x.csv", "header", "true")));
    assertThat(SqlParser.parse("DROP VIEW IF EXISTS v")).isEqualTo(new Statement.DropView("v", true));
  }

  @Test
  void inAndExistsSubqueriesInWhereBecomePlaceholdersOfTheirSelect() {
    Select select = select("SELECT a FROM t WHERE a > 1 AND a NOT IN (SELECT b FROM u WHERE EXISTS (SELECT 1 FROM w))"
        + " AND EXISTS (SELECT c FROM v)");
    assertThat(select.where()).isEqualTo(call("and", call("and", call(">", column("a"), literal(1)),
        call("not", column("__subquery_0"))), column("__subquery_1")));
    assertThat(select.subqueries()).hasSize(2);
    assertThat(select.subqueries().get(0).value()).isEqualTo(column("a"));
    Select inner = (Select) select.subqueries().get(0).query();
    assertThat(inner.where()).isEqualTo(column("__subquery_0"));
    assertThat(inner.subqueries()).hasSize(1);
    assertThat(select.subqueries().get(1).value()).isNull();
  }

  @Test
  void groupingSetsRollupAndCubeListEachGroupingOnceAndTheSetsAsIndexes() {
    Select sets = select("SELECT a FROM t GROUP BY GROUPING SETS ((a, b), a, (), (b, a + 1))");
    assertThat(sets.groupings()).containsExactly(column("a"), column("b"),
        new FunctionCall("+", List.of(column("a"), literal(1))));
    assertThat(sets.groupingSets()).containsExactly(List.of(0, 1), List.of(0), List.of(), List.of(1, 2));
    assertThat(select("SELECT a FROM t GROUP BY ROLLUP (a, b, c)").groupingSets())
        .containsExactly(List.of(0, 1, 2), List.of(0, 1), List.of(0), List.of());
    assertThat(select("SELECT a FROM t GROUP BY CUBE (a, b)").groupingSets())
        .containsExactly(List.of(0, 1), List.of(0), List.of(1), List.of());
    assertThat(select("SELECT a FROM t GROUP BY a, b WITH CUBE").groupingSets())
        .containsExactly(List.of(0, 1), List.of(0), List.of(1), List.of());
    assertThat(select("SELECT a FROM t GROUP BY a, b").groupingSets()).isEmpty();
    // grouping(...) and rollup without '(' stay a function call and a column.
    assertThat(select("SELECT grouping(a) FROM t GROUP BY rollup").groupings()).containsExactly(column("rollup"));
  }

  @Test
  void subqueriesOfTheSelectListWhereAndHavingAreRecordedWithTheirKind() {
    Select parsed = select("SELECT (SELECT max(x) FROM u) AS m FROM t WHERE EXISTS (SELECT 1) AND a NOT IN (SELECT b FROM u)"
        + " GROUP BY a HAVING count(*) > (SELECT 2)");
    assertThat(parsed.subqueries()).extracting(QueryNode.SubqueryPredicate::kind).containsExactly(
        QueryNode.SubqueryKind.SCALAR, QueryNode.SubqueryKind.EXISTS, QueryNode.SubqueryKind.IN,
        QueryNode.SubqueryKind.SCALAR);
    assertThat(parsed.items()).containsExactly(new Named(column("__subquery_0"), "m"));
    assertThat(parsed.where()).isEqualTo(new FunctionCall("and", List.of(column("__subquery_1"),
        new FunctionCall("not", List.of(column("__subquery_2"))))));
    assertThat(parsed.subqueries().get(2).value()).isEqualTo(column("a"));
    assertThat(parsed.having()).isEqualTo(new FunctionCall(">", List.of(new FunctionCall("count_star", List.of()),
        column("__subquery_3"))));
  }
}
