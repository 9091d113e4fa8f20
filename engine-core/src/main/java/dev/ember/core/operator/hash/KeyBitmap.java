package dev.ember.core.operator.hash;

/**
 * The exact set of a frozen one-key table's non-null integer keys as a bitmap: key {@code k} is in
 * the set when {@code 0 <= k - lowest < bits} and bit {@code k - lowest} of {@code words} is set.
 * A scan under a join reads it to drop, before widening its other columns, the rows whose key no
 * build row has (a runtime join filter). Read-only once made; shared by the tasks that probe the table.
 */
public record KeyBitmap(long lowest, long bits, long[] words) {
  public KeyBitmap {
    if (bits < 0 || bits > 64L * words.length) {
      throw new IllegalArgumentException(bits + " bits do not fit " + words.length + " words");
    }
  }

  /** Whether {@code key} is in the set (for tests and single lookups; loops read the words themselves). */
  public boolean contains(long key) {
    long offset = key - lowest;
    return Long.compareUnsigned(offset, bits) < 0 && (words[(int) (offset >>> 6)] & (1L << offset)) != 0;
  }
}
