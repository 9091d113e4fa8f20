package dev.ember.core.storage;

/**
 * The row loops of widening stored rows at positions ({@link CompressedSelection#widenAt}): one
 * leaf method per stored width and result type, each a single loop with no call and no branch on
 * the data.
 *
 * <p>Why leaves: the method that picks the loop runs once per column per batch, the loop thousands
 * of times per call. With the loop inside it, the JIT compiled the picking method on stack
 * replacement first (its loop was hot long before the method was called often), with everything
 * it inlines, then again as a whole method, and again after each trap on a branch a later query
 * took: 16 compilations and ~290 ms of the one C2 compiler thread in the TPC-H runner's query phase,
 * on a 2-core machine where that thread competes with the tasks. A leaf is compiled once, small,
 * and the picking method has no loop to be replaced on stack.
 */
final class WideningKernels {
  private WideningKernels() {}

  static void bytesAsInts(byte[] offsets, int base, int[] positions, int count, int[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = base + (offsets[positions[i]] & 0xFF);
    }
  }

  static void bytesAsLongs(byte[] offsets, long base, int[] positions, int count, long[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = base + (offsets[positions[i]] & 0xFF);
    }
  }

  static void shortsAsInts(short[] offsets, int base, int[] positions, int count, int[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = base + (offsets[positions[i]] & 0xFFFF);
    }
  }

  static void shortsAsLongs(short[] offsets, long base, int[] positions, int count, long[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = base + (offsets[positions[i]] & 0xFFFF);
    }
  }

  static void intsAsLongs(int[] offsets, long base, int[] positions, int count, long[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = base + (offsets[positions[i]] & 0xFFFF_FFFFL);
    }
  }

  /** Dictionary ids of one byte at positions, as ints. */
  static void byteIds(byte[] ids, int[] positions, int count, int[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = ids[positions[i]] & 0xFF;
    }
  }

  /** Dictionary ids of two bytes at positions, as ints. */
  static void shortIds(short[] ids, int[] positions, int count, int[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = ids[positions[i]] & 0xFFFF;
    }
  }

  /** Whether each position's bit is set in {@code nullBits}; returns whether any is. */
  static boolean nullsAt(long[] nullBits, int[] positions, int count, boolean[] out) {
    boolean any = false;
    for (int i = 0; i < count; i++) {
      int position = positions[i];
      out[i] = ((nullBits[position >>> 6] >>> position) & 1L) != 0;
      any |= out[i];
    }
    return any;
  }

  static void longsAsInts(long[] values, int count, int[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = (int) values[i];
    }
  }

  /** The high words of 128-bit values whose low words are {@code values} (sign extension). */
  static void signWords(long[] values, int count, long[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = values[i] >> 63;
    }
  }
}
