package dev.ember.benchmarks.tpch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ember.sql.EmberSession;
import io.trino.tpch.LineItem;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's Ember side at SF 0.01 (60,175 lines), checked against two computations that share
 * nothing with Ember: Q1 and Q6 in plain Java over the generator's rows, and all eight queries
 * against the answers Trino's TPC-H module ships for this scale factor ({@code io/trino/tpch/queries/qN.result},
 * exact decimals, compared within the last digit they print).
 */
class EmberTpchAnswersTest {
  private static final double SCALE_FACTOR = 0.01;

  @TempDir
  static Path cache;
  private static EmberSession session;
  private static RunReport report;

  @BeforeAll
  static void runTheQueries() {
    Path data = TpchDataGenerator.generate(cache, SCALE_FACTOR, 2);
    session = EmberSession.builder().appName("tpch-test").master("local[2]").getOrCreate();
    report = EmberTpchRunner.run(session, data, 1, "test");
  }

  @AfterAll
  static void stop() {
    if (session != null) {
      session.stop();
    }
  }

  @Test
  void everyQuerySucceedsWithTheRowCountOfTheReferenceAnswers() throws IOException {
    assertThat(report.queries().keySet()).containsExactlyElementsOf(TpchSchemas.QUERIES);
    for (String query : TpchSchemas.QUERIES) {
      RunReport.QueryRun run = report.queries().get(query);
      assertThat(run.error()).as(query).isNull();
      assertThat(run.answer().rowCount()).as(query + " rows").isEqualTo(trinoAnswer(query).size());
      assertThat(run.warmMillis()).as(query + " warm runs").hasSize(1);
    }
  }

  @Test
  void everyQueryMatchesTrinosReferenceAnswerRowByRow() throws IOException {
    for (String query : TpchSchemas.QUERIES) {
      List<List<Object>> actual = report.queries().get(query).answer().rows();
      List<String[]> expected = trinoAnswer(query);
      for (int row = 0; row < expected.size(); row++) {
        assertThat(actual.get(row)).as("%s row %d", query, row).hasSize(expected.get(row).length);
        for (int column = 0; column < expected.get(row).length; column++) {
          assertMatches(query + " row " + row + " column " + column, actual.get(row).get(column), expected.get(row)[column]);
        }
      }
    }
  }

  @Test
  void q1MatchesPlainJavaOverTheGeneratedRows() {
    long lastDay = LocalDate.of(1998, 9, 2).toEpochDay();
    Map<String, double[]> groups = new TreeMap<>();
    for (LineItem line : TpchTable.LINE_ITEM.createGenerator(SCALE_FACTOR, 1, 1)) {
      if (line.getShipDate() > lastDay) {
        continue;
      }
      double[] sums = groups.computeIfAbsent(line.getReturnFlag() + "|" + line.getStatus(), key -> new double[6]);
      double discounted = line.getExtendedPrice() * (1 - line.getDiscount());
      sums[0] += line.getQuantity();
      sums[1] += line.getExtendedPrice();
      sums[2] += discounted;
      sums[3] += discounted * (1 + line.getTax());
      sums[4] += line.getDiscount();
      sums[5]++;
    }
    List<List<Object>> rows = report.queries().get("q1").answer().rows();
    assertThat(rows).hasSize(groups.size());
    int index = 0;
    for (Map.Entry<String, double[]> group : groups.entrySet()) {
      List<Object> row = rows.get(index++);
      double[] sums = group.getValue();
      assertThat(row.get(0) + "|" + row.get(1)).isEqualTo(group.getKey());
      assertRelative((Double) row.get(2), sums[0]);
      assertRelative((Double) row.get(3), sums[1]);
      assertRelative((Double) row.get(4), sums[2]);
      assertRelative((Double) row.get(5), sums[3]);
      assertRelative((Double) row.get(6), sums[0] / sums[5]);
      assertRelative((Double) row.get(7), sums[1] / sums[5]);
      assertRelative((Double) row.get(8), sums[4] / sums[5]);
      assertThat(row.get(9)).isEqualTo((long) sums[5]);
    }
  }

  @Test
  void q6MatchesPlainJavaOverTheGeneratedRows() {
    long firstDay = LocalDate.of(1994, 1, 1).toEpochDay();
    long endDay = LocalDate.of(1995, 1, 1).toEpochDay();
    double revenue = 0;
    int lines = 0;
    for (LineItem line : TpchTable.LINE_ITEM.createGenerator(SCALE_FACTOR, 1, 1)) {
      if (line.getShipDate() >= firstDay && line.getShipDate() < endDay && line.getDiscountPercent() >= 5
          && line.getDiscountPercent() <= 7 && line.getQuantity() < 24) {
        revenue += line.getExtendedPrice() * line.getDiscount();
        lines++;
      }
    }
    assertThat(lines).isGreaterThan(1000);
    List<List<Object>> rows = report.queries().get("q6").answer().rows();
    assertThat(rows).hasSize(1);
    assertRelative((Double) rows.getFirst().getFirst(), revenue);
  }

  @Test
  void aSecondRunReusesTheGeneratedFiles() throws IOException {
    Path data = TpchDataGenerator.dataDirectory(cache, SCALE_FACTOR);
    Path lineitem = data.resolve("lineitem").resolve("part-1.tbl");
    var written = Files.getLastModifiedTime(lineitem);
    assertThat(TpchDataGenerator.generate(cache, SCALE_FACTOR, 2)).isEqualTo(data);
    assertThat(Files.getLastModifiedTime(lineitem)).isEqualTo(written);
    try (var lines = Files.lines(lineitem)) {
      assertThat(lines.count()).isEqualTo(60_175);
    }
    assertThat(Files.readAllLines(data.resolve("region").resolve("part-1.tbl")).getFirst())
        .as("dbgen's line without its trailing separator")
        .startsWith("0|AFRICA|lar deposits.").doesNotEndWith("|");
  }

  /**
   * Within 1e-9 relative, or half a unit of the sixth decimal: money is DECIMAL(15,2), so sums are
   * exact and averages carry Spark's scale 6 (avg of DECIMAL(15,2) is DECIMAL(19,6)).
   */
  private static void assertRelative(double actual, double expected) {
    assertThat(actual).isCloseTo(expected, within(Math.abs(expected) * 1e-9 + 5e-7));
  }

  /**
   * An expected field: numbers within half a unit of their last printed digit, or of the sixth
   * decimal (Spark's scale of avg and of Q14's division, where Trino prints more digits), the rest
   * exactly.
   */
  private static void assertMatches(String description, Object actual, String expected) {
    switch (actual) {
      case Double number -> {
        BigDecimal exact = new BigDecimal(expected);
        double tolerance = 0.5 * Math.pow(10, -Math.min(Math.max(exact.scale(), 0), 6)) + Math.abs(exact.doubleValue()) * 1e-9;
        assertThat(number).as(description).isCloseTo(exact.doubleValue(), within(tolerance));
      }
      case Long number -> assertThat(number).as(description).isEqualTo(new BigDecimal(expected).longValueExact());
      case LocalDate date -> assertThat(date).as(description).isEqualTo(LocalDate.parse(expected));
      case null -> assertThat(expected).as(description).isEqualTo("null");
      default -> assertThat(actual.toString()).as(description).isEqualTo(expected);
    }
  }

  /** Trino's expected answer of {@code query} at SF 0.01: '|'-separated lines after a comment line. */
  private static List<String[]> trinoAnswer(String query) throws IOException {
    try (InputStream input = TpchTable.class.getResourceAsStream("/io/trino/tpch/queries/" + query + ".result")) {
      assertThat(input).as("Trino's answer of " + query).isNotNull();
      List<String[]> rows = new ArrayList<>();
      for (String line : new String(input.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("--") || line.isBlank()) {
          continue;
        }
        // Lines end with the separator, except some; a trailing empty field is not a column.
        rows.add((line.endsWith("|") ? line.substring(0, line.length() - 1) : line).split("\\|", -1));
      }
      return rows;
    }
  }
}
