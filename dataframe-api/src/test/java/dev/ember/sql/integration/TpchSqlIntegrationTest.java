package dev.ember.sql.integration;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.ember.sql.integration.IntegrationSupport.assertSameRowsInOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.tpch.TpchQueries;
import dev.ember.sql.tpch.TpchTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TPC-H Q3 and Q5 in their standard SQL text (comma joins, predicates in WHERE, date literals and
 * interval arithmetic) give the rows of the DSL versions, and the optimizer turns the comma joins
 * into equi-joins (no nested-loop join).
 */
@ExtendWith(EngineHygiene.class)
class TpchSqlIntegrationTest {
  static final String Q3 = """
      select l_orderkey, sum(l_extendedprice * (1 - l_discount)) as revenue, o_orderdate, o_shippriority
      from customer, orders, lineitem
      where c_mktsegment = 'BUILDING'
        and c_custkey = o_custkey
        and l_orderkey = o_orderkey
        and o_orderdate < date '1995-03-15'
        and l_shipdate > date '1995-03-15'
      group by l_orderkey, o_orderdate, o_shippriority
      order by revenue desc, o_orderdate
      limit 10""";

  static final String Q5 = """
      select n_name, sum(l_extendedprice * (1 - l_discount)) as revenue
      from customer, orders, lineitem, supplier, nation, region
      where c_custkey = o_custkey
        and l_orderkey = o_orderkey
        and l_suppkey = s_suppkey
        and c_nationkey = s_nationkey
        and s_nationkey = n_nationkey
        and n_regionkey = r_regionkey
        and r_name = 'ASIA'
        and o_orderdate >= date '1994-01-01'
        and o_orderdate < date '1994-01-01' + interval '1' year
      group by n_name
      order by revenue desc;""";

  private EmberSession session;
  private TpchTables tables;

  @BeforeEach
  void start() {
    session = IntegrationSupport.session("local[4]", 4);
    tables = new TpchTables(session, 300, 1);
    tables.region.createOrReplaceTempView("region");
    tables.nation.createOrReplaceTempView("nation");
    tables.supplier.createOrReplaceTempView("supplier");
    tables.customer.createOrReplaceTempView("customer");
    tables.part.createOrReplaceTempView("part");
    tables.partsupp.createOrReplaceTempView("partsupp");
    tables.orders.createOrReplaceTempView("orders");
    tables.lineitem.createOrReplaceTempView("lineitem");
  }

  @AfterEach
  void stop() {
    session.stop();
  }

  @Test
  void q3InSqlGivesTheRowsOfTheDsl() {
    DataFrame sql = session.sql(Q3);
    assertThat(sql.columns()).containsExactly("l_orderkey", "revenue", "o_orderdate", "o_shippriority");
    assertThat(sql.explainString("simple")).doesNotContain("NestedLoop");
    var expected = TpchQueries.q3(tables).collectAsList();
    assertThat(expected).isNotEmpty();
    assertSameRowsInOrder(sql.collectAsList(), expected);
  }

  @Test
  void q5InSqlGivesTheRowsOfTheDsl() {
    DataFrame sql = session.sql(Q5);
    assertThat(sql.columns()).containsExactly("n_name", "revenue");
    assertThat(sql.explainString("simple")).doesNotContain("NestedLoop");
    var expected = TpchQueries.q5(tables).collectAsList();
    assertThat(expected).isNotEmpty();
    assertSameRowsInOrder(sql.collectAsList(), expected);
  }
}
