package dev.ember.core.source;

/** What a reader does with a malformed record, as Spark's {@code mode} option. */
public enum ParseMode {
  /** Fields that do not parse become null; a record with too few or too many fields is kept, padded or cut. */
  PERMISSIVE,
  /** Malformed records are dropped. */
  DROPMALFORMED,
  /** The first malformed record fails the job with an error naming its file and line. */
  FAILFAST
}
