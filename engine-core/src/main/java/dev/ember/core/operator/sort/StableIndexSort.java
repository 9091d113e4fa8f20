package dev.ember.core.operator.sort;

/**
 * A stable merge sort of an int[] of row indexes by a {@link RowComparator}: no boxing, insertion
 * sort for short runs, and a skip of the merge when two runs are already in order (sorted input
 * costs n comparisons).
 */
final class StableIndexSort {
  private static final int INSERTION_THRESHOLD = 32;

  private StableIndexSort() {}

  static void sort(int[] indexes, int count, RowComparator comparator) {
    if (count < 2) {
      return;
    }
    int[] scratch = new int[count];
    mergeSort(indexes, scratch, 0, count, comparator);
  }

  private static void mergeSort(int[] values, int[] scratch, int from, int to, RowComparator comparator) {
    if (to - from <= INSERTION_THRESHOLD) {
      insertionSort(values, from, to, comparator);
      return;
    }
    int middle = (from + to) >>> 1;
    mergeSort(values, scratch, from, middle, comparator);
    mergeSort(values, scratch, middle, to, comparator);
    if (comparator.compare(values[middle - 1], values[middle]) <= 0) {
      return;
    }
    System.arraycopy(values, from, scratch, from, to - from);
    int left = from;
    int right = middle;
    int out = from;
    while (left < middle && right < to) {
      // Ties take the left run first: that is what keeps the sort stable.
      if (comparator.compare(scratch[right], scratch[left]) < 0) {
        values[out++] = scratch[right++];
      } else {
        values[out++] = scratch[left++];
      }
    }
    while (left < middle) {
      values[out++] = scratch[left++];
    }
    while (right < to) {
      values[out++] = scratch[right++];
    }
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
