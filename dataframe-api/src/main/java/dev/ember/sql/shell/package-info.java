/**
 * The SQL shell, {@code bin/ember sql [--master M] [-e "query"] [-f file.sql]}: reads statements
 * ended by {@code ;} (from a terminal with line editing and history through JLine, from piped
 * input, a file or the command line), runs each through {@code EmberSession.sql} and prints a
 * result table with its row count and time, an EXPLAIN's plan, or the error (with its line and
 * column), and keeps going.
 *
 * <p>May import: {@code dev.ember.sql} (the public API only) and JLine; nothing imports it.
 */
package dev.ember.sql.shell;
