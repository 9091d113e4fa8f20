package dev.ember.benchmarks.tpch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one engine measured in its own JVM, and the file format it hands to the driver: one
 * tab-separated record a line ({@code engine}, {@code load_ms}, {@code heap_after_load_bytes},
 * {@code heap_note}, {@code query <name> <first ms> <warm ms,...>}, {@code error <name> <message>},
 * {@code row <name> <value>...}). Values are typed by their first character: {@code N} null,
 * {@code L} a whole number, {@code D} a double ({@link Double#toString}), {@code T} a date,
 * {@code S} a string with backslash, tab and newline escaped. The peers' runner writes the same
 * format ({@code src/peers/java}).
 *
 * @param heapNote what {@code heapAfterLoadBytes} measures, for engines that keep tables off the heap
 */
public record RunReport(String engine, double loadMillis, long heapAfterLoadBytes, String heapNote,
    Map<String, QueryRun> queries) {

  /**
   * One query: the first run, the warm runs after it, the answer of the first run (or the error
   * that stopped the query, then no timings).
   */
  public record QueryRun(double firstMillis, List<Double> warmMillis, QueryAnswer answer, String error) {
    public QueryRun {
      warmMillis = List.copyOf(warmMillis);
    }

    public static QueryRun failed(String error) {
      return new QueryRun(Double.NaN, List.of(), new QueryAnswer(List.of()), Objects.requireNonNull(error, "error is null"));
    }

    public boolean succeeded() {
      return error == null;
    }

    /** The median of the warm runs; the first run when there were none; NaN for a failed query. */
    public double warmMedianMillis() {
      if (warmMillis.isEmpty()) {
        return firstMillis;
      }
      List<Double> sorted = new ArrayList<>(warmMillis);
      Collections.sort(sorted);
      int middle = sorted.size() / 2;
      return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
  }

  public RunReport {
    Objects.requireNonNull(engine, "engine is null");
    Objects.requireNonNull(heapNote, "heapNote is null");
    queries = Collections.unmodifiableMap(new LinkedHashMap<>(queries));
  }

  public void write(Path file) {
    StringBuilder text = new StringBuilder();
    text.append("engine\t").append(escape(engine)).append('\n');
    text.append("load_ms\t").append(loadMillis).append('\n');
    text.append("heap_after_load_bytes\t").append(heapAfterLoadBytes).append('\n');
    text.append("heap_note\t").append(escape(heapNote)).append('\n');
    for (Map.Entry<String, QueryRun> entry : queries.entrySet()) {
      QueryRun run = entry.getValue();
      if (!run.succeeded()) {
        text.append("error\t").append(entry.getKey()).append('\t').append(escape(run.error())).append('\n');
        continue;
      }
      StringBuilder warm = new StringBuilder();
      for (double millis : run.warmMillis()) {
        warm.append(warm.isEmpty() ? "" : ",").append(millis);
      }
      text.append("query\t").append(entry.getKey()).append('\t').append(run.firstMillis()).append('\t')
          .append(warm).append('\n');
      for (List<Object> row : run.answer().rows()) {
        text.append("row\t").append(entry.getKey());
        for (Object value : row) {
          text.append('\t').append(encode(value));
        }
        text.append('\n');
      }
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException writeFailed) {
      throw new UncheckedIOException("cannot write the report " + file, writeFailed);
    }
  }

  public static RunReport read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException readFailed) {
      throw new UncheckedIOException("cannot read the report " + file, readFailed);
    }
    String engine = null;
    double loadMillis = Double.NaN;
    long heap = -1;
    String heapNote = "";
    Map<String, double[]> timings = new LinkedHashMap<>();
    Map<String, List<Double>> warm = new LinkedHashMap<>();
    Map<String, List<List<Object>>> rows = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    List<String> order = new ArrayList<>();
    int lineNumber = 0;
    for (String line : lines) {
      lineNumber++;
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      try {
        switch (fields[0]) {
          case "engine" -> engine = unescape(fields[1]);
          case "load_ms" -> loadMillis = Double.parseDouble(fields[1]);
          case "heap_after_load_bytes" -> heap = Long.parseLong(fields[1]);
          case "heap_note" -> heapNote = unescape(fields[1]);
          case "query" -> {
            order.add(fields[1]);
            timings.put(fields[1], new double[] {Double.parseDouble(fields[2])});
            List<Double> warmRuns = new ArrayList<>();
            if (!fields[3].isEmpty()) {
              for (String millis : fields[3].split(",")) {
                warmRuns.add(Double.parseDouble(millis));
              }
            }
            warm.put(fields[1], warmRuns);
            rows.put(fields[1], new ArrayList<>());
          }
          case "error" -> {
            order.add(fields[1]);
            errors.put(fields[1], unescape(fields[2]));
          }
          case "row" -> {
            List<Object> row = new ArrayList<>();
            for (int index = 2; index < fields.length; index++) {
              row.add(decode(fields[index]));
            }
            rows.get(fields[1]).add(row);
          }
          default -> throw new IllegalArgumentException("unknown record " + fields[0]);
        }
      } catch (RuntimeException malformed) {
        throw new IllegalArgumentException(file + ":" + lineNumber + ": malformed report line: " + malformed.getMessage(),
            malformed);
      }
    }
    if (engine == null) {
      throw new IllegalArgumentException(file + ": no engine line; is this a TPC-H run report?");
    }
    Map<String, QueryRun> queries = new LinkedHashMap<>();
    for (String name : order) {
      queries.put(name, errors.containsKey(name)
          ? QueryRun.failed(errors.get(name))
          : new QueryRun(timings.get(name)[0], warm.get(name), new QueryAnswer(rows.get(name)), null));
    }
    return new RunReport(engine, loadMillis, heap, heapNote, queries);
  }

  static String encode(Object value) {
    return switch (value) {
      case null -> "N";
      case Long number -> "L" + number;
      case Double number -> "D" + number;
      case LocalDate date -> "T" + date;
      case Boolean flag -> "B" + flag;
      case String text -> "S" + escape(text);
      default -> throw new IllegalArgumentException("cannot encode a " + value.getClass().getName());
    };
  }

  static Object decode(String field) {
    if (field.isEmpty()) {
      throw new IllegalArgumentException("an empty value field");
    }
    String body = field.substring(1);
    return switch (field.charAt(0)) {
      case 'N' -> null;
      case 'L' -> Long.parseLong(body);
      case 'D' -> Double.parseDouble(body);
      case 'T' -> LocalDate.parse(body);
      case 'B' -> Boolean.parseBoolean(body);
      case 'S' -> unescape(body);
      default -> throw new IllegalArgumentException("unknown value type '" + field.charAt(0) + "'");
    };
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (int index = 0; index < text.length(); index++) {
      char character = text.charAt(index);
      switch (character) {
        case '\\' -> escaped.append("\\\\");
        case '\t' -> escaped.append("\\t");
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        default -> escaped.append(character);
      }
    }
    return escaped.toString();
  }

  static String unescape(String text) {
    StringBuilder plain = new StringBuilder(text.length());
    for (int index = 0; index < text.length(); index++) {
      char character = text.charAt(index);
      if (character != '\\' || index + 1 == text.length()) {
        plain.append(character);
        continue;
      }
      char next = text.charAt(++index);
      plain.append(switch (next) {
        case 't' -> '\t';
        case 'n' -> '\n';
        case 'r' -> '\r';
        default -> next;
      });
    }
    return plain.toString();
  }
}
