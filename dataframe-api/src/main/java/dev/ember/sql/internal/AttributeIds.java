package dev.ember.sql.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique ids for the attributes of the leaf relations the DataFrame API creates (range,
 * createDataFrame, CSV). The analyzer numbers the attributes it creates itself; to never collide
 * with its numbers before both share one generator, these ids start high.
 */
public final class AttributeIds {
  /** Far above what the analyzer's own counter reaches in a process's lifetime, yet short in explain output. */
  static final long FIRST = 1_000_000_000L;

  private static final AtomicLong NEXT = new AtomicLong(FIRST);

  private AttributeIds() {}

  public static long next() {
    return NEXT.getAndIncrement();
  }
}
