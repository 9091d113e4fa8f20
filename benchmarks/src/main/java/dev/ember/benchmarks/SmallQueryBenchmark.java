package dev.ember.benchmarks;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.lit;

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
 * Issue 2, benchmark (b): the whole round trip of a small query on a started session: 1,000 rows,
 * filter + groupBy + count, from the DataFrame calls (analysis) through planning, stage cutting,
 * task serialization, execution on executor threads and the shuffle, to the rows on the driver.
 * Target: median under 2 ms. Sample mode gives the distribution; read the p0.50 line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SmallQueryBenchmark {
  /** The web UI (status store, HTTP server, listener bus delivery) on or off: what it costs a query. */
  @Param({"true", "false"})
  public String ui;

  /**
   * The session's plan cache ({@code ember.sql.planCache.maxEntries}) at its default, or off: each
   * call builds the same query again, which the cache answers with the plan of the first call.
   */
  @Param({"32", "0"})
  public String planCacheEntries;

  private EmberSession session;
  private DataFrame table;

  @Setup(Level.Trial)
  public void start() {
    session = EmberSession.builder().appName("small-query-benchmark").master("local[2]")
        .config("ember.ui.enabled", ui).config("ember.sql.planCache.maxEntries", planCacheEntries).getOrCreate();
    table = session.createDataFrame(SmallQueryLatency.rows(), SmallQueryLatency.schema());
  }

  @TearDown(Level.Trial)
  public void stop() {
    session.stop();
  }

  @Benchmark
  public List<Row> filterGroupByCount() {
    DataFrame query = table.filter(col("price").gt(lit(25.0))).groupBy("category").count();
    return query.collectAsList();
  }
}
