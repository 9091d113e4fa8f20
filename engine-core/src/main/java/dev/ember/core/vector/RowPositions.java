package dev.ember.core.vector;

/**
 * The identity list of row positions {@code 0, 1, ..., n-1}, which filters, aggregates and joins
 * start from, copied out of one shared template with {@link System#arraycopy} rather than written
 * by a loop of each caller's own: the copy runs at native speed even while the caller is still
 * interpreted, as in a young JVM's first hundred queries, where each such loop over a batch runs
 * once per query and is among the last code the JIT gets to.
 *
 * <p>Thread-safe: the template only grows, by replacing it with a larger one (never written after
 * it is published); lists longer than {@link #MAX_TEMPLATE} are written by a loop, so a huge batch
 * does not leave a huge template behind.
 */
public final class RowPositions {
  /** Sixteen default batches: the longest identity list a template holds (256 KiB). */
  static final int MAX_TEMPLATE = 16 * Batch.DEFAULT_ROWS;

  private static volatile int[] template = identityByLoop(Batch.DEFAULT_ROWS);

  private RowPositions() {}

  /** A new array {@code [0, 1, ..., count)}. */
  public static int[] identity(int count) {
    int[] positions = new int[count];
    fillIdentity(positions, 0, count);
    return positions;
  }

  /** Writes {@code from, from + 1, ..., to - 1} into {@code positions[from..to)}. */
  public static void fillIdentity(int[] positions, int from, int to) {
    if (to <= from) {
      return;
    }
    if (to > MAX_TEMPLATE) {
      for (int i = from; i < to; i++) {
        positions[i] = i;
      }
      return;
    }
    int[] current = template;
    if (current.length < to) {
      current = grow(to);
    }
    System.arraycopy(current, from, positions, from, to - from);
  }

  private static synchronized int[] grow(int length) {
    int[] current = template;
    if (current.length < length) {
      current = identityByLoop(Math.min(MAX_TEMPLATE, Math.max(length, 2 * current.length)));
      template = current;
    }
    return current;
  }

  private static int[] identityByLoop(int length) {
    int[] positions = new int[length];
    for (int i = 0; i < length; i++) {
      positions[i] = i;
    }
    return positions;
  }
}
