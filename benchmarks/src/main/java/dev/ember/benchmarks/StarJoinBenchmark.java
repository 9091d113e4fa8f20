package dev.ember.benchmarks;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.sum;

import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 8 scope 5: a TPC-H Q3-shaped star join over cached tables in {@code local[2]} at the
 * session's defaults. A fact table of {@code factRows} line items (four per order) joins orders (a
 * range filter keeps about a third) and customers (an equality keeps a fifth), written in FROM
 * order with the filters at the end, then a grouped sum. With selectivity-aware estimates and
 * reordering the filtered customers and orders are broadcast and the facts are probed where they
 * are scanned; without, the facts are shuffled.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class StarJoinBenchmark {
  @Param({"4000000"})
  public long factRows;

  private EmberSession session;
  private DataFrame query;

  @Setup(Level.Trial)
  public void start() {
    session = EmberSession.builder().appName("star-join-benchmark").master("local[2]").getOrCreate();
    long orderCount = factRows / 4;
    long customerCount = Math.max(1, orderCount / 10);
    DataFrame customers = session.range(customerCount)
        .withColumn("c_custkey", col("id"))
        .withColumn("c_segment", col("id").mod(lit(5)))
        .drop("id")
        .cache();
    DataFrame orders = session.range(orderCount)
        .withColumn("o_orderkey", col("id"))
        .withColumn("o_custkey", col("id").mod(lit(customerCount)))
        .withColumn("o_day", col("id").mod(lit(2400)))
        .drop("id")
        .cache();
    DataFrame facts = session.range(factRows)
        .withColumn("l_orderkey", col("id").divide(lit(4)).cast("long"))
        .withColumn("l_price", col("id").mod(lit(997)).multiply(lit(1.5)))
        .withColumn("l_day", col("id").mod(lit(2400)))
        .drop("id")
        .cache();
    customers.count();
    orders.count();
    facts.count();
    query = customers
        .join(orders, col("c_custkey").equalTo(col("o_custkey")))
        .join(facts, col("l_orderkey").equalTo(col("o_orderkey")))
        .filter(col("c_segment").equalTo(lit(1L))
            .and(col("o_day").lt(lit(800L)))
            .and(col("l_day").gt(lit(800L))))
        .groupBy(col("o_day"))
        .agg(sum(col("l_price")).as("revenue"));
  }

  @TearDown(Level.Trial)
  public void stop() {
    session.stop();
  }

  @Benchmark
  public List<Row> starJoin() {
    return query.collectAsList();
  }
}
