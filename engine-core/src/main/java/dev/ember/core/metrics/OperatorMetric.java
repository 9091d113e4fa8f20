package dev.ember.core.metrics;

/**
 * What a task counts for each operator of its stage (see {@link TaskMetrics#operatorValue}): the
 * label is Spark's name for the SQL metric where Spark has one. Summed over a stage's tasks, except
 * {@link #PEAK_MEMORY}, whose stage value is the largest of its tasks'.
 */
public enum OperatorMetric {
  /** Rows the operator returned to its parent. */
  OUTPUT_ROWS("number of output rows"),
  /** Batches the operator returned (a zero-row batch counts). */
  OUTPUT_BATCHES("number of output batches"),
  /** Nanoseconds spent in the operator itself, its children's time excluded; measured per batch. */
  TIME_NANOS("time (ns)"),
  /** Bytes the operator wrote to spill files. */
  SPILL_BYTES("spill size"),
  /** The most execution memory one of the operator's consumers held at once. */
  PEAK_MEMORY("peak memory"),
  /** Rows a join put in its hash table (its build side). */
  BUILD_ROWS("number of build rows");

  /** The metrics, in the order of their slots. */
  public static final OperatorMetric[] ALL = values();

  private final String label;

  OperatorMetric(String label) {
    this.label = label;
  }

  /** The metric's name as the REST API and the pages show it. */
  public String label() {
    return label;
  }

  /** Whether a stage's value is the maximum of its tasks' values rather than their sum. */
  public boolean isMaximum() {
    return this == PEAK_MEMORY;
  }
}
