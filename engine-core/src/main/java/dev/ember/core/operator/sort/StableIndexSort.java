package dev.ember.core.operator.sort;

/**
 * A stable merge sort of an int[] of row indexes by a {@link RowComparator}: no boxing, insertion
 * sort for runs of {@value #RUN} rows, then bottom-up merges of runs twice as long each pass, with
 * the merge of two runs skipped (copied) when they are already in order (sorted input costs about
 * n comparisons). A stable sort's output is unique, so this is the order of any stable sort.
 *
 * <p>Loops, not recursion: the JIT compiles this once with three comparator call sites; a
 * recursive sort is inlined into itself and every level's call sites multiply the compiled code
 * (tens of kilobytes for two keys, compiled again whenever a new key type reaches a call site).
 */
final class StableIndexSort {
  private static final int RUN = 32;

  private StableIndexSort() {}

  static void sort(int[] indexes, int count, RowComparator comparator) {
    if (count < 2) {
      return;
    }
    for (int from = 0; from < count; from += RUN) {
      insertionSort(indexes, from, Math.min(from + RUN, count), comparator);
    }
    if (count <= RUN) {
      return;
    }
    int[] source = indexes;
    int[] target = new int[count];
    for (int width = RUN; width < count; width *= 2) {
      for (int from = 0; from < count; from += 2 * width) {
        int middle = Math.min(from + width, count);
        int to = Math.min(from + 2 * width, count);
        merge(source, target, from, middle, to, comparator);
      }
      int[] swap = source;
      source = target;
      target = swap;
    }
    if (source != indexes) {
      System.arraycopy(source, 0, indexes, 0, count);
    }
  }

  /** Merges the sorted runs {@code source[from, middle)} and {@code source[middle, to)} into {@code target[from, to)}. */
  private static void merge(int[] source, int[] target, int from, int middle, int to, RowComparator comparator) {
    if (middle == to || comparator.compare(source[middle - 1], source[middle]) <= 0) {
      System.arraycopy(source, from, target, from, to - from);
      return;
    }
    int left = from;
    int right = middle;
    int out = from;
    while (left < middle && right < to) {
      // Ties take the left run first: that is what keeps the sort stable.
      if (comparator.compare(source[right], source[left]) < 0) {
        target[out++] = source[right++];
      } else {
        target[out++] = source[left++];
      }
    }
    System.arraycopy(source, left, target, out, middle - left);
    out += middle - left;
    System.arraycopy(source, right, target, out, to - right);
  }

  private static void insertionSort(int[] values, int from, int to, RowComparator comparator) {
    for (int i = from + 1; i < to; i++) {
      int value = values[i];
      int j = i - 1;
      while (j >= from && comparator.compare(values[j], value) > 0) {
        values[j + 1] = values[j];
        j--;
      }
      values[j + 1] = value;
    }
  }
}
