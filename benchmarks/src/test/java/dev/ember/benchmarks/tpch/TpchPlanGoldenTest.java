package dev.ember.benchmarks.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.optimizer.OptimizationResult;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plans of the TPC-H queries, pinned: the optimized plan and the physical plan of the eight
 * DSL queries and the 22 SQL queries at SF 0.01,
 * with broadcasts at their default threshold and switched off, must read exactly as the golden
 * files under {@code tpch-plans/} say. Those were written by the optimizer and planner before they
 * were made cheaper (memoized size estimates, reference sets computed once per rule application):
 * a cache that returned a wrong answer would change some join order, filter or operator here.
 *
 * <p>Attribute ids depend on what ran before in the JVM, so they are renumbered in the order they
 * first appear; the data folder is written {@code <data>}. With {@code -Dember.tpch.writePlans=DIR}
 * the test writes the plans it sees into {@code DIR} instead of checking them (to renew the files
 * after an intended change of a plan).
 */
class TpchPlanGoldenTest {
  private static final double SCALE_FACTOR = 0.01;
  private static final Pattern ATTRIBUTE_ID = Pattern.compile("#(\\d+)");

  @TempDir
  static Path cache;
  private static Path data;

  @BeforeAll
  static void generate() {
    data = TpchDataGenerator.generate(cache, SCALE_FACTOR, 2);
  }

  @Test
  void theDslQueriesPlanAsTheGoldenFilesSay() throws IOException {
    check("default", "10485760");
    check("no-broadcast", "-1");
  }

  private static void check(String variant, String broadcastThreshold) throws IOException {
    try (EmberSession session = EmberSession.builder().appName("tpch-plans").master("local[2]")
        .config("ember.ui.enabled", "false")
        .config("ember.sql.autoBroadcastJoinThreshold", broadcastThreshold).getOrCreate()) {
      TpchTables tables = TpchTables.read(session, data);
      tables.registerViews();
      for (String query : TpchSchemas.QUERIES) {
        compare(variant + "-dsl-" + query, plans(EmberTpchQueries.query(query).apply(tables)));
      }
      for (String query : TpchSchemas.SQL_QUERIES) {
        compare(variant + "-sql-" + query, plans(session.sql(TpchSchemas.sql(query))));
      }
    }
  }

  private static void compare(String name, String actual) throws IOException {
    String target = System.getProperty("ember.tpch.writePlans");
    if (target != null) {
      Files.createDirectories(Path.of(target));
      Files.writeString(Path.of(target, name + ".txt"), actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(actual).as(name).isEqualTo(golden(name));
  }

  /** The optimized plan and the physical plan, as explain prints them. */
  private static String plans(DataFrame frame) {
    OptimizationResult optimization = frame.queryExecution().optimization();
    StringBuilder text = new StringBuilder();
    text.append("== optimized\n").append(PlanPrinter.logical(optimization.plan())).append('\n');
    text.append("== physical\n").append(PlanPrinter.physical(frame.queryExecution().physical())).append('\n');
    return normalized(text.toString());
  }

  /** Attribute ids renumbered by first appearance, and the data folder as {@code <data>}. */
  private static String normalized(String text) {
    String located = text.replace(data.toAbsolutePath().toString(), "<data>");
    Map<String, Integer> numbers = new HashMap<>();
    Matcher matcher = ATTRIBUTE_ID.matcher(located);
    StringBuilder renumbered = new StringBuilder();
    while (matcher.find()) {
      int number = numbers.computeIfAbsent(matcher.group(1), id -> numbers.size());
      matcher.appendReplacement(renumbered, "#" + number);
    }
    matcher.appendTail(renumbered);
    return renumbered.toString();
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = TpchPlanGoldenTest.class.getResourceAsStream("/tpch-plans/" + name + ".txt")) {
      assertThat(in).as("golden file tpch-plans/" + name + ".txt").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
