package dev.ember.benchmarks.tpch.peers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DuckDB in this process through its JDBC driver: an in-memory database, {@code threads} threads,
 * a memory limit equal to this JVM's max heap (the same budget as the JVM engines), tables created
 * from the files with {@code read_csv} and typed columns.
 */
final class DuckDbEngine implements SqlEngine {
  private final Connection connection;

  DuckDbEngine(int threads) throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET threads = " + threads);
      statement.execute("SET memory_limit = '" + (Runtime.getRuntime().maxMemory() >> 20) + "MB'");
    }
  }

  @Override
  public void load(String name, String ddl, Path folder) throws SQLException {
    StringBuilder columns = new StringBuilder("{");
    // Commas inside DECIMAL(p,s) do not separate columns.
    for (String column : ddl.split(",(?![^(]*\\))")) {
      String[] parts = column.trim().split("\\s+", 2);
      if (columns.length() > 1) {
        columns.append(", ");
      }
      columns.append('\'').append(parts[0]).append("': '").append(duckDbType(parts[1])).append('\'');
    }
    columns.append('}');
    String files = folder.resolve("*.tbl").toString().replace("'", "''");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE " + name + " AS SELECT * FROM read_csv('" + files
          + "', delim = '|', header = false, quote = '\"', dateformat = '%Y-%m-%d', columns = " + columns + ")");
    }
  }

  private static String duckDbType(String sparkType) {
    String declared = sparkType.trim().toUpperCase(Locale.ROOT).replace(" ", "");
    if (declared.matches("DECIMAL\\(\\d+,\\d+\\)")) {
      return declared;
    }
    switch (declared) {
      case "STRING":
        return "VARCHAR";
      case "INT":
        return "INTEGER";
      case "BIGINT":
      case "DOUBLE":
      case "DATE":
        return sparkType.toUpperCase(Locale.ROOT);
      default:
        throw new IllegalArgumentException("tables.ddl has a type the DuckDB runner does not map: " + sparkType);
    }
  }

  @Override
  public List<List<Object>> query(String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData metadata = result.getMetaData();
      int columns = metadata.getColumnCount();
      while (result.next()) {
        List<Object> row = new ArrayList<>(columns);
        for (int column = 1; column <= columns; column++) {
          row.add(result.getObject(column));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Override
  public MemoryUse memoryAfterLoad() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT sum(memory_usage_bytes) FROM duckdb_memory()")) {
      result.next();
      return new MemoryUse(result.getLong(1), "DuckDB's own memory (duckdb_memory()), off the JVM heap");
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
