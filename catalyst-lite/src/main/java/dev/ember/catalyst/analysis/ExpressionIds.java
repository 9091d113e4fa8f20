package dev.ember.catalyst.analysis;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The source of attribute ids: one counter for the whole JVM, so ids never repeat between
 * DataFrames and a self-join can tell its two sides apart once the analyzer re-aliases one.
 * Relations built outside the analyzer ({@code LocalRelation}, {@code RangeRelation},
 * {@code CsvRelation}) take their attribute ids from here too.
 */
public final class ExpressionIds {
  private static final AtomicLong NEXT = new AtomicLong();

  private ExpressionIds() {}

  /** A fresh id, never returned before. */
  public static long next() {
    return NEXT.getAndIncrement();
  }
}
