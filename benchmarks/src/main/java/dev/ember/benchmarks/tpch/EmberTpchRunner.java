package dev.ember.benchmarks.tpch;

import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Ember's side of the benchmark, run in a JVM of its own by {@link TpchBenchmark}: reads the
 * tables into cached DataFrames (timed), measures the heap after loading, then runs each query
 * once cold and {@code warmRuns} times more, and writes a {@link RunReport}.
 *
 * <p>Arguments: {@code --data DIR --report FILE [--threads 2] [--warm-runs 3] [--api dsl|sql]
 * [--config key=value]...}: {@code --api dsl} (the default) runs the eight DSL queries of
 * {@link EmberTpchQueries}, {@code --api sql} all 22 queries' SQL texts through {@code session.sql}.
 */
public final class EmberTpchRunner {
  private EmberTpchRunner() {}

  public static void main(String[] arguments) {
    Arguments parsed = Arguments.parse(arguments);
    Path data = Path.of(parsed.required("data"));
    Path report = Path.of(parsed.required("report"));
    int threads = parsed.integer("threads", 2);
    int warmRuns = parsed.integer("warm-runs", 3);
    String api = parsed.text("api", "dsl");
    if (!api.equals("dsl") && !api.equals("sql")) {
      throw new IllegalArgumentException("--api takes dsl or sql, got '" + api + "'");
    }
    // Every run plans, as the peers parse and plan the SQL text in every run: without this the
    // session's plan cache would run the first run's plan in the warm runs (see time()). A
    // --config of the key still wins.
    EmberSession.Builder builder = EmberSession.builder().appName("tpch").master("local[" + threads + "]")
        .config("ember.sql.planCache.maxEntries", "0");
    for (String setting : parsed.all("config")) {
      int equals = setting.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException("--config takes key=value, got '" + setting + "'");
      }
      builder.config(setting.substring(0, equals), setting.substring(equals + 1));
    }
    try (EmberSession session = builder.getOrCreate()) {
      String memory = session.conf().get("ember.executor.memory");
      String note = "heap used after a full GC; ember.executor.memory=" + memory;
      RunReport result = api.equals("sql") ? runSql(session, data, warmRuns, note) : run(session, data, warmRuns, note);
      result.write(report);
    }
  }

  /**
   * Loads the tables under {@code data} into cached DataFrames of {@code session} and runs the
   * eight queries; a query that fails is reported with its error and the others still run.
   */
  public static RunReport run(EmberSession session, Path data, int warmRuns, String heapNote) {
    long loadStart = System.nanoTime();
    TpchTables tables = TpchTables.read(session, data).cached();
    double loadMillis = (System.nanoTime() - loadStart) / 1e6;
    long heap = heapUsedAfterGc();
    Map<String, RunReport.QueryRun> runs = new LinkedHashMap<>();
    for (String name : TpchSchemas.QUERIES) {
      System.err.println("ember: " + name);
      try {
        runs.put(name, time(() -> EmberTpchQueries.query(name).apply(tables), warmRuns));
      } catch (RuntimeException failed) {
        runs.put(name, RunReport.QueryRun.failed(failed.toString()));
      }
    }
    return new RunReport("ember", loadMillis, heap, heapNote, runs);
  }

  /**
   * Loads the tables under {@code data} into cached DataFrames registered as temporary views of
   * their TPC-H names, and runs all 22 queries' SQL texts through {@code session.sql}; a query that
   * fails is reported with its error and the others still run.
   */
  public static RunReport runSql(EmberSession session, Path data, int warmRuns, String heapNote) {
    long loadStart = System.nanoTime();
    TpchTables tables = TpchTables.read(session, data).cached();
    tables.registerViews();
    double loadMillis = (System.nanoTime() - loadStart) / 1e6;
    long heap = heapUsedAfterGc();
    Map<String, RunReport.QueryRun> runs = new LinkedHashMap<>();
    for (String name : TpchSchemas.SQL_QUERIES) {
      System.err.println("ember sql: " + name);
      try {
        runs.put(name, time(() -> session.sql(TpchSchemas.sql(name)), warmRuns));
      } catch (RuntimeException failed) {
        runs.put(name, RunReport.QueryRun.failed(failed.toString()));
      }
    }
    return new RunReport("ember", loadMillis, heap, heapNote + "; --api sql", runs);
  }

  /**
   * Times the first run and the warm runs of the query {@code build} makes. Every run builds the
   * DataFrame again, so it is analyzed, optimized and planned in every run, as the peers parse and
   * plan the SQL text in every run (a DataFrame run twice is planned once, so reusing one would
   * leave Ember's planning out of its warm runs only; so would the session's plan cache, which
   * main turns off).
   */
  private static RunReport.QueryRun time(Supplier<DataFrame> build, int warmRuns) {
    long start = System.nanoTime();
    List<Row> first = build.get().collectAsList();
    double firstMillis = (System.nanoTime() - start) / 1e6;
    List<Double> warm = new ArrayList<>();
    for (int run = 0; run < warmRuns; run++) {
      long runStart = System.nanoTime();
      build.get().collectAsList();
      warm.add((System.nanoTime() - runStart) / 1e6);
    }
    return new RunReport.QueryRun(firstMillis, warm, answer(first), null);
  }

  /** Ember's rows as the report holds them. */
  public static QueryAnswer answer(List<Row> rows) {
    List<List<Object>> values = new ArrayList<>(rows.size());
    for (Row row : rows) {
      List<Object> rowValues = new ArrayList<>(row.size());
      for (int index = 0; index < row.size(); index++) {
        rowValues.add(row.get(index));
      }
      values.add(rowValues);
    }
    return new QueryAnswer(values);
  }

  /** Heap in use once garbage is collected: a few full GCs, as the heap settles over them. */
  static long heapUsedAfterGc() {
    for (int collection = 0; collection < 3; collection++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
