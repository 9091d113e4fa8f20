package dev.ember.core.expression.evaluation;

/**
 * Validity arrays of kernel results. Vectors are immutable, so a result may share an input's
 * {@code nulls} array when it has exactly the input's nulls; kernels that add nulls of their own
 * take a private copy first.
 */
final class NullMasks {
  private NullMasks() {}

  /** Rows null in either input: {@code null} when neither has nulls; may share one input's array. */
  static boolean[] union(boolean[] left, boolean[] right, int rowCount) {
    if (left == null) {
      return right;
    }
    if (right == null) {
      return left;
    }
    boolean[] union = new boolean[rowCount];
    for (int i = 0; i < rowCount; i++) {
      union[i] = left[i] | right[i];
    }
    return union;
  }

  /** A private, writable copy of {@code nulls} of {@code rowCount} slots, or {@code null}. */
  static boolean[] copy(boolean[] nulls, int rowCount) {
    if (nulls == null) {
      return null;
    }
    boolean[] copy = new boolean[rowCount];
    System.arraycopy(nulls, 0, copy, 0, rowCount);
    return copy;
  }

  /** Whether row {@code row} is null in a validity array that may be {@code null}. */
  static boolean isNull(boolean[] nulls, int row) {
    return nulls != null && nulls[row];
  }

  /** A private, writable validity array: a copy of possibly shared input nulls, or a fresh one. */
  static boolean[] writable(boolean[] nulls, int rowCount) {
    return nulls == null ? new boolean[rowCount] : copy(nulls, rowCount);
  }
}
