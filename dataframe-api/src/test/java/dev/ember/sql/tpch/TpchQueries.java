package dev.ember.sql.tpch;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.sum;

import dev.ember.sql.DataFrame;
import java.time.LocalDate;

/**
 * TPC-H queries in the DataFrame DSL, written as the SQL reads: the joins with their join
 * conditions, then one filter with every other predicate, so that the optimizer (not the author)
 * moves the filters down to the scans.
 */
public final class TpchQueries {
  private TpchQueries() {}

  /** Q3, shipping priority: the ten unshipped orders of the BUILDING segment with the highest revenue. */
  public static DataFrame q3(TpchTables tables) {
    LocalDate day = LocalDate.of(1995, 3, 15);
    return tables.customer
        .join(tables.orders, col("c_custkey").equalTo(col("o_custkey")))
        .join(tables.lineitem, col("l_orderkey").equalTo(col("o_orderkey")))
        .filter(col("c_mktsegment").equalTo("BUILDING")
            .and(col("o_orderdate").lt(lit(day)))
            .and(col("l_shipdate").gt(lit(day))))
        .groupBy(col("l_orderkey"), col("o_orderdate"), col("o_shippriority"))
        .agg(sum(col("l_extendedprice").multiply(lit(1).minus(col("l_discount")))).as("revenue"))
        .select(col("l_orderkey"), col("revenue"), col("o_orderdate"), col("o_shippriority"))
        .orderBy(col("revenue").desc(), col("o_orderdate"))
        .limit(10);
  }

  /** Q5, local supplier volume: revenue in 1994 per ASIA nation from suppliers and customers of the same nation. */
  public static DataFrame q5(TpchTables tables) {
    return tables.customer
        .join(tables.orders, col("c_custkey").equalTo(col("o_custkey")))
        .join(tables.lineitem, col("l_orderkey").equalTo(col("o_orderkey")))
        .join(tables.supplier, col("l_suppkey").equalTo(col("s_suppkey")).and(col("c_nationkey").equalTo(col("s_nationkey"))))
        .join(tables.nation, col("s_nationkey").equalTo(col("n_nationkey")))
        .join(tables.region, col("n_regionkey").equalTo(col("r_regionkey")))
        .filter(col("r_name").equalTo("ASIA")
            .and(col("o_orderdate").geq(lit(LocalDate.of(1994, 1, 1))))
            .and(col("o_orderdate").lt(lit(LocalDate.of(1995, 1, 1)))))
        .groupBy(col("n_name"))
        .agg(sum(col("l_extendedprice").multiply(lit(1).minus(col("l_discount")))).as("revenue"))
        .orderBy(col("revenue").desc());
  }
}
