package dev.ember.benchmarks;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.concat;
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
 * Issue 8 scope 8: the engine's hot paths, one benchmark each, over a cached table of {@code rows}
 * rows in {@code local[2]} at the session's defaults, so a figure moves when the kernel under it
 * does: filter, project, hash aggregate with few and many groups on int and string keys, a hash
 * join probing a small broadcast side, and a shuffled join of two large sides. Each query ends in
 * one small result (a count or a sum), so what is measured is the operator, not result transfer.
 * Generation and caching happen once per trial, outside the measurement. Sorting has its own
 * benchmark ({@code ExternalSort}), CSV parsing {@code CsvScanPushdown}, the exchange
 * {@code ShuffleBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class HotPathBenchmark {
  @Param({"4000000"})
  public long rows;

  private EmberSession session;
  private DataFrame facts;
  private DataFrame dimension;
  private DataFrame otherFacts;

  @Setup(Level.Trial)
  public void start() {
    session = EmberSession.builder().appName("hot-path-benchmark").master("local[2]").getOrCreate();
    // Keys: 8 int groups, ~1 million int groups (a multiplicative spread, not in id order), 5 string
    // groups ("segment-0".."segment-4", TPC-H's market segments), ~100,000 string groups.
    facts = session.range(rows)
        .withColumn("few_int", col("id").mod(lit(8)).cast("int"))
        .withColumn("many_int", col("id").multiply(lit(7919L)).mod(lit(1_000_003L)).cast("int"))
        .withColumn("few_string", concat(lit("segment-"), col("id").mod(lit(5)).cast("string")))
        .withColumn("many_string", concat(lit("customer#"), col("id").multiply(lit(31L)).mod(lit(100_003L)).cast("string")))
        .withColumn("amount", col("id").mod(lit(997)).multiply(lit(1.5)))
        .withColumn("dimension_key", col("id").mod(lit(10_000L)))
        .cache();
    dimension = session.range(10_000)
        .withColumn("dimension_key", col("id"))
        .withColumn("weight", col("id").mod(lit(7)))
        .drop("id")
        .cache();
    otherFacts = session.range(rows / 2)
        .withColumn("other_id", col("id").multiply(lit(2L)))
        .withColumn("other_amount", col("id").mod(lit(101)))
        .drop("id")
        .cache();
    facts.count();
    dimension.count();
    otherFacts.count();
  }

  @TearDown(Level.Trial)
  public void stop() {
    session.stop();
  }

  @Benchmark
  public long filter() {
    return facts.filter(col("amount").gt(lit(700.0)).and(col("few_int").notEqual(lit(3)))).count();
  }

  @Benchmark
  public List<Row> project() {
    return facts.select(col("amount").multiply(lit(2.0)).plus(col("id")).minus(col("many_int")).as("value"))
        .agg(sum(col("value")))
        .collectAsList();
  }

  /** A filter keeping ~2% of the rows (an int column against a constant), then an aggregate. */
  @Benchmark
  public List<Row> selectiveFilterAggregate() {
    return facts.filter(col("many_int").lt(lit(20_000))).groupBy(col("few_int"))
        .agg(sum(col("amount")), count(col("amount"))).collectAsList();
  }

  /** A filter keeping ~88% of the rows, then an aggregate on a string key. */
  @Benchmark
  public List<Row> wideFilterAggregate() {
    return facts.filter(col("few_int").notEqual(lit(3))).groupBy(col("few_string"))
        .agg(sum(col("amount")), count(col("amount"))).collectAsList();
  }

  /** A filter keeping ~46% of the rows, a computed column, then an aggregate. */
  @Benchmark
  public List<Row> filterProjectAggregate() {
    return facts.filter(col("amount").gt(lit(700.0)).and(col("few_int").notEqual(lit(3))))
        .select(col("few_string"), col("amount").multiply(lit(2.0)).plus(col("id")).as("value"))
        .groupBy(col("few_string")).agg(sum(col("value"))).collectAsList();
  }

  /** A filter keeping half the rows, then a probe of a small broadcast side. */
  @Benchmark
  public List<Row> filterJoinProbe() {
    return facts.filter(col("many_int").lt(lit(500_000))).join(dimension, "dimension_key")
        .agg(sum(col("weight"))).collectAsList();
  }

  @Benchmark
  public List<Row> aggregateFewIntGroups() {
    return facts.groupBy(col("few_int")).agg(sum(col("amount")), count(col("amount"))).collectAsList();
  }

  @Benchmark
  public long aggregateManyIntGroups() {
    return facts.groupBy(col("many_int")).agg(sum(col("amount"))).count();
  }

  @Benchmark
  public List<Row> aggregateFewStringGroups() {
    return facts.groupBy(col("few_string")).agg(sum(col("amount")), count(col("amount"))).collectAsList();
  }

  @Benchmark
  public long aggregateManyStringGroups() {
    return facts.groupBy(col("many_string")).agg(sum(col("amount"))).count();
  }

  @Benchmark
  public List<Row> hashJoinProbe() {
    return facts.join(dimension, "dimension_key").agg(sum(col("weight"))).collectAsList();
  }

  @Benchmark
  public List<Row> shuffledJoin() {
    return facts.join(otherFacts, col("id").equalTo(col("other_id"))).agg(sum(col("other_amount"))).collectAsList();
  }
}
