package dev.ember.benchmarks.tpch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table columns and the peers' SQL texts, kept as resources next to this class so that every
 * engine reads the same definitions: {@code tables.ddl} (one {@code name=DDL} line a table) and
 * {@code queries/qN.sql} (SQL that DuckDB and Spark both accept).
 */
public final class TpchSchemas {
  /** The queries the runner measures, in the order it runs and prints them. */
  public static final List<String> QUERIES = List.of("q1", "q3", "q5", "q6", "q10", "q12", "q14", "q18");

  /** All 22 TPC-H queries, each with a {@code queries/qN.sql} text; the SQL API ({@code --api sql}) runs them all. */
  public static final List<String> SQL_QUERIES = java.util.stream.IntStream.rangeClosed(1, 22)
      .mapToObj(number -> "q" + number).toList();

  private static final Map<String, String> TABLES = readTables();

  private TpchSchemas() {}

  /** Table name to its columns in Spark's DDL, in the order of {@code tables.ddl}. */
  public static Map<String, String> tables() {
    return TABLES;
  }

  /** The SQL text of query {@code name} (for example {@code q6}) as the peers run it. */
  public static String sql(String name) {
    if (!SQL_QUERIES.contains(name)) {
      throw new IllegalArgumentException("no TPC-H query named '" + name + "'; known: " + SQL_QUERIES);
    }
    return resource("queries/" + name + ".sql");
  }

  private static Map<String, String> readTables() {
    Map<String, String> tables = new LinkedHashMap<>();
    for (String line : resource("tables.ddl").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      if (equals < 1) {
        throw new IllegalStateException("tables.ddl: a line must read name=columns, got: " + line);
      }
      tables.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
    }
    return Collections.unmodifiableMap(tables);
  }

  private static String resource(String name) {
    try (InputStream input = TpchSchemas.class.getResourceAsStream(name)) {
      if (input == null) {
        throw new IllegalStateException("resource " + name + " is missing next to " + TpchSchemas.class.getName());
      }
      return new String(input.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException readFailed) {
      throw new UncheckedIOException("cannot read resource " + name, readFailed);
    }
  }
}
