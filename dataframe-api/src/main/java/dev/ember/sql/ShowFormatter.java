package dev.ember.sql;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders rows as {@code DataFrame.show()} prints them, character for character as Spark 3.5's
 * {@code showString}: {@code +---+} borders, cells cut to {@code truncate} characters with
 * {@code ...} and right-aligned when truncating (left-aligned otherwise), {@code null} for nulls,
 * dates as {@code yyyy-MM-dd}, timestamps as {@code yyyy-MM-dd HH:mm:ss[.ffffff]} in UTC, and an
 * {@code only showing top N rows} footer when there are more rows.
 */
final class ShowFormatter {
  private static final int MINIMUM_COLUMN_WIDTH = 3;
  /** East Asian wide characters take two columns on a terminal, as in Spark's Utils.stringHalfWidth. */
  private static final Pattern FULL_WIDTH = Pattern.compile(
      "[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6]");

  private ShowFormatter() {}

  /**
   * The table text, ending in a newline.
   *
   * @param fieldNames the column headers
   * @param rows up to {@code numRows + 1} rows; a row beyond {@code numRows} only means "there is more"
   * @param numRows how many rows to show
   * @param truncate the maximum cell width (0: no truncation, cells left-aligned)
   * @param vertical one block per row ({@code -RECORD 0---}) instead of a table
   */
  public static String format(String[] fieldNames, List<Row> rows, int numRows, int truncate, boolean vertical) {
    boolean hasMoreData = rows.size() > numRows;
    List<Row> shown = rows.subList(0, Math.min(numRows, rows.size()));
    List<String[]> cells = new ArrayList<>(shown.size() + 1);
    String[] header = new String[fieldNames.length];
    for (int i = 0; i < header.length; i++) {
      header[i] = truncateCell(fieldNames[i], truncate);
    }
    cells.add(header);
    for (Row row : shown) {
      String[] line = new String[fieldNames.length];
      for (int i = 0; i < line.length; i++) {
        line[i] = truncateCell(cellText(row.get(i)), truncate);
      }
      cells.add(line);
    }
    StringBuilder text = new StringBuilder();
    if (vertical) {
      formatVertical(cells, text);
    } else {
      formatTable(cells, truncate, text);
    }
    if (vertical && shown.isEmpty()) {
      text.append("(0 rows)\n");
    } else if (hasMoreData) {
      text.append("only showing top ").append(numRows).append(numRows == 1 ? " row\n" : " rows\n");
    }
    return text.toString();
  }

  private static void formatTable(List<String[]> cells, int truncate, StringBuilder text) {
    int columnCount = cells.get(0).length;
    int[] widths = new int[columnCount];
    java.util.Arrays.fill(widths, MINIMUM_COLUMN_WIDTH);
    for (String[] row : cells) {
      for (int i = 0; i < columnCount; i++) {
        widths[i] = Math.max(widths[i], halfWidth(row[i]));
      }
    }
    StringBuilder separator = new StringBuilder("+");
    for (int width : widths) {
      separator.append("-".repeat(width)).append('+');
    }
    if (columnCount == 0) {
      separator.append('+');
    }
    separator.append('\n');
    text.append(separator);
    for (int line = 0; line < cells.size(); line++) {
      String[] row = cells.get(line);
      text.append('|');
      for (int i = 0; i < columnCount; i++) {
        String padding = " ".repeat(widths[i] - halfWidth(row[i]));
        text.append(truncate > 0 ? padding + row[i] : row[i] + padding).append('|');
      }
      text.append(columnCount == 0 ? "|\n" : "\n");
      if (line == 0) {
        text.append(separator);
      }
    }
    text.append(separator);
  }

  private static void formatVertical(List<String[]> cells, StringBuilder text) {
    String[] names = cells.get(0);
    int nameWidth = MINIMUM_COLUMN_WIDTH;
    for (String name : names) {
      nameWidth = Math.max(nameWidth, halfWidth(name));
    }
    int dataWidth = MINIMUM_COLUMN_WIDTH;
    for (int line = 1; line < cells.size(); line++) {
      for (String cell : cells.get(line)) {
        dataWidth = Math.max(dataWidth, halfWidth(cell));
      }
    }
    for (int line = 1; line < cells.size(); line++) {
      String header = "-RECORD " + (line - 1);
      text.append(header).append("-".repeat(Math.max(0, nameWidth + dataWidth + 5 - header.length()))).append('\n');
      String[] row = cells.get(line);
      for (int i = 0; i < row.length; i++) {
        text.append(' ').append(names[i]).append(" ".repeat(nameWidth - halfWidth(names[i])))
            .append(" | ").append(row[i]).append(" ".repeat(dataWidth - halfWidth(row[i]))).append(" \n");
      }
    }
  }

  private static String truncateCell(String cell, int truncate) {
    if (truncate > 0 && cell.length() > truncate) {
      return truncate < 4 ? cell.substring(0, truncate) : cell.substring(0, truncate - 3) + "...";
    }
    return cell;
  }

  /** A value as show() prints it, meta characters escaped so that they cannot break the table. */
  public static String cellText(Object value) {
    if (value == null) {
      return "null";
    }
    String text = switch (value) {
      case Instant instant -> timestampText(instant);
      // Spark casts a decimal to its plain digits for show: 0E-10 prints as 0.0000000000.
      case java.math.BigDecimal decimal -> decimal.toPlainString();
      default -> value.toString();
    };
    return escapeMetaCharacters(text);
  }

  /** {@code yyyy-MM-dd HH:mm:ss} in UTC, with the fraction of a second when there is one, trailing zeros cut. */
  public static String timestampText(Instant instant) {
    LocalDateTime time = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    StringBuilder text = new StringBuilder(time.toLocalDate().toString()).append(' ');
    appendTwoDigits(text, time.getHour()).append(':');
    appendTwoDigits(text, time.getMinute()).append(':');
    appendTwoDigits(text, time.getSecond());
    int micros = time.getNano() / 1000;
    if (micros != 0) {
      String fraction = String.format("%06d", micros);
      int end = fraction.length();
      while (fraction.charAt(end - 1) == '0') {
        end--;
      }
      text.append('.').append(fraction, 0, end);
    }
    return text.toString();
  }

  private static StringBuilder appendTwoDigits(StringBuilder text, int value) {
    return text.append(value < 10 ? "0" : "").append(value);
  }

  private static String escapeMetaCharacters(String text) {
    if (text.chars().noneMatch(c -> c < 0x20)) {
      return text;
    }
    return text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t").replace("\f", "\\f")
        .replace("\b", "\\b").replace("\u000B", "\\v").replace("\u0007", "\\a");
  }

  private static int halfWidth(String text) {
    if (text.isEmpty()) {
      return 0;
    }
    int wide = 0;
    java.util.regex.Matcher matcher = FULL_WIDTH.matcher(text);
    while (matcher.find()) {
      wide++;
    }
    return text.length() + wide;
  }
}
