package dev.ember.core.vector;

import java.util.Arrays;

/**
 * Arrays a pipeline reuses batch after batch instead of allocating each batch's afresh: the arrays
 * handed out since the last {@link #reset()}, in order; after a reset the same arrays again, in the
 * same order (grown when a caller asks for more slots). An array may be longer than asked for and
 * holds whatever it held before: callers write every slot they use.
 *
 * <p>A reset says that nothing reads the arrays handed out before it any more. A cached scan resets
 * at each {@code next()} when every operator above it up to an aggregate passes batches on without
 * keeping them and the aggregate copies what it keeps (then asking for the next batch means the
 * previous one is done with): a query like TPC-H Q1 then widens 6 million rows of 7 columns into the
 * same few arrays instead of 290 MB of fresh ones, which the collector and the first touch of fresh
 * heap pages would pay for. Owned by one task thread.
 */
public final class ScratchArrays {
  private long[][] longArrays = new long[8][];
  private int longsHanded;
  private int[][] intArrays = new int[8][];
  private int intsHanded;

  /** The next long array of at least {@code length} slots (contents arbitrary). */
  public long[] longs(int length) {
    if (longsHanded == longArrays.length) {
      longArrays = Arrays.copyOf(longArrays, 2 * longArrays.length);
    }
    long[] array = longArrays[longsHanded];
    if (array == null || array.length < length) {
      array = new long[length];
      longArrays[longsHanded] = array;
    }
    longsHanded++;
    return array;
  }

  /** The next int array of at least {@code length} slots (contents arbitrary). */
  public int[] ints(int length) {
    if (intsHanded == intArrays.length) {
      intArrays = Arrays.copyOf(intArrays, 2 * intArrays.length);
    }
    int[] array = intArrays[intsHanded];
    if (array == null || array.length < length) {
      array = new int[length];
      intArrays[intsHanded] = array;
    }
    intsHanded++;
    return array;
  }

  /** Every array handed out is free again: nothing reads them any more. */
  public void reset() {
    longsHanded = 0;
    intsHanded = 0;
  }

  /** {@code scratch}'s next long array, or a new one of {@code length} slots when there is no scratch. */
  public static long[] longsOrNew(ScratchArrays scratch, int length) {
    return scratch == null ? new long[length] : scratch.longs(length);
  }

  /** {@code scratch}'s next int array, or a new one of {@code length} slots when there is no scratch. */
  public static int[] intsOrNew(ScratchArrays scratch, int length) {
    return scratch == null ? new int[length] : scratch.ints(length);
  }
}
