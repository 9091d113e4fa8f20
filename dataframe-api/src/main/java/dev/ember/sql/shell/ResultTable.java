package dev.ember.sql.shell;

import dev.ember.sql.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * A result as a text table, every value in full (the shell never truncates): a header of the
 * column names, one line a row, {@code NULL} for null, numbers right-aligned and the rest left.
 */
final class ResultTable {
  private ResultTable() {}

  static String format(String[] columns, List<Row> rows) {
    int[] widths = new int[columns.length];
    boolean[] numeric = new boolean[columns.length];
    List<String[]> cells = new ArrayList<>(rows.size());
    for (int column = 0; column < columns.length; column++) {
      widths[column] = columns[column].length();
      numeric[column] = !rows.isEmpty();
    }
    for (Row row : rows) {
      String[] line = new String[columns.length];
      for (int column = 0; column < columns.length; column++) {
        Object value = row.get(column);
        line[column] = value == null ? "NULL" : value.toString();
        widths[column] = Math.max(widths[column], line[column].length());
        if (value != null && !(value instanceof Number)) {
          numeric[column] = false;
        }
      }
      cells.add(line);
    }
    StringBuilder text = new StringBuilder();
    String border = border(widths);
    text.append(border);
    appendLine(text, columns, widths, new boolean[columns.length]);
    text.append(border);
    for (String[] line : cells) {
      appendLine(text, line, widths, numeric);
    }
    if (!cells.isEmpty()) {
      text.append(border);
    }
    return text.toString();
  }

  private static String border(int[] widths) {
    StringBuilder line = new StringBuilder("+");
    for (int width : widths) {
      line.append("-".repeat(width + 2)).append('+');
    }
    return line.append('\n').toString();
  }

  private static void appendLine(StringBuilder text, String[] values, int[] widths, boolean[] rightAligned) {
    text.append('|');
    for (int column = 0; column < values.length; column++) {
      String padding = " ".repeat(widths[column] - values[column].length());
      text.append(' ')
          .append(rightAligned[column] ? padding + values[column] : values[column] + padding)
          .append(" |");
    }
    text.append('\n');
  }
}
