package dev.ember.core.vector;

/**
 * Per-row loops that a query runs once per batch, called per chunk of {@link #ROWS} rows so that a
 * young JVM compiles them early. HotSpot compiles a method once it has been invoked about a hundred
 * times (tier 3: 200 invocations, or 100 with 2,000 invocations and loop iterations together) and
 * counts a loop's iterations toward compiling it on stack only past 60,000: a loop over a 1,000-row
 * batch in a method called once per batch runs interpreted through a fresh JVM's first hundred
 * small queries. Called once per 128 rows, the same loop is compiled after about a dozen of them;
 * once compiled, a call per 128 rows costs nothing measurable.
 *
 * <p>Callers outside this class chunk their own loops with {@link #ROWS}, as {@link #gatherInts} does.
 */
public final class RowChunks {
  /** Rows per call of a chunked loop. */
  public static final int ROWS = 128;

  private RowChunks() {}

  /** {@code target[i] = source[positions[i]]} for {@code i} in {@code [0, count)}. */
  public static void gatherInts(int[] source, int[] positions, int[] target, int count) {
    for (int from = 0; from < count; from += ROWS) {
      gatherInts(source, positions, target, from, Math.min(count, from + ROWS));
    }
  }

  private static void gatherInts(int[] source, int[] positions, int[] target, int from, int to) {
    for (int i = from; i < to; i++) {
      target[i] = source[positions[i]];
    }
  }
}
