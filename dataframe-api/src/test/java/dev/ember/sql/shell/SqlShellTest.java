package dev.ember.sql.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.EmberSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell driven through its standard input (piped), {@code -f} and {@code -e}, its output checked. */
class SqlShellTest {
  @TempDir
  Path folder;

  private record Outcome(int status, String out, String err) {}

  private static Outcome run(String input, String... arguments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = SqlShell.run(arguments, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), outStream,
          errStream, false);
    }
    return new Outcome(status, out.toString(StandardCharsets.UTF_8).replaceAll("\\(\\d+\\.\\d{3} s\\)", "(T s)"),
        err.toString(StandardCharsets.UTF_8));
  }

  /** As Spark's shells, the shell turns the progress bar on; an embedded session has it off (Spark's default). */
  @Test
  void theShellShowsConsoleProgressAndAnEmbeddedSessionDoesNot() {
    try (EmberSession shell = SqlShell.sessionBuilder("local[1]").config("ember.ui.enabled", "false").getOrCreate()) {
      assertThat(shell.conf().get("ember.ui.showConsoleProgress")).isEqualTo("true");
    }
    try (EmberSession embedded = EmberSession.builder().master("local[1]").config("ember.ui.enabled", "false").getOrCreate()) {
      assertThat(embedded.conf().get("ember.ui.showConsoleProgress")).isEqualTo("false");
    }
  }

  @Test
  void pipedStatementsSpanLinesAndPrintTablesWithRowCountAndTime() {
    Outcome outcome = run("""
        CREATE TEMPORARY VIEW people AS
          SELECT * FROM VALUES (1, 'ann', 3.5), (2, 'bob', NULL), (3, 'x;y', 10.25) AS t(id, name, score);
        -- a comment; with a semicolon
        SELECT name, score FROM people
          WHERE id <> 2 ORDER BY id; SELECT count(*) AS n FROM people;
        SELECT id FROM people WHERE id > 5;
        """, "--master", "local[2]");

    assertThat(outcome.status()).isZero();
    assertThat(outcome.out()).isEqualTo("""
        OK (T s)
        +------+-------+
        | name | score |
        +------+-------+
        | ann  |  3.50 |
        | x;y  | 10.25 |
        +------+-------+
        2 rows (T s)
        +---+
        | n |
        +---+
        | 3 |
        +---+
        1 row (T s)
        +----+
        | id |
        +----+
        0 rows (T s)
        """);
  }

  @Test
  void errorsKeepTheShellRunningAndShowTheirPosition() {
    Outcome outcome = run("""
        SELECT 1 AS one;
        SELECT id FROM
          nowhere WHERE;
        SELECT missing FROM VALUES (1) AS t(a);
        SELECT 2 AS two;
        """, "--master", "local[1]");

    assertThat(outcome.status()).isEqualTo(1);
    assertThat(outcome.out())
        .contains("| one |", "| two |")
        .contains("Error: [PARSE_SYNTAX_ERROR]")
        .contains("(line 2, pos 15)", "  nowhere WHERE\n---------------^^^")
        .contains("Error: [UNRESOLVED_COLUMN");
    assertThat(outcome.out().indexOf("| two |")).isGreaterThan(outcome.out().indexOf("UNRESOLVED_COLUMN"));
  }

  @Test
  void aFileOfStatementsRunsAndExplainPrintsThePlan() throws IOException {
    Path file = folder.resolve("queries.sql");
    Files.writeString(file, """
        CREATE TEMPORARY VIEW numbers AS SELECT * FROM VALUES (1), (2), (3) AS t(n);
        EXPLAIN SELECT n FROM numbers WHERE n > 1;
        SELECT sum(n) AS total FROM numbers WHERE n > 1
        """);

    Outcome outcome = run("", "-f", file.toString(), "--master", "local[1]");

    assertThat(outcome.status()).isZero();
    assertThat(outcome.out()).contains("== Physical Plan ==").contains("Union output=")
        .doesNotContain("| plan")
        .endsWith("""
            +-------+
            | total |
            +-------+
            |     5 |
            +-------+
            1 row (T s)
            """);
  }

  @Test
  void dashEStatementsAndQuitAndBadArguments() {
    assertThat(run("", "-e", "SELECT 'a' AS x; SELECT 1 AS y").out()).contains("| x |", "| a |", "| y |", "| 1 |");
    Outcome quit = run("SELECT 1 AS first;\nquit;\nSELECT 2 AS second;\n", "--master", "local[1]");
    assertThat(quit.out()).contains("first").doesNotContain("second");
    Outcome bad = run("", "--bogus");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("bad argument '--bogus'", "usage: bin/ember sql");
    assertThat(run("", "-f", folder.resolve("absent.sql").toString()).err()).contains("does not exist");
  }

  @Test
  void aRunTimeFailureIsReportedAndTheShellGoesOn() {
    Outcome outcome = run("""
        SELECT (SELECT a FROM VALUES (1), (2) AS t(a)) AS v;
        SELECT 'still here' AS s;
        """, "--master", "local[1]");

    assertThat(outcome.status()).isEqualTo(1);
    assertThat(outcome.out()).contains("Error: [SCALAR_SUBQUERY_TOO_MANY_ROWS]").contains("still here");
  }
}
