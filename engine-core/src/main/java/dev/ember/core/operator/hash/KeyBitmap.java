package dev.ember.core.operator.hash;

/**
 * The exact set of a frozen one-key table's non-null integer keys as a bitmap: key {@code k} is in
 * the set when {@code 0 <= k - lowest < bits} and bit {@code k - lowest} of {@code words} is set
 * ({@code lowest} is the bitmap's first key, up to {@link #MARGIN} below the set's lowest).
 * A scan under a join reads it to drop, before widening its other columns, the rows whose key no
 * build row has (a runtime join filter). Read-only once made; shared by the tasks that probe the table.
 */
public record KeyBitmap(long lowest, long bits, long[] words) {
  /** Clear bits {@link #covering} leaves below the lowest key and above the highest: 2^16, one 2-byte offset's range. */
  static final long MARGIN = 1L << 16;

  public KeyBitmap {
    if (bits < 0 || bits > 64L * words.length) {
      throw new IllegalArgumentException(bits + " bits do not fit " + words.length + " words");
    }
  }

  /**
   * The set of {@code keys[0..count)} except the one at {@code skipped} (-1: none), or null when
   * there is none to hold or their span needs {@code maximumBits} bits or more (or overflows a long).
   */
  public static KeyBitmap covering(long[] keys, int count, int skipped, long maximumBits) {
    // One page as long as an array can be: index i is page 0, slot i.
    return covering(new long[][] {keys}, 31, count, skipped, maximumBits);
  }

  /**
   * As {@link #covering(long[], int, int, long)} with key {@code i} at {@code pages[i >>>
   * pageBits][i & (2^pageBits - 1)]} (a one-key table's {@link dev.ember.core.vector.LongPages}).
   * Plain array reads, no function per key: every caller shares one compiled loop that no new
   * caller's class can invalidate.
   */
  public static KeyBitmap covering(long[][] pages, int pageBits, int count, int skipped, long maximumBits) {
    int slotMask = (int) ((1L << pageBits) - 1);
    long lowest = Long.MAX_VALUE;
    long highest = Long.MIN_VALUE;
    for (int i = 0; i < count; i++) {
      long key = pages[i >>> pageBits][i & slotMask];
      boolean counted = i != skipped;
      lowest = counted ? Math.min(lowest, key) : lowest;
      highest = counted ? Math.max(highest, key) : highest;
    }
    // highest - lowest overflows (goes negative) for keys far apart.
    long span = highest - lowest;
    if (lowest > highest || span < 0 || span >= maximumBits) {
      return null;
    }
    // MARGIN clear bits on each side (unless a long would overflow): a cached batch of 1- or 2-byte
    // offsets whose base lies in the key range then lies wholly inside the bitmap, and the scan
    // checks its rows without a bound test (CompressedSelection.selectInKeySet). TPC-H Q5's 10,000
    // supplier keys span less than one batch's 2-byte offsets: every lineitem batch took the
    // bound-checked loop.
    long margin = lowest >= Long.MIN_VALUE + MARGIN && highest <= Long.MAX_VALUE - MARGIN ? MARGIN : 0;
    long first = lowest - margin;
    long bits = span + 1 + 2 * margin;
    long[] words = new long[(int) ((bits + 63) >>> 6)];
    for (int i = 0; i < count; i++) {
      if (i != skipped) {
        long offset = pages[i >>> pageBits][i & slotMask] - first;
        words[(int) (offset >>> 6)] |= 1L << offset;
      }
    }
    return new KeyBitmap(first, bits, words);
  }

  /** Whether {@code key} is in the set (for tests and single lookups; loops read the words themselves). */
  public boolean contains(long key) {
    long offset = key - lowest;
    return Long.compareUnsigned(offset, bits) < 0 && (words[(int) (offset >>> 6)] & (1L << offset)) != 0;
  }
}
