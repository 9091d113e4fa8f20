package dev.ember.benchmarks;

import static dev.ember.sql.functions.avg;
import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
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
 * Issue 2, benchmark (a): filter + groupBy aggregate over 10 million generated rows in
 * {@code local[2]}. The rows are generated inside the job ({@code range} + expressions), so the
 * figure covers generation, filter, partial aggregate, shuffle and final aggregate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class FilterGroupByBenchmark {
  @Param({"10000000"})
  public long rows;

  private EmberSession session;
  private DataFrame query;

  @Setup(Level.Trial)
  public void start() {
    session = EmberSession.builder().appName("filter-groupby-benchmark").master("local[2]").getOrCreate();
    DataFrame generated = session.range(rows)
        .withColumn("key", col("id").mod(lit(1000)))
        .withColumn("amount", col("id").mod(lit(997)).multiply(lit(1.5)));
    query = generated
        .filter(col("amount").gt(lit(100.0)))
        .groupBy(col("key"))
        .agg(count(col("amount")).as("orders"), sum(col("amount")).as("revenue"), avg(col("amount")).as("average"));
  }

  @TearDown(Level.Trial)
  public void stop() {
    session.stop();
  }

  @Benchmark
  public List<Row> filterThenGroupBy() {
    return query.collectAsList();
  }
}
