package dev.ember.benchmarks;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.lit;

import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Issue 8's "fresh JVM" latency: what an embedding program sees on its first calls, before the JIT
 * has compiled much. Starts a {@code local[2]} session, runs {@link SmallQueryBenchmark}'s query (a
 * 1,000-row filter + groupBy + count) {@code --calls} times (default 120) and prints the session
 * start and the median, p90 and maximum of calls 21 to the last (the first 20 load classes), and the
 * CPU time per call over them: the whole process's, and that of the threads that run the query. JMH
 * cannot measure this: its warm-up is the thing left out here. Run it in a JVM of its own:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.ember.benchmarks.SmallQueryLatency [--calls 120] [--ui false] [--plan-cache false]</pre>
 *
 * <p>Every call builds the query again; the session's plan cache (on by default) runs the plan of
 * the first call for it. {@code --plan-cache false} turns the cache off, so every call is analyzed,
 * optimized and planned.
 */
public final class SmallQueryLatency {
  private static final int SKIPPED_CALLS = 20;

  private SmallQueryLatency() {}

  public static void main(String[] arguments) {
    int calls = 120;
    String ui = "false";
    String planCache = "true";
    for (int i = 0; i < arguments.length; i++) {
      switch (arguments[i]) {
        case "--calls" -> calls = Integer.parseInt(value(arguments, ++i, "--calls"));
        case "--ui" -> ui = value(arguments, ++i, "--ui");
        case "--plan-cache" -> planCache = value(arguments, ++i, "--plan-cache");
        default -> throw new IllegalArgumentException(
            "unknown argument '" + arguments[i] + "'; expected --calls N, --ui true|false or --plan-cache true|false");
      }
    }
    if (calls <= SKIPPED_CALLS) {
      throw new IllegalArgumentException("--calls must be more than " + SKIPPED_CALLS + ", got " + calls);
    }
    long startBegan = System.nanoTime();
    EmberSession.Builder builder = EmberSession.builder().appName("small-query-latency").master("local[2]")
        .config("ember.ui.enabled", ui);
    if (!Boolean.parseBoolean(planCache)) {
      builder.config("ember.sql.planCache.maxEntries", "0"); // else the session's default
    }
    try (EmberSession session = builder.getOrCreate()) {
      long startNanos = System.nanoTime() - startBegan;
      DataFrame table = session.createDataFrame(rows(), schema());
      long[] nanos = new long[calls];
      int groups = 0;
      long counted = 0;
      long cpuAtSkip = 0;
      long queryCpuAtSkip = 0;
      for (int call = 0; call < calls; call++) {
        if (call == SKIPPED_CALLS) {
          cpuAtSkip = processCpuNanos();
          queryCpuAtSkip = queryThreadsCpuNanos();
        }
        long began = System.nanoTime();
        List<Row> result = table.filter(col("price").gt(lit(25.0))).groupBy("category").count().collectAsList();
        nanos[call] = System.nanoTime() - began;
        groups = result.size();
        counted = 0;
        for (Row row : result) {
          counted += row.getLong(1);
        }
      }
      double cpuPerCall = (processCpuNanos() - cpuAtSkip) / (double) (calls - SKIPPED_CALLS);
      double queryCpuPerCall = (queryThreadsCpuNanos() - queryCpuAtSkip) / (double) (calls - SKIPPED_CALLS);
      long[] measured = Arrays.copyOfRange(nanos, SKIPPED_CALLS, calls);
      Arrays.sort(measured);
      System.out.printf("session start %.1f ms; first call %.1f ms; calls %d-%d (%d groups, %d rows counted): median %.3f ms, p90 %.3f ms,"
          + " max %.3f ms; process CPU per call %.3f ms, of the caller and ember-* threads %.3f ms%n",
          startNanos / 1e6, nanos[0] / 1e6, SKIPPED_CALLS + 1, calls, groups, counted, percentile(measured, 0.5) / 1e6,
          percentile(measured, 0.9) / 1e6, measured[measured.length - 1] / 1e6, cpuPerCall / 1e6, queryCpuPerCall / 1e6);
    }
  }

  /** The table of {@link SmallQueryBenchmark}: 1,000 rows, 10 categories, prices from a fixed seed. */
  public static StructType schema() {
    return new StructType()
        .add("id", DataTypes.IntegerType)
        .add("category", DataTypes.StringType)
        .add("price", DataTypes.DoubleType);
  }

  public static List<Row> rows() {
    Random random = new Random(7);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rows.add(RowFactory.create(i, "category-" + random.nextInt(10), random.nextDouble() * 100));
    }
    return rows;
  }

  /**
   * CPU time of the whole process (all threads: the caller, the scheduler, executors, JIT and GC):
   * what a call costs the machine, less disturbed than wall time by other processes on it.
   */
  private static long processCpuNanos() {
    return ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime();
  }

  /**
   * CPU time of the threads that run queries: this caller and Ember's threads (scheduler, executors,
   * listener bus), without the JIT compiler's and the GC's: what the engine's own code costs, the
   * least disturbed by a busy machine (a call waiting for a core adds wall time, not CPU time).
   */
  private static long queryThreadsCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && (info.getThreadId() == Thread.currentThread().threadId() || info.getThreadName().startsWith("ember-"))) {
        total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }

  private static double percentile(long[] sorted, double fraction) {
    double position = fraction * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }

  private static String value(String[] arguments, int index, String option) {
    if (index >= arguments.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return arguments[index];
  }
}
