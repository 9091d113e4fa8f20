package dev.ember.sql.shell;

import dev.ember.sql.AnalysisException;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.internal.ConfigEntries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code bin/ember sql [--master M] [-e "statements"] [-f file.sql]}: Ember's SQL shell.
 *
 * <p>With {@code -e} or {@code -f} it runs those statements and exits; otherwise it reads
 * statements from the terminal (line editing and history in {@code ~/.ember_sql_history}, through
 * JLine) or, when standard input is not a terminal, from the piped input. Statements end with
 * {@code ;} and may span lines. Each result prints as a table followed by its row count and time;
 * an EXPLAIN prints its plan; an error prints its message (a parse error with its line, column and
 * a caret) and the shell goes on. The exit status is 0 when every statement succeeded, 1 when one
 * failed, 2 for bad arguments. {@code quit;} or {@code exit;} (or end of input) leaves the shell.
 * One thread runs it all; the session is the shell's own and stops when it leaves.
 */
public final class SqlShell {
  private static final String PROMPT = "ember-sql> ";
  private static final String CONTINUATION = "         > ";
  private static final String USAGE = "usage: bin/ember sql [--master M] [-e \"statements\"] [-f file.sql]";

  private final EmberSession session;
  private final PrintStream out;
  private boolean failed;

  SqlShell(EmberSession session, PrintStream out) {
    this.session = session;
    this.out = out;
  }

  public static void main(String[] arguments) {
    System.exit(run(arguments, System.in, System.out, System.err, System.console() != null));
  }

  /**
   * Runs the shell with these streams and returns its exit status; {@code interactive} reads from
   * the terminal through JLine instead of {@code in}, when no {@code -e} or {@code -f} is given.
   */
  static int run(String[] arguments, InputStream in, PrintStream out, PrintStream err, boolean interactive) {
    String master = "local[*]";
    String statements = null;
    String file = null;
    for (int i = 0; i < arguments.length; i++) {
      String option = arguments[i];
      if (option.equals("-h") || option.equals("--help")) {
        out.println(USAGE);
        return 0;
      }
      if (i + 1 >= arguments.length || !(option.equals("--master") || option.equals("-e") || option.equals("-f"))) {
        err.println("bad argument '" + option + "'" + (i + 1 >= arguments.length ? " (it needs a value)" : ""));
        err.println(USAGE);
        return 2;
      }
      String value = arguments[++i];
      switch (option) {
        case "--master" -> master = value;
        case "-e" -> statements = value;
        default -> file = value;
      }
    }
    if (file != null) {
      try {
        statements = (statements == null ? "" : statements + ";\n") + Files.readString(Path.of(file));
      } catch (NoSuchFileException missing) {
        err.println("Error: the file " + file + " does not exist.");
        return 2;
      } catch (IOException unreadable) {
        err.println("Error: cannot read " + file + ": " + unreadable.getMessage());
        return 2;
      }
    }
    try (EmberSession session = sessionBuilder(master).getOrCreate()) {
      SqlShell shell = new SqlShell(session, out);
      if (statements != null) {
        shell.runAll(statements);
      } else if (interactive) {
        shell.interactive();
      } else {
        shell.piped(in);
      }
      return shell.failed ? 1 : 0;
    }
  }

  /** The shell's session: as Spark's shells, with the progress bar on (it draws only when stderr is a terminal). */
  static EmberSession.Builder sessionBuilder(String master) {
    return EmberSession.builder().appName("ember-sql").master(master).config(ConfigEntries.UI_SHOW_CONSOLE_PROGRESS, "true");
  }

  /** Every statement of {@code text}, the last one's {@code ;} optional. */
  private void runAll(String text) {
    StatementSplitter splitter = new StatementSplitter();
    for (String statement : splitter.add(text)) {
      if (!execute(statement)) {
        return;
      }
    }
    String rest = splitter.drain();
    if (!rest.isEmpty()) {
      execute(rest);
    }
  }

  private void piped(InputStream in) {
    StatementSplitter splitter = new StatementSplitter();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        for (String statement : splitter.add(line + "\n")) {
          if (!execute(statement)) {
            return;
          }
        }
      }
    } catch (IOException readFailed) {
      out.println("Error: cannot read the input: " + readFailed.getMessage());
      failed = true;
      return;
    }
    String rest = splitter.drain();
    if (!rest.isEmpty()) {
      execute(rest);
    }
  }

  private void interactive() {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      LineReader reader = LineReaderBuilder.builder()
          .terminal(terminal)
          .appName("ember-sql")
          .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".ember_sql_history"))
          .build();
      out.println("Ember " + session.version() + " SQL shell on " + session.master()
          + ". End statements with ';', leave with quit; or Ctrl-D.");
      StatementSplitter splitter = new StatementSplitter();
      while (true) {
        String line;
        try {
          line = reader.readLine(splitter.hasPending() ? CONTINUATION : PROMPT);
        } catch (UserInterruptException interrupted) {
          // Ctrl-C drops the statement being typed, as in a Unix shell.
          splitter.drain();
          continue;
        } catch (EndOfFileException endOfInput) {
          return;
        }
        for (String statement : splitter.add(line + "\n")) {
          if (!execute(statement)) {
            return;
          }
        }
      }
    } catch (IOException terminalFailed) {
      out.println("Error: no terminal: " + terminalFailed.getMessage());
      failed = true;
    }
  }

  /** Runs one statement and prints its outcome; false when it asked to leave the shell. */
  boolean execute(String statement) {
    String command = StatementSplitter.withoutComments(statement).trim().toLowerCase(Locale.ROOT);
    if (command.equals("quit") || command.equals("exit")) {
      return false;
    }
    long start = System.nanoTime();
    try {
      DataFrame result = session.sql(statement);
      String[] columns = result.columns();
      if (columns.length == 0) {
        out.printf(Locale.ROOT, "OK (%.3f s)%n", seconds(start));
        return true;
      }
      List<Row> rows = result.collectAsList();
      if (command.startsWith("explain")) {
        for (Row row : rows) {
          out.println(row.getString(0).stripTrailing());
        }
      } else {
        out.print(ResultTable.format(columns, rows));
      }
      out.printf(Locale.ROOT, "%d %s (%.3f s)%n", rows.size(), rows.size() == 1 ? "row" : "rows", seconds(start));
    } catch (AnalysisException userError) {
      // Parse errors (a ParseException) included: the message has the line, column and a caret.

      failed = true;
      out.println("Error: " + userError.getMessage().stripTrailing());
    } catch (RuntimeException runFailed) {
      failed = true;
      out.println("Error: " + rootMessage(runFailed));
    }
    return true;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /** The innermost cause's message: a failed job wraps the task's exception, whose message says what went wrong. */
  private static String rootMessage(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    // A task's failure crosses to the driver as text that starts with the exception's class name.
    return message.replaceFirst("^([A-Za-z_$][\\w$]*\\.)+[A-Za-z_$][\\w$]*(Exception|Error): ", "").stripTrailing();
  }
}
