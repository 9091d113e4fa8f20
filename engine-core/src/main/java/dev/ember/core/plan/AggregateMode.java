package dev.ember.core.plan;

/** Which half of a two-phase aggregate an operator runs. */
public enum AggregateMode {
  /** Raw rows in; grouping keys plus partial states out (before the shuffle). */
  PARTIAL,
  /** Grouping keys plus partial states in (after the shuffle); grouping keys plus results out. */
  FINAL,
  /** Raw rows in, results out, in one operator (all rows of a group are in one partition). */
  COMPLETE
}
