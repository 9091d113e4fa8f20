package dev.ember.benchmarks.tpch;

import static dev.ember.sql.functions.avg;
import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.sum;
import static dev.ember.sql.functions.when;

import dev.ember.sql.Column;
import dev.ember.sql.DataFrame;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * The eight queries in Ember's DataFrame DSL, each the same query as {@code queries/qN.sql} with
 * the specification's default parameters and the same output columns in the same order. Written
 * as the SQL reads (the joins with their conditions, then one filter with every other predicate),
 * so that the optimizer, not the author, pushes filters down and orders the joins. Money and
 * quantities are DECIMAL(15,2), and constants are decimals where the SQL text writes {@code 0.05}
 * (a DECIMAL in Spark's SQL), so both forms compute the same exact sums.
 */
public final class EmberTpchQueries {
  private EmberTpchQueries() {}

  /** The query named {@code name} ({@code q1} ... {@code q18}, see {@link TpchSchemas#QUERIES}). */
  public static Function<TpchTables, DataFrame> query(String name) {
    return switch (name) {
      case "q1" -> EmberTpchQueries::q1;
      case "q3" -> EmberTpchQueries::q3;
      case "q5" -> EmberTpchQueries::q5;
      case "q6" -> EmberTpchQueries::q6;
      case "q10" -> EmberTpchQueries::q10;
      case "q12" -> EmberTpchQueries::q12;
      case "q14" -> EmberTpchQueries::q14;
      case "q18" -> EmberTpchQueries::q18;
      default -> throw new IllegalArgumentException("no TPC-H query named '" + name + "'; known: " + TpchSchemas.QUERIES);
    };
  }

  private static Column revenue() {
    return col("l_extendedprice").multiply(lit(1).minus(col("l_discount")));
  }

  private static Column day(int year, int month, int dayOfMonth) {
    return lit(LocalDate.of(year, month, dayOfMonth));
  }

  /** Q1, pricing summary: totals and averages of the lines shipped up to 90 days before 1998-12-01. */
  public static DataFrame q1(TpchTables tables) {
    return tables.lineitem()
        .filter(col("l_shipdate").leq(day(1998, 9, 2)))
        .groupBy(col("l_returnflag"), col("l_linestatus"))
        .agg(sum(col("l_quantity")).as("sum_qty"),
            sum(col("l_extendedprice")).as("sum_base_price"),
            sum(revenue()).as("sum_disc_price"),
            sum(revenue().multiply(lit(1).plus(col("l_tax")))).as("sum_charge"),
            avg(col("l_quantity")).as("avg_qty"),
            avg(col("l_extendedprice")).as("avg_price"),
            avg(col("l_discount")).as("avg_disc"),
            count(col("*")).as("count_order"))
        .orderBy(col("l_returnflag"), col("l_linestatus"));
  }

  /** Q3, shipping priority: the ten unshipped orders of the BUILDING segment with the highest revenue. */
  public static DataFrame q3(TpchTables tables) {
    return tables.customer()
        .join(tables.orders(), col("c_custkey").equalTo(col("o_custkey")))
        .join(tables.lineitem(), col("l_orderkey").equalTo(col("o_orderkey")))
        .filter(col("c_mktsegment").equalTo("BUILDING")
            .and(col("o_orderdate").lt(day(1995, 3, 15)))
            .and(col("l_shipdate").gt(day(1995, 3, 15))))
        .groupBy(col("l_orderkey"), col("o_orderdate"), col("o_shippriority"))
        .agg(sum(revenue()).as("revenue"))
        .select(col("l_orderkey"), col("revenue"), col("o_orderdate"), col("o_shippriority"))
        .orderBy(col("revenue").desc(), col("o_orderdate"))
        .limit(10);
  }

  /** Q5, local supplier volume: 1994 revenue per ASIA nation between a customer and a supplier of that nation. */
  public static DataFrame q5(TpchTables tables) {
    return tables.customer()
        .join(tables.orders(), col("c_custkey").equalTo(col("o_custkey")))
        .join(tables.lineitem(), col("l_orderkey").equalTo(col("o_orderkey")))
        .join(tables.supplier(), col("l_suppkey").equalTo(col("s_suppkey"))
            .and(col("c_nationkey").equalTo(col("s_nationkey"))))
        .join(tables.nation(), col("s_nationkey").equalTo(col("n_nationkey")))
        .join(tables.region(), col("n_regionkey").equalTo(col("r_regionkey")))
        .filter(col("r_name").equalTo("ASIA")
            .and(col("o_orderdate").geq(day(1994, 1, 1)))
            .and(col("o_orderdate").lt(day(1995, 1, 1))))
        .groupBy(col("n_name"))
        .agg(sum(revenue()).as("revenue"))
        .orderBy(col("revenue").desc());
  }

  /** Q6, forecasting revenue change: what 1994's small discounted lines earned. */
  public static DataFrame q6(TpchTables tables) {
    return tables.lineitem()
        .filter(col("l_shipdate").geq(day(1994, 1, 1))
            .and(col("l_shipdate").lt(day(1995, 1, 1)))
            .and(col("l_discount").between(new BigDecimal("0.05"), new BigDecimal("0.07")))
            .and(col("l_quantity").lt(24)))
        .agg(sum(col("l_extendedprice").multiply(col("l_discount"))).as("revenue"));
  }

  /** Q10, returned items: the twenty customers who lost the most revenue to returns in 1993's last quarter. */
  public static DataFrame q10(TpchTables tables) {
    return tables.customer()
        .join(tables.orders(), col("c_custkey").equalTo(col("o_custkey")))
        .join(tables.lineitem(), col("l_orderkey").equalTo(col("o_orderkey")))
        .join(tables.nation(), col("c_nationkey").equalTo(col("n_nationkey")))
        .filter(col("o_orderdate").geq(day(1993, 10, 1))
            .and(col("o_orderdate").lt(day(1994, 1, 1)))
            .and(col("l_returnflag").equalTo("R")))
        .groupBy(col("c_custkey"), col("c_name"), col("c_acctbal"), col("c_phone"), col("n_name"), col("c_address"),
            col("c_comment"))
        .agg(sum(revenue()).as("revenue"))
        .select(col("c_custkey"), col("c_name"), col("revenue"), col("c_acctbal"), col("n_name"), col("c_address"),
            col("c_phone"), col("c_comment"))
        .orderBy(col("revenue").desc())
        .limit(20);
  }

  /** Q12, shipping modes and order priority: late MAIL and SHIP lines of 1994 by order priority. */
  public static DataFrame q12(TpchTables tables) {
    Column urgent = col("o_orderpriority").equalTo("1-URGENT").or(col("o_orderpriority").equalTo("2-HIGH"));
    Column notUrgent = col("o_orderpriority").notEqual("1-URGENT").and(col("o_orderpriority").notEqual("2-HIGH"));
    return tables.orders()
        .join(tables.lineitem(), col("o_orderkey").equalTo(col("l_orderkey")))
        .filter(col("l_shipmode").isin("MAIL", "SHIP")
            .and(col("l_commitdate").lt(col("l_receiptdate")))
            .and(col("l_shipdate").lt(col("l_commitdate")))
            .and(col("l_receiptdate").geq(day(1994, 1, 1)))
            .and(col("l_receiptdate").lt(day(1995, 1, 1))))
        .groupBy(col("l_shipmode"))
        .agg(sum(when(urgent, 1).otherwise(0)).as("high_line_count"),
            sum(when(notUrgent, 1).otherwise(0)).as("low_line_count"))
        .orderBy(col("l_shipmode"));
  }

  /** Q14, promotion effect: the share of September 1995's revenue from promoted parts, in percent. */
  public static DataFrame q14(TpchTables tables) {
    return tables.lineitem()
        .join(tables.part(), col("l_partkey").equalTo(col("p_partkey")))
        .filter(col("l_shipdate").geq(day(1995, 9, 1)).and(col("l_shipdate").lt(day(1995, 10, 1))))
        .agg(sum(when(col("p_type").like("PROMO%"), revenue()).otherwise(lit(new BigDecimal("0.0")))).as("promo"),
            sum(revenue()).as("total"))
        .select(lit(new BigDecimal("100.0")).multiply(col("promo")).divide(col("total")).as("promo_revenue"));
  }

  /** Q18, large volume customers: the hundred largest orders of more than 300 units. */
  public static DataFrame q18(TpchTables tables) {
    DataFrame largeOrders = tables.lineitem()
        .groupBy(col("l_orderkey"))
        .agg(sum(col("l_quantity")).as("order_quantity"))
        .filter(col("order_quantity").gt(300))
        .select(col("l_orderkey").as("large_orderkey"));
    return tables.customer()
        .join(tables.orders(), col("c_custkey").equalTo(col("o_custkey")))
        .join(largeOrders, col("o_orderkey").equalTo(col("large_orderkey")), "left_semi")
        .join(tables.lineitem(), col("o_orderkey").equalTo(col("l_orderkey")))
        .groupBy(col("c_name"), col("c_custkey"), col("o_orderkey"), col("o_orderdate"), col("o_totalprice"))
        .agg(sum(col("l_quantity")).as("sum_quantity"))
        .orderBy(col("o_totalprice").desc(), col("o_orderdate"))
        .limit(100);
  }
}
