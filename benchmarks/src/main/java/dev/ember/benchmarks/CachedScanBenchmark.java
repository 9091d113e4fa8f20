package dev.ember.benchmarks;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.sum;

import dev.ember.benchmarks.tpch.EmberTpchQueries;
import dev.ember.benchmarks.tpch.TpchTables;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Issue 8, what reading a cached table costs: TPC-H SF1's lineitem (6 million rows, 16 columns)
 * cached in {@code local[2]}, then a sum over one cached column (l_orderkey: the scan and, with
 * compressed blocks, the widening of one column in every batch), Q6 (4 columns) and Q1 (7 columns).
 * Uses only API that existed before the cache compressed its blocks, so the same class measures the
 * engine before and after. Needs the SF1 files of {@code benchmarks/tpch --sf 1} under
 * {@code data} (default {@code benchmarks/target/tpch/sf1}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class CachedScanBenchmark {
  @Param("benchmarks/target/tpch/sf1")
  public String data;

  private EmberSession session;
  private TpchTables tables;
  private DataFrame lineitem;

  @Setup(Level.Trial)
  public void start() {
    Path directory = Path.of(data);
    if (!Files.isDirectory(directory.resolve("lineitem"))) {
      throw new IllegalStateException("no TPC-H data under " + directory.toAbsolutePath() + ": run benchmarks/tpch --sf 1 first");
    }
    session = EmberSession.builder().appName("cached-scan-benchmark").master("local[2]")
        .config("ember.executor.memory", "5g").getOrCreate();
    TpchTables read = TpchTables.read(session, directory);
    lineitem = read.lineitem().cache();
    lineitem.count();
    tables = new TpchTables(read.region(), read.nation(), read.supplier(), read.customer(), read.part(), read.partsupp(),
        read.orders(), lineitem);
  }

  @TearDown(Level.Trial)
  public void stop() {
    session.stop();
  }

  @Benchmark
  public List<Row> sumOfOneCachedColumn() {
    return lineitem.agg(sum(col("l_orderkey"))).collectAsList();
  }

  @Benchmark
  public List<Row> q6() {
    return EmberTpchQueries.q6(tables).collectAsList();
  }

  @Benchmark
  public List<Row> q1() {
    return EmberTpchQueries.q1(tables).collectAsList();
  }
}
