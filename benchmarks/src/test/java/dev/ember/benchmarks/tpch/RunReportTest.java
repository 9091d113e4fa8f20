package dev.ember.benchmarks.tpch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
  @TempDir
  Path directory;

  private static RunReport report(String engine, double q1Warm, QueryAnswer q1Answer) {
    Map<String, RunReport.QueryRun> queries = new LinkedHashMap<>();
    queries.put("q1", new RunReport.QueryRun(12.5, List.of(q1Warm, q1Warm * 3, q1Warm / 2), q1Answer, null));
    queries.put("q6", RunReport.QueryRun.failed("boom\tat line 1"));
    return new RunReport(engine, 1500, 3_000_000_000L, "heap used", queries);
  }

  private static QueryAnswer answer() {
    return new QueryAnswer(List.of(
        Arrays.asList("A\tF\\x\n", 380456L, 5.32348211651E8, LocalDate.of(1998, 9, 2), null),
        Arrays.asList("", -1L, -0.5, LocalDate.of(1992, 1, 1), true)));
  }

  @Test
  void aWrittenReportReadsBackWhole() throws Exception {
    RunReport written = report("ember", 10, answer());
    Path file = directory.resolve("reports/ember.txt");
    written.write(file);

    RunReport read = RunReport.read(file);
    assertThat(read).isEqualTo(written);
    assertThat(read.queries().get("q1").warmMedianMillis()).isEqualTo(10);
    assertThat(read.queries().get("q6").succeeded()).isFalse();
    assertThat(read.queries().get("q6").error()).isEqualTo("boom\tat line 1");
  }

  @Test
  void aMalformedReportNamesItsFileAndLine() throws Exception {
    Path file = directory.resolve("bad.txt");
    Files.writeString(file, "engine\tduckdb\nload_ms\tlots\n");
    assertThatThrownBy(() -> RunReport.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.txt:2");
  }

  @Test
  void theTableGivesRatiosAndSaysWhichEnginesDisagree() {
    RunReport ember = report("ember", 10, answer());
    RunReport same = report("duckdb", 5, answer());
    RunReport other = report("spark", 200, new QueryAnswer(List.of(List.of(1L))));

    String table = ComparisonTable.render(List.of(ember, same, other));

    assertThat(table).contains("| query | rows | checksum | ember first ms | ember warm ms | duckdb first ms | duckdb warm ms | duckdb ÷ ember |");
    assertThat(table).contains("| Q1 | 2 | " + answer().checksum() + " | 13 | 10 | 13 | 5.0 | 0.50x | 13 | 200 | 20x | no: spark |");
    assertThat(table).contains("| Q6 | - | - | failed | failed | failed | failed | - | failed | failed | - | - |");
    assertThat(table).contains("ember q6 failed: boom");
    assertThat(table).contains("| load 8 tables |").contains("3.00 GB");
  }
}
