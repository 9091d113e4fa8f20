package dev.ember.benchmarks.tpch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver behind {@code benchmarks/tpch}: generates (or reuses) the data of a scale factor,
 * runs every engine in a JVM of its own with the same {@code -Xmx} and thread count, and prints
 * their reports as one {@link ComparisonTable}.
 *
 * <p>Options: {@code --sf 1} (scale factor), {@code --peers} (DuckDB and Spark too; they need the
 * {@code tpch-peers} profile's classpath, {@code --peer-classpath} and {@code --peer-java}, a JDK
 * Spark 3.5 runs on), {@code --engines ember,duckdb,spark}, {@code --xmx 12g}, {@code --threads 2},
 * {@code --warm-runs 3}, {@code --cache benchmarks/target/tpch}, {@code --ember-config key=value}
 * (repeatable, for example {@code ember.executor.memory=10g}), {@code --ember-jvm-option OPTION}
 * (repeatable: a JVM option for Ember's JVM only, for experiments such as {@code
 * -XX:TieredStopAtLevel=1}; the table's heading names them, so such a table is never taken for the
 * defaults), {@code --api dsl|sql} (Ember's eight DSL queries, the default, or all 22 queries' SQL
 * texts through {@code session.sql}).
 */
public final class TpchBenchmark {
  /** The flags Spark 3.5's launcher adds on JDK 17 (its JavaModuleOptions): Spark reflects into the JDK. */
  static final List<String> SPARK_JVM_OPTIONS = List.of(
      "-XX:+IgnoreUnrecognizedVMOptions",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
      "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
      "-Djdk.reflect.useDirectMethodHandle=false");
  private static final String PEER_RUNNER = "dev.ember.benchmarks.tpch.peers.PeerRunner";

  private TpchBenchmark() {}

  public static void main(String[] arguments) throws IOException, InterruptedException {
    Arguments parsed = Arguments.parse(arguments, "peers");
    double scaleFactor = parsed.decimal("sf", 1);
    int threads = parsed.integer("threads", 2);
    int warmRuns = parsed.integer("warm-runs", 3);
    String maxHeap = parsed.text("xmx", "12g");
    Path cache = Path.of(parsed.text("cache", "benchmarks/target/tpch"));
    List<String> engines = List.of(parsed.text("engines", parsed.flag("peers") ? "ember,duckdb,spark" : "ember")
        .split(","));
    if (!engines.getFirst().equals("ember")) {
      throw new IllegalArgumentException("--engines must start with ember (the reference of the ratios), got " + engines);
    }

    long generateStart = System.nanoTime();
    Path data = TpchDataGenerator.generate(cache, scaleFactor, threads);
    System.err.printf("tpch: data of SF %s in %s (%.1f s, written once and reused)%n", scaleFactor, data,
        (System.nanoTime() - generateStart) / 1e9);

    List<RunReport> reports = new ArrayList<>();
    for (String engine : engines) {
      Path report = cache.resolve("reports").resolve(data.getFileName() + "-" + engine + ".txt");
      Files.deleteIfExists(report);
      Files.createDirectories(report.getParent());
      List<String> command = engine.equals("ember")
          ? emberCommand(parsed, maxHeap, threads, warmRuns, data, report)
          : peerCommand(parsed, engine, maxHeap, threads, warmRuns, data, report);
      System.err.println("tpch: running " + engine + " in its own JVM (-Xmx" + maxHeap + ", " + threads + " threads)");
      int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
      if (exit != 0 || !Files.exists(report)) {
        System.err.println("tpch: " + engine + " failed (exit code " + exit + "); it is left out of the table");
        continue;
      }
      reports.add(RunReport.read(report));
    }
    if (reports.isEmpty() || !reports.getFirst().engine().equals("ember")) {
      System.err.println("tpch: Ember's run failed; no table");
      System.exit(1);
    }
    System.out.printf("TPC-H SF %s, tables cached, %d threads, -Xmx%s, first run and median of %d warm runs%n",
        scaleFactor, threads, maxHeap, warmRuns);
    List<String> emberJvmOptions = parsed.all("ember-jvm-option");
    System.out.printf(emberJvmOptions.isEmpty() ? "%n" : "Ember's JVM also ran with %s (not its defaults)%n%n",
        String.join(" ", emberJvmOptions));
    System.out.print(ComparisonTable.render(reports));
  }

  static List<String> emberCommand(Arguments parsed, String maxHeap, int threads, int warmRuns, Path data,
      Path report) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + maxHeap));
    command.addAll(parsed.all("ember-jvm-option"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), EmberTpchRunner.class.getName(),
        "--data", data.toString(), "--report", report.toString(),
        "--threads", Integer.toString(threads), "--warm-runs", Integer.toString(warmRuns),
        "--api", parsed.text("api", "dsl")));
    for (String setting : parsed.all("ember-config")) {
      command.add("--config");
      command.add(setting);
    }
    return command;
  }

  private static List<String> peerCommand(Arguments parsed, String engine, String maxHeap, int threads, int warmRuns,
      Path data, Path report) {
    if (!engine.equals("duckdb") && !engine.equals("spark")) {
      throw new IllegalArgumentException("unknown engine '" + engine + "'; known: ember, duckdb, spark");
    }
    String classpath = parsed.text("peer-classpath", null);
    if (classpath == null) {
      throw new IllegalArgumentException("--peers needs --peer-classpath (benchmarks/tpch builds it with -Ptpch-peers)");
    }
    List<String> command = new ArrayList<>();
    command.add(parsed.text("peer-java", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.add("-Xmx" + maxHeap);
    // Spark logs through SLF4J; the benchmarks' slf4j-simple binding would print every task at INFO.
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    if (engine.equals("spark")) {
      command.addAll(SPARK_JVM_OPTIONS);
    }
    command.addAll(List.of("-cp", classpath, PEER_RUNNER, "--engine", engine, "--data", data.toString(),
        "--report", report.toString(), "--threads", Integer.toString(threads),
        "--warm-runs", Integer.toString(warmRuns)));
    return command;
  }
}
