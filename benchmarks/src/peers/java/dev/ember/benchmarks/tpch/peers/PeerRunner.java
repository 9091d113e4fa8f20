package dev.ember.benchmarks.tpch.peers;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A peer's side of the benchmark, in a JVM of its own: loads the tables of {@code tables.ddl}
 * (timed), measures the memory they take, runs each query of {@code queries/} once cold and
 * {@code --warm-runs} times more, and writes the report format that Ember's driver reads
 * ({@code RunReport}: one tab-separated record a line, values typed N/L/D/T/S).
 *
 * <p>Arguments: {@code --engine duckdb|spark --data DIR --report FILE [--threads 2] [--warm-runs 3]}
 */
public final class PeerRunner {
  private static final List<String> QUERIES = List.of("q1", "q3", "q5", "q6", "q10", "q12", "q14", "q18");
  private static final String RESOURCES = "/dev/ember/benchmarks/tpch/";

  private PeerRunner() {}

  public static void main(String[] arguments) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int index = 0; index + 1 < arguments.length; index += 2) {
      if (!arguments[index].startsWith("--")) {
        throw new IllegalArgumentException("expected an option such as --engine, got '" + arguments[index] + "'");
      }
      options.put(arguments[index].substring(2), arguments[index + 1]);
    }
    String engineName = required(options, "engine");
    Path data = Path.of(required(options, "data"));
    Path report = Path.of(required(options, "report"));
    int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
    int warmRuns = Integer.parseInt(options.getOrDefault("warm-runs", "3"));

    StringBuilder text = new StringBuilder();
    try (SqlEngine engine = open(engineName, threads)) {
      long loadStart = System.nanoTime();
      for (Map.Entry<String, String> table : tables().entrySet()) {
        engine.load(table.getKey(), table.getValue(), data.resolve(table.getKey()));
      }
      double loadMillis = (System.nanoTime() - loadStart) / 1e6;
      SqlEngine.MemoryUse memory = engine.memoryAfterLoad();
      text.append("engine\t").append(engineName).append('\n');
      text.append("load_ms\t").append(loadMillis).append('\n');
      text.append("heap_after_load_bytes\t").append(memory.bytes()).append('\n');
      text.append("heap_note\t").append(escape(memory.note())).append('\n');
      for (String query : QUERIES) {
        System.err.println(engineName + ": " + query);
        String sql = resource("queries/" + query + ".sql");
        try {
          long start = System.nanoTime();
          List<List<Object>> rows = engine.query(sql);
          double firstMillis = (System.nanoTime() - start) / 1e6;
          StringBuilder warm = new StringBuilder();
          for (int run = 0; run < warmRuns; run++) {
            long runStart = System.nanoTime();
            engine.query(sql);
            warm.append(warm.length() == 0 ? "" : ",").append((System.nanoTime() - runStart) / 1e6);
          }
          text.append("query\t").append(query).append('\t').append(firstMillis).append('\t').append(warm).append('\n');
          for (List<Object> row : rows) {
            text.append("row\t").append(query);
            for (Object value : row) {
              text.append('\t').append(encode(value));
            }
            text.append('\n');
          }
        } catch (Exception failed) {
          text.append("error\t").append(query).append('\t').append(escape(failed.toString())).append('\n');
        }
      }
    }
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, text, StandardCharsets.UTF_8);
  }

  private static SqlEngine open(String engine, int threads) throws Exception {
    switch (engine) {
      case "duckdb":
        return new DuckDbEngine(threads);
      case "spark":
        return new SparkEngine(threads);
      default:
        throw new IllegalArgumentException("unknown peer engine '" + engine + "'; known: duckdb, spark");
    }
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("option --" + name + " is required");
    }
    return value;
  }

  /** tables.ddl: name=columns lines, in order. */
  private static Map<String, String> tables() throws IOException {
    Map<String, String> tables = new LinkedHashMap<>();
    for (String line : resource("tables.ddl").split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        int equals = line.indexOf('=');
        tables.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
      }
    }
    return tables;
  }

  private static String resource(String name) throws IOException {
    try (InputStream input = PeerRunner.class.getResourceAsStream(RESOURCES + name)) {
      if (input == null) {
        throw new IOException("resource " + RESOURCES + name + " is not on the class path (benchmarks/target/classes)");
      }
      return new String(input.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A value as RunReport encodes it: integers as L, floating and decimal numbers as D, dates as T. */
  static String encode(Object value) {
    if (value == null) {
      return "N";
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return "L" + ((Number) value).longValue();
    }
    if (value instanceof BigInteger) {
      return "L" + ((BigInteger) value).longValueExact();
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      return "D" + ((Number) value).doubleValue();
    }
    if (value instanceof LocalDate) {
      return "T" + value;
    }
    if (value instanceof java.sql.Date) {
      return "T" + ((java.sql.Date) value).toLocalDate();
    }
    if (value instanceof Boolean) {
      return "B" + value;
    }
    if (value instanceof String) {
      return "S" + escape((String) value);
    }
    throw new IllegalArgumentException("a query returned a " + value.getClass().getName() + ", which the report cannot hold");
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }
}
