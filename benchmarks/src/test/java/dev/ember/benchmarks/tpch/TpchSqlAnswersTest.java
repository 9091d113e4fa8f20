package dev.ember.benchmarks.tpch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ember.sql.EmberSession;
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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * All 22 TPC-H queries, their SQL texts with the specification's validation parameters, through
 * {@code session.sql} on the runner's data (SF 0.01; {@code -Dember.tpch.sf=0.1} for more), each
 * answer equal to DuckDB's (its JDBC driver, a test-only dependency, an engine that shares nothing
 * with Ember) over the same files and column types: money is DECIMAL(15,2) in both. Decimals that
 * both engines return as decimals compare exactly (by value: the engines' result scales differ);
 * where one side is floating (DuckDB divides decimals into doubles, Spark rounds a quotient to
 * scale 6 or more) within a relative 1e-9 plus half a unit of the sixth decimal; everything else
 * exactly. Rows compare in order (each query's ORDER BY decides it).
 */
class TpchSqlAnswersTest {
  private static final double SCALE_FACTOR = Double.parseDouble(System.getProperty("ember.tpch.sf", "0.01"));

  @TempDir
  static Path cache;
  private static EmberSession session;
  private static Connection duckDb;
  private static TpchTables tables;

  @BeforeAll
  static void loadBothEngines() throws SQLException {
    Path data = TpchDataGenerator.generate(cache, SCALE_FACTOR, 2);
    session = EmberSession.builder().appName("tpch-sql-test").master("local[2]").getOrCreate();
    tables = TpchTables.read(session, data).cached();
    tables.registerViews();
    duckDb = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement statement = duckDb.createStatement()) {
      statement.execute("SET threads = 2");
      for (Map.Entry<String, String> table : TpchSchemas.tables().entrySet()) {
        statement.execute("CREATE TABLE " + table.getKey() + " AS SELECT * FROM read_csv('"
            + data.resolve(table.getKey()).resolve("*.tbl").toString().replace("'", "''")
            + "', delim = '|', header = false, quote = '\"', dateformat = '%Y-%m-%d', columns = "
            + duckDbColumns(table.getValue()) + ")");
      }
    }
  }

  @AfterAll
  static void stop() throws SQLException {
    if (session != null) {
      session.stop();
    }
    if (duckDb != null) {
      duckDb.close();
    }
  }

  static List<String> queries() {
    return TpchSchemas.SQL_QUERIES;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void answerEqualsDuckDbs(String query) throws SQLException {
    String sql = TpchSchemas.sql(query);
    List<List<Object>> expected = duckDbAnswer(sql);
    List<List<Object>> actual = EmberTpchRunner.answer(session.sql(sql).collectAsList()).rows();
    assertThat(expected).as(query + ": DuckDB's answer must not be empty, or the comparison proves little")
        .isNotEmpty();
    assertThat(actual).as(query + " rows").hasSameSizeAs(expected);
    for (int row = 0; row < expected.size(); row++) {
      assertThat(actual.get(row)).as("%s row %d", query, row).hasSameSizeAs(expected.get(row));
      for (int column = 0; column < expected.get(row).size(); column++) {
        assertSameValue(query + " row " + row + " column " + column, actual.get(row).get(column),
            expected.get(row).get(column));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dslQueries")
  void dslQueryGivesTheSameRowsAsItsSqlText(String query) {
    List<List<Object>> dsl = EmberTpchRunner.answer(EmberTpchQueries.query(query).apply(tables).collectAsList()).rows();
    List<List<Object>> sql = EmberTpchRunner.answer(session.sql(TpchSchemas.sql(query)).collectAsList()).rows();
    assertThat(sql).as(query).hasSameSizeAs(dsl);
    for (int row = 0; row < dsl.size(); row++) {
      for (int column = 0; column < dsl.get(row).size(); column++) {
        assertSameValue(query + " row " + row + " column " + column, sql.get(row).get(column), dsl.get(row).get(column));
      }
    }
  }

  static List<String> dslQueries() {
    return TpchSchemas.QUERIES;
  }

  private static void assertSameValue(String description, Object actual, Object expected) {
    if (expected instanceof java.math.BigDecimal expectedDecimal && actual instanceof java.math.BigDecimal actualDecimal) {
      assertThat(actualDecimal).as(description).isEqualByComparingTo(expectedDecimal);
      return;
    }
    if (expected instanceof Number expectedNumber && actual instanceof Number actualNumber) {
      if (isFloating(expectedNumber) || isFloating(actualNumber)) {
        double reference = expectedNumber.doubleValue();
        assertThat(actualNumber.doubleValue()).as(description)
            .isCloseTo(reference, within(Math.abs(reference) * 1e-9 + 5e-7));
      } else {
        assertThat(actualNumber.longValue()).as(description).isEqualTo(expectedNumber.longValue());
      }
      return;
    }
    if (expected == null || actual == null) {
      assertThat(actual).as(description).isEqualTo(expected);
      return;
    }
    assertThat(actual.toString()).as(description).isEqualTo(expected.toString());
  }

  private static boolean isFloating(Number number) {
    return number instanceof Double || number instanceof Float || number instanceof java.math.BigDecimal;
  }

  private static List<List<Object>> duckDbAnswer(String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement statement = duckDb.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData metadata = result.getMetaData();
      int columns = metadata.getColumnCount();
      while (result.next()) {
        List<Object> row = new ArrayList<>(columns);
        for (int column = 1; column <= columns; column++) {
          Object value = result.getObject(column);
          row.add(value instanceof java.sql.Date date ? date.toLocalDate() : value);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The columns of a table's DDL (tables.ddl) as DuckDB's read_csv takes them. */
  private static String duckDbColumns(String ddl) {
    StringBuilder columns = new StringBuilder("{");
    // Commas inside DECIMAL(p,s) do not separate columns.
    for (String column : ddl.split(",(?![^(]*\\))")) {
      String[] parts = column.trim().split("\\s+", 2);
      String declared = parts[1].trim().toUpperCase(Locale.ROOT);
      String type = switch (declared) {
        case "STRING" -> "VARCHAR";
        case "INT" -> "INTEGER";
        case "BIGINT", "DOUBLE", "DATE" -> declared;
        default -> {
          if (!declared.matches("DECIMAL\\(\\d+,\\s*\\d+\\)")) {
            throw new IllegalArgumentException("tables.ddl has a type this test does not map: " + parts[1]);
          }
          yield declared.replace(" ", "");
        }
      };
      columns.append(columns.length() > 1 ? ", " : "").append('\'').append(parts[0]).append("': '").append(type)
          .append('\'');
    }
    return columns.append('}').toString();
  }
}
