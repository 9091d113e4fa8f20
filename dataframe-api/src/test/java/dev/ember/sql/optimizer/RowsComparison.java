package dev.ember.sql.optimizer;

import dev.ember.sql.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Compares two query results: as multisets of rows, or in order when the query ends in a total
 * sort. Doubles are equal within a relative 1e-9 (a sum of doubles depends on the order of adding,
 * which partitioning changes) and -0.0 equals 0.0; every other value must be equal.
 */
final class RowsComparison {
  private static final int SHOWN_ROWS = 10;

  private RowsComparison() {}

  /** Null when the results are the same, else what differs (row counts, first differing rows). */
  static String difference(List<Row> expected, List<Row> actual, boolean ordered) {
    Objects.requireNonNull(expected, "expected is null");
    Objects.requireNonNull(actual, "actual is null");
    List<Row> left = new ArrayList<>(expected);
    List<Row> right = new ArrayList<>(actual);
    if (!ordered) {
      left.sort(ROW_ORDER);
      right.sort(ROW_ORDER);
    }
    String where = ordered ? "in order" : "as multisets (both sorted)";
    int common = Math.min(left.size(), right.size());
    for (int i = 0; i < common; i++) {
      if (!sameRow(left.get(i), right.get(i))) {
        return "the results differ " + where + " at row " + i + " of " + left.size() + " expected, "
            + right.size() + " actual:\n  expected " + left.get(i) + "\n  actual   " + right.get(i)
            + "\n" + around("expected", left, i) + around("actual", right, i);
      }
    }
    if (left.size() != right.size()) {
      List<Row> longer = left.size() > right.size() ? left : right;
      return "the results differ " + where + ": " + left.size() + " rows expected, " + right.size()
          + " actual; the first extra " + (longer == left ? "expected" : "actual") + " rows: "
          + longer.subList(common, Math.min(longer.size(), common + SHOWN_ROWS));
    }
    return null;
  }

  private static String around(String label, List<Row> rows, int index) {
    int from = Math.max(0, index - 2);
    int to = Math.min(rows.size(), index + SHOWN_ROWS);
    return "  " + label + " rows " + from + ".." + (to - 1) + ": " + rows.subList(from, to) + "\n";
  }

  static boolean sameRow(Row left, Row right) {
    if (left.size() != right.size()) {
      return false;
    }
    for (int i = 0; i < left.size(); i++) {
      if (!sameValue(left.get(i), right.get(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean sameValue(Object left, Object right) {
    if (left instanceof Double l && right instanceof Double r) {
      if (l.isNaN() || r.isNaN() || l.isInfinite() || r.isInfinite()) {
        return l.equals(r);
      }
      return Math.abs(l - r) <= Math.max(1e-12, Math.max(Math.abs(l), Math.abs(r)) * 1e-9);
    }
    return Objects.equals(left, right);
  }

  /** A total order to line rows up: nulls first, then by value (exact doubles, -0.0 as 0.0). */
  static final Comparator<Row> ROW_ORDER = (left, right) -> {
    int size = Math.min(left.size(), right.size());
    for (int i = 0; i < size; i++) {
      int order = compareValues(left.get(i), right.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(left.size(), right.size());
  };

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareValues(Object left, Object right) {
    if (left == null || right == null) {
      return left == null ? (right == null ? 0 : -1) : 1;
    }
    if (left instanceof Double l && right instanceof Double r) {
      return Double.compare(l == 0.0 ? 0.0 : l, r == 0.0 ? 0.0 : r);
    }
    if (left.getClass() != right.getClass()) {
      return left.getClass().getName().compareTo(right.getClass().getName());
    }
    return ((Comparable) left).compareTo(right);
  }
}
