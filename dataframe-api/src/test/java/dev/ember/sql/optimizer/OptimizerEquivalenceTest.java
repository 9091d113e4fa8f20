package dev.ember.sql.optimizer;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.optimizer.DefaultRuleBatches;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.sql.AnalysisException;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RuntimeConfig;
import dev.ember.sql.internal.ConfigEntries;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proof that rewriting keeps results: random DataFrame programs over random tables, each run
 * with the optimizer off ({@code ember.sql.optimizer.enabled=false}, the plan as analyzed) and on,
 * must give the same multiset of rows (the same list when the program ends in a total sort). One
 * program in four also runs with a random subset of the optimizer's rules switched off ({@code
 * ember.sql.optimizer.excludedRules}): rules must keep results whichever others ran.
 *
 * <p>The programs come from a fixed sequence of seeds, so CI runs the same ones each time; a
 * program that does not analyze is skipped and not counted. System properties for local runs:
 * {@code ember.equivalence.programs} (how many to execute, default 500), {@code
 * ember.equivalence.firstSeed} (default 1) and {@code ember.equivalence.seed} (run that one
 * seed only, to reproduce a failure), {@code ember.equivalence.verbose} (print every program). A failure prints the seed, the tables, the session settings
 * and the program as DSL text.
 */
@ExtendWith(EngineHygiene.class)
class OptimizerEquivalenceTest {
  private static final int DEFAULT_PROGRAMS = 500;
  private static final int MAX_REPORTED_FAILURES = 5;
  /**
   * Text every kind of step and expression writes: each must occur in some executed program. One
   * kind may write several texts, separated by {@code |} (a date part is one of three functions, and
   * under a random seed 500 programs need not hold {@code year(} itself).
   */
  private static final List<String> COVERAGE_MARKERS = List.of(
      ".filter(", ".select(", ".withColumn(", ".drop(", ".withColumnRenamed(", ".groupBy(", ".agg(", ".distinct()",
      ".dropDuplicates()", ".dropDuplicates(\"", ".orderBy(", ".limit(", ".repartition(", ".coalesce(", ".union(",
      ".unionByName(", "\"inner\")", "\"left\")", "\"right\")", "\"full\")", "\"outer\")", "\"left_semi\")",
      "\"left_anti\")", "\"semi\")", "\"anti\")", "\"cross\")", ".crossJoin(", "List.of(", "broadcast(",
      "count(col(\"*\"))", "sum(", "avg(", "min(", "max(", "countDistinct(", ".and(", ".or(", "not(", ".isNull()",
      ".isNotNull()", ".isin(", ".between(", ".like(", ".startsWith(", ".contains(", "when(", ".otherwise(",
      "coalesce(", ".cast(", "lit(null)", "lit(true)", "lit(false)", ".plus(", ".minus(", ".multiply(", ".divide(",
      ".mod(", "abs(", "round(", "upper(", "concat(", "substring(", "length(", "date_add(", "year(|month(|dayofmonth(");

  /** The optimizer's rule names: some programs also run with a random subset of them switched off. */
  private static final List<String> RULE_NAMES = DefaultRuleBatches.batches().stream()
      .flatMap(batch -> batch.rules().stream())
      .map(OptimizerRule::name)
      .distinct()
      .toList();

  private static EmberSession session;

  @BeforeAll
  static void startSession() {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    session = EmberSession.builder().appName("optimizer-equivalence").master("local[2]").getOrCreate();
  }

  @AfterAll
  static void stopSession() {
    session.stop();
  }

  @Test
  void theOptimizerKeepsTheResultsOfRandomPrograms() {
    String single = System.getProperty("ember.equivalence.seed");
    int wanted = single != null ? 1 : Integer.getInteger("ember.equivalence.programs", DEFAULT_PROGRAMS);
    long firstSeed = single != null ? Long.parseLong(single) : Long.getLong("ember.equivalence.firstSeed", 1L);
    long lastSeed = single != null ? firstSeed : firstSeed + 3L * wanted;

    Statistics statistics = new Statistics();
    List<String> failures = new ArrayList<>();
    long started = System.nanoTime();
    for (long seed = firstSeed; seed <= lastSeed && statistics.executed < wanted; seed++) {
      String failure = runProgram(seed, statistics);
      if (failure != null) {
        statistics.failed++;
        if (failures.size() < MAX_REPORTED_FAILURES) {
          failures.add(failure);
        }
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("optimizer equivalence: %d programs executed (%d with rows, %d in order, %d rewritten by the"
            + " optimizer, %d rows compared), %d skipped as not analyzable, %d failed, in %d ms%n",
        statistics.executed, statistics.nonEmpty, statistics.ordered, statistics.rewritten, statistics.rows, statistics.skipped,
        statistics.failed, millis);
    System.out.printf("  operations per program: %.1f on average, %d at most%n",
        statistics.executed == 0 ? 0.0 : (double) statistics.operations / statistics.executed, statistics.maxOperations);
    System.out.printf("  %d programs also ran with some of the %d rules excluded%n", statistics.withExcludedRules, RULE_NAMES.size());
    System.out.printf("  time: %d ms generating and analyzing, %d ms running unoptimized, %d ms running optimized%n",
        statistics.generationNanos / 1_000_000, statistics.unoptimizedNanos / 1_000_000, statistics.optimizedNanos / 1_000_000);
    statistics.skipReasons.forEach(reason -> System.out.println("  skipped: " + reason));
    statistics.coverage.forEach((marker, count) -> System.out.printf("  %5d programs with %s%n", count, marker));

    assertThat(statistics.failed).as("programs whose results differ with the optimizer on; the first ones:\n%s",
        String.join("\n\n", failures)).isZero();
    assertThat(statistics.executed).as("executed programs (skipped: %d)", statistics.skipped).isGreaterThanOrEqualTo(wanted);
    if (wanted >= DEFAULT_PROGRAMS) {
      assertThat(statistics.coverage).as("how many executed programs use each step and expression")
          .allSatisfy((marker, count) -> assertThat(count).as(marker).isPositive());
    }
  }

  /** Whether {@code text} holds one of the marker's alternatives (separated by {@code |}). */
  private static boolean writesAny(String text, String marker) {
    for (String alternative : marker.split("\\|")) {
      if (text.contains(alternative)) {
        return true;
      }
    }
    return false;
  }

  /** The same seed gives the same tables and the same program text. */
  @Test
  void aSeedReproducesItsProgram() {
    for (long seed : new long[] {7, 8, 9}) {
      assertThat(programText(seed)).isEqualTo(programText(seed));
    }
  }

  /** The off switch runs plans as analyzed, so the comparison really is against the unrewritten plan. */
  @Test
  void theOffSwitchRunsThePlanAsAnalyzed() {
    RuntimeConfig conf = session.conf();
    conf.set(ConfigEntries.OPTIMIZER_ENABLED, "false");
    DataFrame frame = session.range(10).filter(dev.ember.sql.functions.lit(1).plus(2).gt(1)).select("id");
    assertThat(frame.queryExecution().optimized()).isEqualTo(frame.queryExecution().analyzed());
    conf.set(ConfigEntries.OPTIMIZER_ENABLED, "true");
  }

  private static String programText(long seed) {
    Random random = new Random(seed);
    RandomTables data = RandomTables.generate(random);
    try {
      return new ProgramGenerator(random, data.frames(session), data).generate().text();
    } catch (AnalysisException notAnalyzable) {
      return "not analyzable: " + notAnalyzable.getMessage();
    }
  }

  /** Runs one seed's program both ways; null when the results agree or it was skipped, else the report. */
  private static String runProgram(long seed, Statistics statistics) {
    Random random = new Random(seed);
    RandomTables data = RandomTables.generate(random);
    Map<String, DataFrame> frames = data.frames(session);
    ProgramGenerator generator = new ProgramGenerator(random, frames, data);
    ProgramGenerator.GeneratedProgram program;
    long generationStarted = System.nanoTime();
    try {
      program = generator.generate();
      statistics.generationNanos += System.nanoTime() - generationStarted;
    } catch (AnalysisException notAnalyzable) {
      statistics.skipped++;
      if (statistics.skipReasons.size() < 10) {
        statistics.skipReasons.add("seed " + seed + ": " + firstLine(notAnalyzable.getMessage()));
      }
      return null;
    }
    int shufflePartitions = 1 + random.nextInt(5);
    String broadcastThreshold = random.nextBoolean() ? "10485760" : "-1";
    RuntimeConfig conf = session.conf();
    conf.set(ConfigEntries.SHUFFLE_PARTITIONS, Integer.toString(shufflePartitions));
    conf.set(ConfigEntries.AUTO_BROADCAST_JOIN_THRESHOLD, broadcastThreshold);
    String context = "seed " + seed + " (rerun alone with -Dember.equivalence.seed=" + seed + "), local[2], "
        + ConfigEntries.SHUFFLE_PARTITIONS + "=" + shufflePartitions + ", "
        + ConfigEntries.AUTO_BROADCAST_JOIN_THRESHOLD + "=" + broadcastThreshold + "\ntables:\n" + data.describe()
        + "program:\n" + program.text();

    List<Row> expected;
    List<Row> actual;
    try {
      conf.set(ConfigEntries.OPTIMIZER_ENABLED, "false");
      long runStarted = System.nanoTime();
      expected = program.frame().collectAsList();
      statistics.unoptimizedNanos += System.nanoTime() - runStarted;
    } catch (RuntimeException failed) {
      return context + "the program failed with the optimizer OFF: " + stackTrace(failed);
    }
    try {
      conf.set(ConfigEntries.OPTIMIZER_ENABLED, "true");
      if (!program.frame().queryExecution().optimized().equals(program.frame().queryExecution().analyzed())) {
        statistics.rewritten++;
      }
      long runStarted = System.nanoTime();
      actual = program.frame().collectAsList();
      statistics.optimizedNanos += System.nanoTime() - runStarted;
    } catch (RuntimeException failed) {
      return context + "the program failed with the optimizer ON (it ran with it off): " + stackTrace(failed);
    }
    statistics.executed++;
    if (Boolean.getBoolean("ember.equivalence.verbose")) {
      System.out.println(context + "rows: " + expected.size() + (program.ordered() ? ", in order" : "") + "\n");
    }
    statistics.ordered += program.ordered() ? 1 : 0;
    statistics.operations += program.operations();
    statistics.maxOperations = Math.max(statistics.maxOperations, program.operations());
    statistics.rows += expected.size();
    statistics.nonEmpty += expected.isEmpty() ? 0 : 1;
    statistics.coverage.replaceAll((marker, count) -> writesAny(program.text(), marker) ? count + 1 : count);
    String difference = RowsComparison.difference(expected, actual, program.ordered());
    if (difference != null) {
      return context + difference;
    }
    List<String> excluded = excludedRules(random);
    if (excluded.isEmpty()) {
      return null;
    }
    statistics.withExcludedRules++;
    String withExcluded = withExcludedRules(program, expected, excluded);
    return withExcluded == null ? null : context + "with the optimizer ON and " + ConfigEntries.OPTIMIZER_EXCLUDED_RULES
        + "=" + String.join(",", excluded) + ", " + withExcluded;
  }

  /** For one program in four, a random subset of the rules (none while the optimizer has no rules). */
  private static List<String> excludedRules(Random random) {
    List<String> excluded = new ArrayList<>();
    if (!RULE_NAMES.isEmpty() && random.nextInt(4) == 0) {
      for (String rule : RULE_NAMES) {
        if (random.nextInt(10) < 3) {
          excluded.add(rule);
        }
      }
    }
    return excluded;
  }

  /** Rules must not depend on each other for correctness: without any subset, the results stay. */
  private static String withExcludedRules(ProgramGenerator.GeneratedProgram program, List<Row> expected, List<String> excluded) {
    RuntimeConfig conf = session.conf();
    try {
      conf.set(ConfigEntries.OPTIMIZER_EXCLUDED_RULES, String.join(",", excluded));
      return RowsComparison.difference(expected, program.frame().collectAsList(), program.ordered());
    } catch (RuntimeException failed) {
      return "the program failed: " + stackTrace(failed);
    } finally {
      conf.set(ConfigEntries.OPTIMIZER_EXCLUDED_RULES, "");
    }
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static String stackTrace(Throwable failure) {
    StringWriter text = new StringWriter();
    failure.printStackTrace(new PrintWriter(text));
    String trace = text.toString();
    return trace.length() > 4000 ? trace.substring(0, 4000) + "\n..." : trace;
  }

  private static final class Statistics {
    int executed;
    int skipped;
    int failed;
    int ordered;
    int rewritten;
    int nonEmpty;
    int withExcludedRules;
    long operations;
    int maxOperations;
    long rows;
    long generationNanos;
    long unoptimizedNanos;
    long optimizedNanos;
    final List<String> skipReasons = new ArrayList<>();
    final Map<String, Integer> coverage = new java.util.LinkedHashMap<>();

    Statistics() {
      COVERAGE_MARKERS.forEach(marker -> coverage.put(marker, 0));
    }
  }
}
