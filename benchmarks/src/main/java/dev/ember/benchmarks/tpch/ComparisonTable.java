package dev.ember.benchmarks.tpch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The engines' reports side by side as one Markdown table: per query the first run and the median
 * warm run of each engine, each peer's warm time divided by Ember's (above 1: Ember is faster), the
 * row count, and whether every engine's answer agrees with the first report's (same row count and
 * checksum, shown for the first report; or, where the checksums differ, the same rows in the same
 * order with numbers within {@link #RELATIVE_TOLERANCE} plus {@link #ABSOLUTE_TOLERANCE}: Spark and
 * Ember round a decimal average or quotient to scale 6, where DuckDB returns a double); then the geometric mean of the warm runs, the load time and the heap after loading.
 */
public final class ComparisonTable {
  private ComparisonTable() {}

  /** The table; the first report is the reference (Ember) that ratios and agreement refer to. */
  public static String render(List<RunReport> reports) {
    if (reports.isEmpty()) {
      throw new IllegalArgumentException("no reports to compare");
    }
    RunReport reference = reports.getFirst();
    List<String> header = new ArrayList<>(List.of("query", "rows", "checksum"));
    for (RunReport report : reports) {
      header.add(report.engine() + " first ms");
      header.add(report.engine() + " warm ms");
      if (report != reference) {
        header.add(report.engine() + " ÷ " + reference.engine());
      }
    }
    header.add("answers agree");
    List<List<String>> lines = new ArrayList<>();
    for (String query : reference.queries().keySet()) {
      RunReport.QueryRun referenceRun = reference.queries().get(query);
      List<String> line = new ArrayList<>(List.of(query.toUpperCase(Locale.ROOT),
          referenceRun.succeeded() ? String.valueOf(referenceRun.answer().rowCount()) : "-",
          referenceRun.succeeded() ? referenceRun.answer().checksum() : "-"));
      List<String> disagreeing = new ArrayList<>();
      for (RunReport report : reports) {
        RunReport.QueryRun run = report.queries().get(query);
        boolean succeeded = run != null && run.succeeded();
        line.add(succeeded ? millis(run.firstMillis()) : "failed");
        line.add(succeeded ? millis(run.warmMedianMillis()) : "failed");
        if (report != reference) {
          line.add(succeeded && referenceRun.succeeded() ? ratio(run.warmMedianMillis() / referenceRun.warmMedianMillis()) : "-");
        }
        if (report != reference && (!succeeded || !referenceRun.succeeded() || !sameAnswer(run.answer(), referenceRun.answer()))) {
          disagreeing.add(report.engine());
        }
      }
      line.add(reports.size() == 1 || !referenceRun.succeeded() ? "-"
          : disagreeing.isEmpty() ? "yes" : "no: " + String.join(", ", disagreeing));
      lines.add(line);
    }
    lines.add(summaryLine("geomean", reports, reference, report -> geometricMeanWarm(report, reference)));
    lines.add(summaryLine("load 8 tables", reports, reference, report -> report.loadMillis()));
    List<String> heapLine = new ArrayList<>(List.of("heap after load", "", ""));
    for (RunReport report : reports) {
      heapLine.add("");
      heapLine.add(String.format(Locale.ROOT, "%.2f GB", report.heapAfterLoadBytes() / 1e9));
      if (report != reference) {
        heapLine.add("");
      }
    }
    heapLine.add("");
    lines.add(heapLine);

    StringBuilder table = new StringBuilder();
    appendRow(table, header);
    List<String> rule = new ArrayList<>();
    for (int column = 0; column < header.size(); column++) {
      rule.add(column == 0 || column == 2 || column == header.size() - 1 ? "---" : "---:");
    }
    appendRow(table, rule);
    for (List<String> line : lines) {
      appendRow(table, line);
    }
    for (RunReport report : reports) {
      table.append("\n").append(report.engine()).append(" heap: ").append(report.heapNote());
      for (var entry : report.queries().entrySet()) {
        if (!entry.getValue().succeeded()) {
          table.append("\n").append(report.engine()).append(' ').append(entry.getKey()).append(" failed: ")
              .append(entry.getValue().error());
        }
      }
    }
    return table.append('\n').toString();
  }

  /** Same row count and checksum: the answers hold the same rows, in any order. */
  public static boolean sameAnswer(QueryAnswer one, QueryAnswer other) {
    if (one.rowCount() != other.rowCount()) {
      return false;
    }
    return one.checksum().equals(other.checksum()) || sameRowsWithinTolerance(one, other);
  }

  /** Relative tolerance for numbers whose checksums differ: sums in another order. */
  static final double RELATIVE_TOLERANCE = 1e-9;
  /** Absolute tolerance: half a unit of the sixth decimal, a decimal result's smallest scale in Spark. */
  static final double ABSOLUTE_TOLERANCE = 5e-7;

  private static boolean sameRowsWithinTolerance(QueryAnswer one, QueryAnswer other) {
    for (int row = 0; row < one.rowCount(); row++) {
      List<Object> left = one.rows().get(row);
      List<Object> right = other.rows().get(row);
      if (left.size() != right.size()) {
        return false;
      }
      for (int column = 0; column < left.size(); column++) {
        Object a = left.get(column);
        Object b = right.get(column);
        if (a instanceof Double x && b instanceof Double y) {
          if (Math.abs(x - y) > Math.abs(y) * RELATIVE_TOLERANCE + ABSOLUTE_TOLERANCE) {
            return false;
          }
        } else if (!java.util.Objects.equals(a, b)) {
          return false;
        }
      }
    }
    return true;
  }

  private static List<String> summaryLine(String title, List<RunReport> reports, RunReport reference,
      java.util.function.ToDoubleFunction<RunReport> measure) {
    List<String> line = new ArrayList<>(List.of(title, "", ""));
    double referenceValue = measure.applyAsDouble(reference);
    for (RunReport report : reports) {
      double value = measure.applyAsDouble(report);
      line.add("");
      line.add(millis(value));
      if (report != reference) {
        line.add(ratio(value / referenceValue));
      }
    }
    line.add("");
    return line;
  }

  /** The geometric mean of the warm medians over the queries both engines answered. */
  static double geometricMeanWarm(RunReport report, RunReport reference) {
    double logSum = 0;
    int count = 0;
    for (String query : reference.queries().keySet()) {
      RunReport.QueryRun run = report.queries().get(query);
      RunReport.QueryRun referenceRun = reference.queries().get(query);
      if (run != null && run.succeeded() && referenceRun.succeeded()) {
        logSum += Math.log(Math.max(run.warmMedianMillis(), 0.001));
        count++;
      }
    }
    return count == 0 ? Double.NaN : Math.exp(logSum / count);
  }

  static String millis(double millis) {
    if (Double.isNaN(millis)) {
      return "-";
    }
    return millis >= 10 ? String.format(Locale.ROOT, "%,.0f", millis) : String.format(Locale.ROOT, "%.1f", millis);
  }

  static String ratio(double ratio) {
    if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
      return "-";
    }
    return ratio >= 10 ? String.format(Locale.ROOT, "%.0fx", ratio) : String.format(Locale.ROOT, "%.2fx", ratio);
  }

  private static void appendRow(StringBuilder table, List<String> cells) {
    table.append('|');
    for (String cell : cells) {
      table.append(' ').append(Objects.requireNonNull(cell)).append(" |");
    }
    table.append('\n');
  }
}
