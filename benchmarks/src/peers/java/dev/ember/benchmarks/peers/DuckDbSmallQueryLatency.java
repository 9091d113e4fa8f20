package dev.ember.benchmarks.peers;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;

/**
 * {@code dev.ember.benchmarks.SmallQueryLatency} on DuckDB: the same 1,000 rows (the same generator
 * and seed), the same filter + group by + count, run {@code --calls} times (default 120) in a fresh
 * JVM through JDBC on an in-memory database with 2 threads, each call a new statement whose rows are
 * all read, as an embedding program would. Prints the median, p90 and maximum of calls 21 to the
 * last and the process CPU per call, in the same words as Ember's runner, and the answer (groups and
 * rows counted) to compare with Ember's.
 *
 * <pre>java -cp benchmarks/target/peer-classes:$(cat benchmarks/target/peers.classpath) dev.ember.benchmarks.peers.DuckDbSmallQueryLatency [--calls 120]</pre>
 */
public final class DuckDbSmallQueryLatency {
  private static final int SKIPPED_CALLS = 20;
  private static final String QUERY =
      "SELECT category, count(*) AS count FROM small WHERE price > 25.0 GROUP BY category";

  private DuckDbSmallQueryLatency() {}

  public static void main(String[] arguments) throws SQLException {
    int calls = 120;
    for (int i = 0; i < arguments.length; i++) {
      if (arguments[i].equals("--calls") && i + 1 < arguments.length) {
        calls = Integer.parseInt(arguments[++i]);
      } else {
        throw new IllegalArgumentException("unknown argument '" + arguments[i] + "'; expected --calls N");
      }
    }
    if (calls <= SKIPPED_CALLS) {
      throw new IllegalArgumentException("--calls must be more than " + SKIPPED_CALLS + ", got " + calls);
    }
    long startBegan = System.nanoTime();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET threads = 2");
      }
      long startNanos = System.nanoTime() - startBegan;
      load(connection);
      long[] nanos = new long[calls];
      int groups = 0;
      long counted = 0;
      long cpuAtSkip = 0;
      for (int call = 0; call < calls; call++) {
        if (call == SKIPPED_CALLS) {
          cpuAtSkip = processCpuNanos();
        }
        long began = System.nanoTime();
        groups = 0;
        counted = 0;
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(QUERY)) {
          while (result.next()) {
            result.getString(1);
            counted += result.getLong(2);
            groups++;
          }
        }
        nanos[call] = System.nanoTime() - began;
      }
      double cpuPerCall = (processCpuNanos() - cpuAtSkip) / (double) (calls - SKIPPED_CALLS);
      long[] measured = Arrays.copyOfRange(nanos, SKIPPED_CALLS, calls);
      Arrays.sort(measured);
      System.out.printf("duckdb: connection %.1f ms; first call %.1f ms; calls %d-%d (%d groups, %d rows counted): median %.3f ms,"
          + " p90 %.3f ms, max %.3f ms; process CPU per call %.3f ms%n",
          startNanos / 1e6, nanos[0] / 1e6, SKIPPED_CALLS + 1, calls, groups, counted, percentile(measured, 0.5) / 1e6,
          percentile(measured, 0.9) / 1e6, measured[measured.length - 1] / 1e6, cpuPerCall / 1e6);
    }
  }

  /** The rows of Ember's {@code SmallQueryLatency.rows()}: ids 0..999, 10 categories, prices from seed 7. */
  private static void load(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE small (id INTEGER, category VARCHAR, price DOUBLE)");
    }
    Random random = new Random(7);
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO small VALUES (?, ?, ?)")) {
      for (int i = 0; i < 1000; i++) {
        insert.setInt(1, i);
        insert.setString(2, "category-" + random.nextInt(10));
        insert.setDouble(3, random.nextDouble() * 100);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static long processCpuNanos() {
    return ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime();
  }

  private static double percentile(long[] sorted, double fraction) {
    double position = fraction * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }
}
