package dev.ember.core.vector;

import java.util.Arrays;

/**
 * A growing array of longs kept in fixed pages of {@value #PAGE_LONGS} (64 KiB): slot {@code i} is
 * {@code pages[i >>> PAGE_BITS][i & PAGE_MASK]}. Growing adds pages and never copies the slots
 * already there, and no page is large enough for G1 to place it as a humongous object.
 *
 * <p>Why: per-group state of an aggregate with hundreds of thousands of groups (TPC-H Q18's orders)
 * grew by doubling one flat array, which allocated twice the final size, copied it at every step,
 * and made the last arrays tens of megabytes each. Fresh heap pages cost a page fault each on first
 * touch (about 5 us on a virtual machine), so those copies cost more than the work they held. Callers
 * index the pages in their own loops (the static helpers here only size them); one owner thread.
 */
public final class LongPages {
  public static final int PAGE_BITS = 13;
  public static final int PAGE_LONGS = 1 << PAGE_BITS;
  public static final int PAGE_MASK = PAGE_LONGS - 1;

  private LongPages() {}

  /** No pages: the start of every paged array. */
  public static long[][] empty() {
    return new long[0][];
  }

  /**
   * Pages holding at least {@code slots} longs, zero where new: {@code pages} itself, or a longer
   * page table sharing every existing page. The first page starts small and doubles up to a full
   * page (an aggregate of four groups keeps a few dozen bytes, not 64 KiB); every later page is full.
   * The table has exactly as many entries as pages (a few hundred for a million groups).
   */
  public static long[][] ensure(long[][] pages, long slots) {
    if (slots < 0) {
      throw new IllegalArgumentException("slots must not be negative, got " + slots);
    }
    if (slots <= PAGE_LONGS) {
      if (pages.length == 0) {
        return new long[][] {new long[(int) Math.max(16, slots)]};
      }
      if (pages[0].length < slots) {
        pages[0] = Arrays.copyOf(pages[0], (int) Math.min(PAGE_LONGS, Math.max(slots, 2L * pages[0].length)));
      }
      return pages;
    }
    long needed = (slots + PAGE_MASK) >>> PAGE_BITS;
    if (needed > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("cannot page " + slots + " longs");
    }
    if (needed <= pages.length) {
      return pages;
    }
    long[][] grown = Arrays.copyOf(pages, (int) needed);
    if (pages.length > 0 && grown[0].length < PAGE_LONGS) {
      grown[0] = Arrays.copyOf(grown[0], PAGE_LONGS);
    }
    for (int page = pages.length; page < needed; page++) {
      grown[page] = new long[PAGE_LONGS];
    }
    return grown;
  }

  /** Bytes held by the pages (the page table aside). */
  public static long retainedBytes(long[][] pages) {
    long bytes = 0;
    for (long[] page : pages) {
      bytes += 8L * page.length;
    }
    return bytes;
  }

  /** Copies slots {@code [from, from + count)} of {@code pages} into {@code target} from {@code offset}. */
  public static void copyOut(long[][] pages, long from, long[] target, int offset, int count) {
    long slot = from;
    int written = 0;
    while (written < count) {
      int inPage = (int) (slot & PAGE_MASK);
      int length = Math.min(count - written, PAGE_LONGS - inPage);
      System.arraycopy(pages[(int) (slot >>> PAGE_BITS)], inPage, target, offset + written, length);
      written += length;
      slot += length;
    }
  }
}
