package dev.ember.core.vector;

import java.util.ArrayDeque;
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
 *
 * <p>An operator that ends gives its instance back ({@link #giveBack}) for the next task on the same
 * thread ({@link #take}): the arrays are then touched once per executor thread, not once per task.
 * A young JVM's heap hands out fresh pages, each paying a page fault on first touch (about 3 us on
 * the virtual machines measured), and TPC-H Q1's six tasks widened into 12 MB of fresh scratch a run.
 */
public final class ScratchArrays {
  /** Instances a thread keeps for its next tasks: a task's scans and aggregates take a few. */
  static final int KEPT_PER_THREAD = 4;
  /** An instance holding more than this is not kept (a thread outside an executor keeps little). */
  static final long MAXIMUM_KEPT_BYTES = 4L << 20;
  /** Per thread, instances given back, for the thread's next {@link #take}; each thread reads only its own. */
  private static final ThreadLocal<ArrayDeque<ScratchArrays>> GIVEN_BACK = ThreadLocal.withInitial(ArrayDeque::new);

  private long[][] longArrays = new long[8][];
  private int longsHanded;
  private int[][] intArrays = new int[8][];
  private int intsHanded;
  /** Given back: the owner no longer uses it (a second give-back is ignored). */
  private boolean givenBack;

  /** An instance given back on this thread by an operator that ended, or a new one. */
  public static ScratchArrays take() {
    ScratchArrays scratch = GIVEN_BACK.get().pollFirst();
    if (scratch == null) {
      return new ScratchArrays();
    }
    scratch.givenBack = false;
    return scratch;
  }

  /**
   * Ends the owner's use: nothing reads the arrays handed out any more, nor will. The calling
   * thread's next {@link #take} may return this instance (when the thread keeps fewer than {@value
   * #KEPT_PER_THREAD} and it holds at most {@link #MAXIMUM_KEPT_BYTES}). Idempotent.
   */
  public void giveBack() {
    if (givenBack) {
      return;
    }
    givenBack = true;
    reset();
    ArrayDeque<ScratchArrays> kept = GIVEN_BACK.get();
    if (kept.size() < KEPT_PER_THREAD && retainedBytes() <= MAXIMUM_KEPT_BYTES) {
      kept.addFirst(this);
    }
  }

  /** Bytes of the arrays held. */
  long retainedBytes() {
    long bytes = 0;
    for (long[] array : longArrays) {
      bytes += array == null ? 0 : 8L * array.length;
    }
    for (int[] array : intArrays) {
      bytes += array == null ? 0 : 4L * array.length;
    }
    return bytes;
  }

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
